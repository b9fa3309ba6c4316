package dev.frontdesk.platform.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import dev.frontdesk.platform.problem.InvalidRequestException;

/**
 * Query parameters read by hand, so that a bad value is a 400 naming the parameter (JAX-RS answers a query
 * parameter it cannot convert with a bare 404).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** An ISO day ({@code 2026-11-23}) as the instant it starts in UTC; null when absent. */
    public static Instant day(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("'" + parameter + "' must be a day like 2026-11-23, not '" + value + "'.");
        }
    }

    /** A constant of {@code type}, case-insensitive; null when absent. */
    public static <E extends Enum<E>> E oneOf(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    "'" + parameter + "' must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }
}

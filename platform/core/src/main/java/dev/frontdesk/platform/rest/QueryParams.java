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

    /** The earliest and latest day a query may name: nothing Frontdesk holds lies outside. */
    public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    /** A period of days as instants (either end null when absent); {@code from} is never after {@code to}. */
    public record Period(Instant from, Instant to) {
    }

    /**
     * An ISO day ({@code 2026-11-23}) between {@link #FIRST_DAY} and {@link #LAST_DAY} as the instant it starts in
     * UTC; null when absent.
     *
     * @throws InvalidRequestException naming the parameter
     */
    public static Instant day(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(parameter, "'" + parameter + "' must be a day like 2026-11-23.");
        }
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw new InvalidRequestException(parameter,
                    "'" + parameter + "' must be a day from " + FIRST_DAY + " to " + LAST_DAY + ".");
        }
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The days {@code from} and {@code to} of a query, each optional.
     *
     * @throws InvalidRequestException when either is not a day in range, or {@code from} is after {@code to}
     */
    public static Period period(String from, String to) {
        Period period = new Period(day("from", from), day("to", to));
        if (period.from() != null && period.to() != null && period.from().isAfter(period.to())) {
            throw new InvalidRequestException("from", "'from' must not be after 'to'.");
        }
        return period;
    }

    /** A constant of {@code type}, case-insensitive; null when absent. */
    public static <E extends Enum<E>> E oneOf(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(parameter, "'" + parameter + "' must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }
}

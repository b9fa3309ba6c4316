package dev.frontdesk.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.frontdesk.platform.problem.InvalidRequestException;

/** Query parameters read by hand: a bad value is an InvalidRequestException naming the parameter (a 400). */
class QueryParamsTest {

    enum Status { RINGING, ANSWERED }

    @Test
    void aDayIsTheInstantItStartsInUtc() {
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), QueryParams.day("from", "2026-11-23"));
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), QueryParams.day("from", " 2026-11-23 "));
        assertEquals(Instant.parse("1970-01-01T00:00:00Z"), QueryParams.day("from", "1970-01-01"));
        assertEquals(Instant.parse("9999-12-31T00:00:00Z"), QueryParams.day("from", "9999-12-31"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "  " })
    void anAbsentDayIsNull(String value) {
        assertNull(QueryParams.day("to", value));
    }

    @ParameterizedTest
    @ValueSource(strings = { "yesterday", "2026-13-01", "2026-02-30", "23/11/2026", "2026-11-23T10:00:00Z",
            "1969-12-31", "+10000-01-01", "-0001-01-01" })
    void aBadDayNamesItsParameter(String value) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> QueryParams.day("to", value));
        assertEquals("to", e.field());
        assertEquals("'to'", e.getMessage().substring(0, 4), e.getMessage());
    }

    @Test
    void aPeriodMayNotEndBeforeItStarts() {
        assertEquals(new QueryParams.Period(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")),
                QueryParams.period("2026-11-01", "2026-11-01"));
        assertEquals(new QueryParams.Period(null, Instant.parse("2026-11-02T00:00:00Z")), QueryParams.period(null, "2026-11-02"));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> QueryParams.period("2026-11-02", "2026-11-01"));
        assertEquals("from", e.field());
        assertEquals("'from' must not be after 'to'.", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({ "ringing, RINGING", "ANSWERED, ANSWERED", "' Answered ', ANSWERED" })
    void aConstantIsReadInAnyCase(String value, Status expected) {
        assertEquals(expected, QueryParams.oneOf("status", value, Status.class));
    }

    @Test
    void anUnknownConstantNamesItsParameterAndTheChoices() {
        assertNull(QueryParams.oneOf("status", null, Status.class));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> QueryParams.oneOf("status", "missed", Status.class));
        assertEquals("status", e.field());
        assertEquals("'status' must be one of [RINGING, ANSWERED].", e.getMessage());
    }
}

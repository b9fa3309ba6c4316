package dev.frontdesk.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void extensionMembersAreWrittenBesideTheStandardOnes() throws Exception {
        Problem problem = new Problem("about:blank", "Conflict", 409, "This booking was cancelled.", "/api/bookings/b1",
                List.of(), Map.of("bookingStatus", "CANCELLED"));
        assertEquals("""
                {"type":"about:blank","title":"Conflict","status":409,"detail":"This booking was cancelled.",\
                "instance":"/api/bookings/b1","bookingStatus":"CANCELLED"}""", json.writeValueAsString(problem));
    }

    @Test
    void aProblemWithoutExtensionsHasOnlyTheStandardMembers() throws Exception {
        Problem problem = new Problem("about:blank", "Bad Request", 400, "The request has invalid fields.", null,
                List.of(new Problem.FieldError("to", "must be a phone number")));
        assertEquals("""
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request has invalid fields.",\
                "errors":[{"field":"to","message":"must be a phone number"}]}""", json.writeValueAsString(problem));
    }
}

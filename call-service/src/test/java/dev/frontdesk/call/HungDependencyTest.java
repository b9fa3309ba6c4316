package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * A request whose dependency never answers (what a paused PostgreSQL does to a query) ends with a 503 at the
 * request deadline (8 s), not never. The system tests pause the real database; here a resource of the tests hangs.
 */
@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class HungDependencyTest {

    /** Waits for ever, like a query on a server that stopped answering. Hidden from the OpenAPI document. */
    @Path("/test/hung-dependency")
    public static class HungResource {

        @GET
        @PermitAll
        @Operation(hidden = true)
        public Uni<String> hang() {
            return Uni.createFrom().nothing();
        }
    }

    @Test
    void aRequestThatGetsNoAnswerFromADependencyIsAnswered503WithRetryAfterAtTheDeadline() {
        long started = System.nanoTime();
        given().when().get("/test/hung-dependency")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503))
                .body("title", equalTo("Service Unavailable"));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds >= 7 && seconds < 12, "answered after the 8 s deadline, took " + seconds + " s");
    }
}

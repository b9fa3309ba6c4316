package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.testing.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import dev.frontdesk.platform.testing.Management;

/** The problem+json answers every endpoint shares, seen through the rooms API. */
@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class RoomResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aRoomIsVisibleToItsOrganizationOnly() {
        var created = given().auth().oauth2(DevTokens.mint("org-a", "staff-a", "staff"))
                .contentType("application/json").body("{}")
                .post("/api/rooms").then().statusCode(201).extract();
        String name = created.path("name");
        String id = created.path("id");

        given().auth().oauth2(DevTokens.mint("org-a", "admin-a", "admin"))
                .get("/api/rooms/" + id).then().statusCode(200)
                .body("name", equalTo(name)).body("maxParticipants", equalTo(2));
        given().auth().oauth2(DevTokens.mint("org-b", "admin-b", "admin"))
                .get("/api/rooms/" + id).then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404)).body("title", equalTo("Not Found"));
    }

    @Test
    void aRoomCanExpireAtAGivenMomentWithinNinetyDays() {
        String token = DevTokens.service("org-a", "booking-webhook-service", "call-service");
        String at = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS).toString();
        given().auth().oauth2(token).contentType("application/json").body("{\"expiresAt\": \"" + at + "\"}")
                .post("/api/rooms").then().statusCode(201).body("expiresAt", equalTo(at));
        given().auth().oauth2(token).contentType("application/json").body("{\"expiresAt\": \"2020-01-01T00:00:00Z\"}")
                .post("/api/rooms").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("expiresAt"));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"expiresAt\": \"" + Instant.now().plus(Duration.ofDays(91)) + "\"}")
                .post("/api/rooms").then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("A room can live 90 days at most."));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"expiresAt\": \"" + at + "\", \"expiresInMinutes\": 5}")
                .post("/api/rooms").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().contentType("application/json").body("{}").post("/api/rooms")
                .then().statusCode(401).contentType(PROBLEM).body("status", equalTo(401));
    }

    @Test
    void aForgedTokenIsRefused() {
        String token = DevTokens.mint("org-a", "staff-a", "staff");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        given().auth().oauth2(forged).contentType("application/json").body("{}").post("/api/rooms")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void invalidFieldsAreListed() {
        given().auth().oauth2(DevTokens.mint("org-a", "staff-a", "staff"))
                .contentType("application/json").body("{\"expiresInMinutes\": 0, \"maxParticipants\": 1}")
                .post("/api/rooms").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("expiresInMinutes"))
                .body("errors.field", hasItem("maxParticipants"));
    }

    @Test
    void malformedJsonIs400() {
        given().auth().oauth2(DevTokens.mint("org-a", "staff-a", "staff"))
                .contentType("application/json").body("{\"expiresInMinutes\": ")
                .post("/api/rooms").then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("The body is not well-formed JSON."));
    }

    @Test
    void aWrongContentTypeIs415() {
        given().auth().oauth2(DevTokens.mint("org-a", "staff-a", "staff"))
                .contentType("text/csv").body("a,b")
                .post("/api/rooms").then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        given().auth().oauth2(DevTokens.mint("org-a", "staff-a", "staff"))
                .contentType("application/json").body(huge)
                .post("/api/rooms").then().statusCode(413).contentType(PROBLEM).body("status", equalTo(413));
    }

    @Test
    void healthAndMetricsAndOpenApiAreServedOnlyOnTheManagementPort() {
        for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui")) {
            given().get(path).then().statusCode(404);
        }
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("database", "SmallRye Reactive Messaging - readiness check"));
        Management.given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("UP"));
        Management.given().get("/q/metrics").then().statusCode(200);
        Management.given().get("/q/openapi").then().statusCode(200);
    }
}

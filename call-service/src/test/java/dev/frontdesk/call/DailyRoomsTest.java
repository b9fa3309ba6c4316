package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.testing.DailyStub;
import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.StubServer;
import dev.frontdesk.platform.testing.StubServer.Response;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Rooms through the Daily client, against a stub that speaks Daily's documented formats. */
@QuarkusTest
@TestProfile(DailyProfile.class)
@WithTestResource(CallServiceTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DailyRoomsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final DailyStub daily = DailyStub.instance();
    private static final TestDatabase db = TestDatabase.forSchema("calls");
    private static final Response SERVER_ERROR = Response.json(500, "{\"error\":\"server-error\",\"info\":\"oops\"}");

    private final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
    private final String service = DevTokens.service(org, "booking-webhook-service", "call-service");

    @BeforeEach
    void fresh() {
        daily.reset();
    }

    @Test
    @Order(1)
    void aRoomIsPrivateExpiresAndHasAnOwnerTokenForTheHostAndAPlainOneForTheGuest() {
        String name = "bk-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode room = daily.read(given().auth().oauth2(service).contentType("application/json").body("""
                {"name": "%s", "expiresInMinutes": 90, "recording": true,
                 "host": {"id": "dana", "name": "Dana Host"}, "guest": {"id": "carl", "name": "Carl Client"}}"""
                .formatted(name))
                .post("/api/rooms").then().statusCode(201)
                .body("provider", equalTo("daily")).body("name", equalTo(name))
                .extract().asString());
        // At Daily (one name space for every organization) the name carries a tag of the org and the creator.
        String atDaily = daily.read(daily.server.requests("POST", "/rooms").get(0).body()).get("name").asText();
        assertTrue(atDaily.matches(name + "-[a-z2-7]{10}"), atDaily);
        assertEquals("https://frontdesk-test.daily.co/" + atDaily, room.get("url").asText());
        assertTrue(room.get("hostUrl").asText().startsWith("https://frontdesk-test.daily.co/" + atDaily + "?t=eyJ."));
        assertTrue(room.get("guestUrl").asText().startsWith("https://frontdesk-test.daily.co/" + atDaily + "?t=eyJ."));
        assertTrue(!room.get("hostUrl").asText().equals(room.get("guestUrl").asText()), "two different tokens");

        List<StubServer.Request> creates = daily.server.requests("POST", "/rooms");
        assertEquals(1, creates.size());
        assertEquals("Bearer " + DailyStub.API_KEY, creates.get(0).header("Authorization"));
        JsonNode body = daily.read(creates.get(0).body());
        assertEquals("private", body.get("privacy").asText());
        JsonNode properties = body.get("properties");
        long exp = properties.get("exp").asLong();
        long expected = Instant.now().plus(Duration.ofMinutes(90)).getEpochSecond();
        assertTrue(Math.abs(exp - expected) < 60, "exp is Unix seconds, 90 minutes ahead: " + exp);
        assertEquals(2, properties.get("max_participants").asInt());
        assertTrue(properties.get("eject_at_room_exp").asBoolean());
        assertTrue(properties.get("enable_screenshare").asBoolean());
        assertTrue(properties.get("enable_chat").asBoolean());
        assertEquals("cloud", properties.get("enable_recording").asText());

        List<JsonNode> tokens = daily.server.requests("POST", "/meeting-tokens").stream()
                .map(request -> daily.read(request.body()).get("properties")).toList();
        assertEquals(2, tokens.size());
        JsonNode host = tokens.stream().filter(t -> t.get("is_owner").asBoolean()).findFirst().orElseThrow();
        JsonNode guest = tokens.stream().filter(t -> !t.get("is_owner").asBoolean()).findFirst().orElseThrow();
        assertEquals(Map.of("room", atDaily, "user", "dana", "exp", exp),
                Map.of("room", host.get("room_name").asText(), "user", host.get("user_id").asText(), "exp",
                        host.get("exp").asLong()));
        assertEquals("carl", guest.get("user_id").asText());
        assertEquals(atDaily, guest.get("room_name").asText());

        // Asking again for the same name is idempotent: the same room, no second create at Daily.
        given().auth().oauth2(service).contentType("application/json").body("{\"name\": \"%s\"}".formatted(name))
                .post("/api/rooms").then().statusCode(200).body("hostUrl", equalTo(room.get("hostUrl").asText()));
        assertEquals(1, daily.server.requests("POST", "/rooms").size());
    }

    @Test
    @Order(2)
    void rateLimitsAndServerErrorsAreRetried() {
        daily.server.failNext("POST", "/rooms",
                new Response(429, Map.of("Content-Type", "application/json", "Retry-After", "1"),
                        "{\"error\":\"rate-limit-error\",\"info\":\"slow down\"}"),
                SERVER_ERROR);
        given().auth().oauth2(service).contentType("application/json").body("{}")
                .post("/api/rooms").then().statusCode(201).body("provider", equalTo("daily"));
        assertEquals(3, daily.server.requests("POST", "/rooms").size());
        assertEquals(1, daily.rooms.size());
    }

    @Test
    @Order(3)
    void aCreateWhoseAnswerWasLostFindsItsRoomByName() {
        daily.loseNextCreateAnswer();
        String name = "bk-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(service).contentType("application/json").body("{\"name\": \"%s\"}".formatted(name))
                .post("/api/rooms").then().statusCode(201).body("name", equalTo(name))
                .body("url", startsWith("https://frontdesk-test.daily.co/" + name + "-"));
        assertEquals(2, daily.server.requests("POST", "/rooms").size(), "the create, then its retry (400: exists)");
        assertEquals(1, daily.server.requests("GET", "/rooms/" + name + "-").size(), "recovered with GET");
        assertEquals(1, daily.rooms.size());
    }

    @Test
    @Order(4)
    void deletingARoomDailyNoLongerKnowsIsFine() {
        String name = given().auth().oauth2(service).contentType("application/json").body("{}")
                .post("/api/rooms").then().statusCode(201).extract().path("name");
        given().auth().oauth2(service).delete("/api/rooms/" + name).then().statusCode(204);
        assertTrue(daily.rooms.isEmpty());

        String expired = given().auth().oauth2(service).contentType("application/json").body("{}")
                .post("/api/rooms").then().statusCode(201).extract().path("name");
        daily.rooms.keySet().removeIf(atDaily -> atDaily.startsWith(expired + "-"));
        given().auth().oauth2(service).delete("/api/rooms/" + expired).then().statusCode(204);
        given().auth().oauth2(service).get("/api/rooms/" + expired).then().statusCode(200)
                .body("deletedAt", notNullValue());
        assertEquals(2, daily.server.requests("DELETE", "/rooms/").size());
    }

    @Test
    @Order(5)
    void aCallsRoomIsADailyRoomWithTheCalleeInTheGuestToken() {
        Scenario s = new Scenario();
        String acme = s.company("Acme");
        String dana = s.person("dana", acme, "staff", "Dana Host");
        s.person("carl", acme, "client", "Carl Client");
        String callId = Scenario.call(dana, "carl");
        String joinUrl = given().auth().oauth2(s.token("carl", "client")).get("/api/calls/" + callId).then()
                .statusCode(200).extract().path("joinUrl");
        assertThat(joinUrl, startsWith("https://frontdesk-test.daily.co/call-"));
        JsonNode guest = daily.server.requests("POST", "/meeting-tokens").stream()
                .map(request -> daily.read(request.body()).get("properties"))
                .filter(t -> !t.get("is_owner").asBoolean()).findFirst().orElseThrow();
        assertEquals("carl", guest.get("user_id").asText());
        assertEquals("Carl Client", guest.get("user_name").asText());
    }

    @Test
    @Order(6)
    void whenDailyIsDownNothingIsCreatedAndTheBreakerStopsCallingIt() {
        Scenario s = new Scenario();
        String acme = s.company("Acme");
        String dana = s.person("dana", acme, "staff", "Dana Host");
        s.person("carl", acme, "client", "Carl Client");
        for (int i = 0; i < 40; i++) {
            daily.server.failNext("POST", "/rooms", SERVER_ERROR);
        }

        given().auth().oauth2(dana).contentType("application/json").body("{\"calleeId\": \"carl\"}")
                .post("/api/calls").then().statusCode(503).contentType(PROBLEM)
                .body("detail", equalTo("The video provider is not available right now; nothing was created. Try again shortly."));
        assertEquals(0, db.count("SELECT count(*) FROM call WHERE org_id = ?", s.org));
        assertEquals(4, daily.server.requests("POST", "/rooms").size(), "one try and three retries");

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(service).contentType("application/json").body("{}")
                    .post("/api/rooms").then().statusCode(503).contentType(PROBLEM);
        }
        int seen = daily.server.requests("POST", "/rooms").size();
        given().auth().oauth2(service).contentType("application/json").body("{}")
                .post("/api/rooms").then().statusCode(503);
        assertEquals(seen, daily.server.requests("POST", "/rooms").size(), "the open breaker answers without Daily");
        assertEquals(0, db.count("SELECT count(*) FROM room WHERE org_id = ?", org));

        // Daily is back: after the breaker's delay a trial call goes through and closes it.
        daily.server.reset();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().auth().oauth2(service).contentType("application/json").body("{}")
                        .post("/api/rooms").then().statusCode(201));
    }
}

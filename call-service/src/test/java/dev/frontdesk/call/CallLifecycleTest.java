package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** A staff↔client call from start to end, through the API and the events other services see. */
@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class CallLifecycleTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String CALLS = "frontdesk.calls";
    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private static final TestDatabase db = TestDatabase.forSchema("calls");
    private static final ObjectMapper json = new ObjectMapper();

    private Scenario s;
    private String dana;
    private String carl;

    @BeforeEach
    void company() {
        s = new Scenario();
        String acme = s.company("Acme");
        dana = s.person("dana", acme, "staff", "Dana Host");
        carl = s.person("carl", acme, "client", "Carl Client");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aCallRingsIsAnsweredAndEndsWithADuration() throws Exception {
        String callId = given().auth().oauth2(dana).contentType("application/json").body("{\"calleeId\": \"carl\"}")
                .post("/api/calls").then().statusCode(201)
                .body("status", equalTo("INITIATED"))
                .body("direction", equalTo("outgoing"))
                .body("otherParty.name", equalTo("Carl Client"))
                .body("joinUrl", containsString("https://meet.jit.si/call-"))
                .body("ringDeadline", notNullValue())
                .extract().path("id");

        ConsumerRecord<String, byte[]> initiated = kafka.await(CALLS,
                Scenario.event("frontdesk.call.initiated.v1", callId), 1, EVENTS).get(0);
        assertEquals(callId, initiated.key());
        JsonNode payload = json.readTree(initiated.value());
        assertEquals("carl", payload.get("calleeId").asText());
        assertEquals("Dana Host", payload.get("callerName").asText());
        assertEquals("https://cdn.example.com/dana.png", payload.get("callerAvatarUrl").asText());
        assertThat(payload.get("joinUrl").asText(), containsString("/call-"));
        assertThat(payload.get("ringDeadline").asText(), notNullValue());

        // notification-service reached Carl's socket: the call rings.
        kafka.publish("frontdesk.notifications", "frontdesk.notification.delivered.v1", "carl", """
                {"recipient": "carl", "kind": "call", "subjectId": "%s", "deliveredAt": "2026-11-22T10:00:00Z"}"""
                .formatted(callId));
        await().atMost(EVENTS).untilAsserted(() -> given().auth().oauth2(carl).get("/api/calls/" + callId)
                .then().statusCode(200).body("status", equalTo("RINGING")).body("direction", equalTo("incoming")));
        kafka.await(CALLS, Scenario.event("frontdesk.call.ringing.v1", callId), 1, EVENTS);

        given().auth().oauth2(carl).post("/api/calls/" + callId + "/answer").then().statusCode(200)
                .body("status", equalTo("ANSWERED")).body("answeredAt", notNullValue())
                .body("joinUrl", containsString("/call-"));
        given().auth().oauth2(dana).post("/api/calls/" + callId + "/end").then().statusCode(200)
                .body("status", equalTo("ENDED")).body("endedBy", equalTo("dana"))
                .body("durationSeconds", greaterThanOrEqualTo(0)).body("durationSource", equalTo("parties"))
                .body("joinUrl", nullValue());

        JsonNode ended = json.readTree(kafka.await(CALLS, Scenario.event("frontdesk.call.ended.v1", callId), 1, EVENTS)
                .get(0).value());
        assertEquals("ENDED", ended.get("status").asText());
        assertEquals("ANSWERED", ended.get("previousStatus").asText());
        // The parties by name too, so a post about the call (Slack's missed call) names people, not ids.
        assertEquals("Dana Host", ended.get("callerName").asText());
        assertEquals("Carl Client", ended.get("calleeName").asText());
        kafka.await(CALLS, Scenario.event("frontdesk.call.answered.v1", callId), 1, EVENTS);
        assertEquals(3, db.count("SELECT count(*) FROM call_transition WHERE call_id = ?::uuid", callId),
                "INITIATED→RINGING→ANSWERED→ENDED is three changes");
    }

    @Test
    void declineCancelAndTheSeedsStatusEndpoint() {
        String declined = Scenario.call(dana, "carl");
        given().auth().oauth2(carl).post("/api/calls/" + declined + "/decline").then().statusCode(200)
                .body("status", equalTo("DECLINED"));

        String cancelled = Scenario.call(carl, "dana");
        given().auth().oauth2(carl).post("/api/calls/" + cancelled + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));

        String patched = Scenario.call(dana, "carl");
        given().auth().oauth2(carl).contentType("application/json").body("{\"status\": \"ANSWERED\"}")
                .patch("/api/calls/" + patched + "/status").then().statusCode(200).body("status", equalTo("ANSWERED"));
        given().auth().oauth2(carl).contentType("application/json").body("{\"status\": \"MISSED\"}")
                .patch("/api/calls/" + patched + "/status").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(carl).contentType("application/json").body("{\"status\": \"ENDED\"}")
                .patch("/api/calls/" + patched + "/status").then().statusCode(200).body("status", equalTo("ENDED"));

        kafka.await(CALLS, Scenario.event("frontdesk.call.declined.v1", declined), 1, EVENTS);
        kafka.await(CALLS, Scenario.event("frontdesk.call.cancelled.v1", cancelled), 1, EVENTS);
    }

    @Test
    void illegalTransitionsAreConflictsAndWrongPartiesAreRefused() {
        String callId = Scenario.call(dana, "carl");
        given().auth().oauth2(dana).post("/api/calls/" + callId + "/answer").then().statusCode(403)
                .contentType(PROBLEM).body("detail", equalTo("Only the callee can answer a call."));
        given().auth().oauth2(carl).post("/api/calls/" + callId + "/cancel").then().statusCode(403);
        given().auth().oauth2(dana).post("/api/calls/" + callId + "/end").then().statusCode(409)
                .contentType(PROBLEM).body("detail", equalTo("The call is INITIATED; it cannot become ENDED."));

        given().auth().oauth2(carl).post("/api/calls/" + callId + "/answer").then().statusCode(200);
        given().auth().oauth2(carl).post("/api/calls/" + callId + "/decline").then().statusCode(409)
                .body("detail", equalTo("The call is ANSWERED; it cannot become DECLINED."));
        given().auth().oauth2(dana).post("/api/calls/" + callId + "/cancel").then().statusCode(409);
        given().auth().oauth2(carl).post("/api/calls/" + callId + "/end").then().statusCode(200);
        for (String action : List.of("answer", "decline", "end")) {
            given().auth().oauth2(carl).post("/api/calls/" + callId + "/" + action).then().statusCode(409);
        }

        // Another user of the organization, and another organization, do not see the call at all.
        String eve = s.person("eve", s.company("Other Co"), "staff", "Eve");
        given().auth().oauth2(eve).post("/api/calls/" + callId + "/end").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(new Scenario().token("carl", "client")).get("/api/calls/" + callId).then()
                .statusCode(404);
        given().auth().oauth2(s.adminToken()).get("/api/calls/" + callId).then().statusCode(200)
                .body("direction", nullValue()).body("caller.name", equalTo("Dana Host"));
    }

    @Test
    void theFirstAnswerWinsAndTheOthersAreConflicts() throws Exception {
        String callId = Scenario.call(dana, "carl");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> answers = Collections.nCopies(8,
                    () -> given().auth().oauth2(carl).post("/api/calls/" + callId + "/answer").statusCode());
            List<Integer> statuses = pool.invokeAll(answers).stream().map(CallLifecycleTest::get).toList();
            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, kafka.readAll(CALLS, Scenario.event("frontdesk.call.answered.v1", callId),
                Duration.ofSeconds(2)).size());
    }

    @Test
    void aCalleeOnAnotherCallIsBusyUntilItEnds() {
        String ben = s.person("ben", given().auth().oauth2(s.adminToken()).get("/api/directory/companies").then()
                .extract().path("[0].id"), "staff", "Ben Busy");
        String first = Scenario.call(dana, "carl");
        given().auth().oauth2(ben).contentType("application/json").body("{\"calleeId\": \"carl\"}")
                .post("/api/calls").then().statusCode(409).contentType(PROBLEM)
                .body("detail", equalTo("Carl Client is busy on another call."));
        given().auth().oauth2(carl).post("/api/calls/" + first + "/decline").then().statusCode(200);
        Scenario.call(ben, "carl");
        assertEquals(2, db.count("SELECT count(*) FROM call WHERE org_id = ? AND callee_id = 'carl'", s.org));
    }

    @Test
    void callsStayWithinACompanyAndBetweenStaffAndClients() {
        String globex = s.company("Globex");
        s.person("gus", globex, "client", "Gus Other");
        String eve = s.person("eve", given().auth().oauth2(s.adminToken()).get("/api/directory/companies").then()
                .extract().path("find { it.name == 'Acme' }.id"), "staff", "Eve Second");

        start(dana, "gus").statusCode(403).contentType(PROBLEM)
                .body("detail", equalTo("You can only call people of your own company."));
        start(dana, "eve").statusCode(403).body("detail", equalTo("Staff call clients, and clients call staff."));
        start(eve, "nobody").statusCode(404);
        start(dana, "dana").statusCode(400);
        start(s.token("stranger", "staff"), "carl").statusCode(403);
        // A user of another organization with the same id is not this Carl.
        Scenario other = new Scenario();
        String otherStaff = other.person("dana", other.company("Acme"), "staff", "Dana Elsewhere");
        start(otherStaff, "carl").statusCode(404);
        assertEquals(0, db.count("SELECT count(*) FROM call WHERE org_id = ?", s.org));
    }

    @Test
    void historyAndStatsSeeEachCallFromTheViewersSide() {
        String answered = Scenario.call(dana, "carl");
        given().auth().oauth2(carl).post("/api/calls/" + answered + "/answer").then().statusCode(200);
        given().auth().oauth2(carl).post("/api/calls/" + answered + "/end").then().statusCode(200);
        String declined = Scenario.call(carl, "dana");
        given().auth().oauth2(dana).post("/api/calls/" + declined + "/decline").then().statusCode(200);

        given().auth().oauth2(carl).get("/api/calls").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].id", equalTo(declined)).body("items[0].direction", equalTo("outgoing"))
                .body("items[0].otherParty.name", equalTo("Dana Host"))
                .body("items[0].otherParty.avatarUrl", equalTo("https://cdn.example.com/dana.png"))
                .body("items[1].direction", equalTo("incoming"));
        given().auth().oauth2(carl).queryParam("status", "ENDED").get("/api/calls").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(answered));
        given().auth().oauth2(carl).queryParam("from", "2000-01-01").queryParam("to", "2000-01-02")
                .get("/api/calls").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(s.adminToken()).queryParam("size", 1).get("/api/calls").then().statusCode(200)
                .body("total", equalTo(2)).body("items.size()", equalTo(1));

        given().auth().oauth2(s.adminToken()).get("/api/calls/stats").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].staffId", equalTo("dana")).body("[0].total", equalTo(2))
                .body("[0].answered", equalTo(1)).body("[0].declined", equalTo(1)).body("[0].missed", equalTo(0))
                .body("[0].averageDurationSeconds", notNullValue());
        given().auth().oauth2(carl).get("/api/calls/stats").then().statusCode(403);
        given().auth().oauth2(carl).queryParam("status", "RINGINGG").get("/api/calls").then().statusCode(400)
                .contentType(PROBLEM).body("detail", containsString("'status' must be one of"));
        given().auth().oauth2(carl).queryParam("from", "yesterday").get("/api/calls").then().statusCode(400)
                .contentType(PROBLEM);
    }

    private ValidatableResponse start(String token, String calleeId) {
        return given().auth().oauth2(token).contentType("application/json")
                .body("{\"calleeId\": \"%s\"}".formatted(calleeId)).post("/api/calls").then();
    }

    private static Integer get(Future<Integer> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

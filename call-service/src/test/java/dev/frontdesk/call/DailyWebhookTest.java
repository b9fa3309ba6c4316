package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.platform.testing.Fixtures;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestDatabase;
import dev.frontdesk.platform.webhook.HmacSha256;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Daily's webhooks as Daily sends them (fixtures of INTEGRATIONS.md §2.7), signed, replayed and forged. */
@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class DailyWebhookTest {

    private static final String SECRET = "ZnJvbnRkZXNrLXRlc3QtZGFpbHktd2ViaG9vay1zZWNyZXQh";
    private static final String FIXTURE_ROOM = "fd-call-2f6c1e0a";
    private static final String CALLS = "frontdesk.calls";
    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private static final TestDatabase db = TestDatabase.forSchema("calls");
    private static final ObjectMapper json = new ObjectMapper();

    private String dana;
    private String carl;

    @BeforeEach
    void company() {
        Scenario s = new Scenario();
        String acme = s.company("Acme");
        dana = s.person("dana", acme, "staff", "Dana Host");
        carl = s.person("carl", acme, "client", "Carl Client");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void theCreationProbeIsAnsweredAndNothingIsStored() {
        long before = db.count("SELECT count(*) FROM daily_webhook_event");
        given().contentType("application/json").body("{\"test\":\"test\"}").post("/webhooks/daily")
                .then().statusCode(200).body("outcome", equalTo("probe"));
        assertEquals(before, db.count("SELECT count(*) FROM daily_webhook_event"));
    }

    @Test
    void unsignedForgedAndStaleEventsAre401AndStoreNothing() {
        String body = withIds(daily("participant-joined.json"), "room-" + UUID.randomUUID().toString().substring(0, 8));
        String eventId = eventId(body);
        String now = String.valueOf(Instant.now().getEpochSecond());

        // The answer names the signature (Daily's webhook log shows it), never a bearer-token challenge.
        given().contentType("application/json").body(body).post("/webhooks/daily")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", nullValue())
                .body("errors[0].field", equalTo("X-Webhook-Signature"))
                .body("detail", equalTo("X-Webhook-Signature / X-Webhook-Timestamp: the signature is missing."));
        given().contentType("application/json").body(body)
                .header("X-Webhook-Timestamp", now).header("X-Webhook-Signature", sign(now, body + " "))
                .post("/webhooks/daily").then().statusCode(401);
        String old = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
        given().contentType("application/json").body(body)
                .header("X-Webhook-Timestamp", old).header("X-Webhook-Signature", sign(old, body))
                .post("/webhooks/daily").then().statusCode(401);
        assertEquals(0, db.count("SELECT count(*) FROM daily_webhook_event WHERE event_id = ?", eventId));
    }

    @Test
    void theCalleeJoiningAnswersTheMeetingEndEndsItWithDailysDurationAndEachEventCountsOnce() throws Exception {
        String callId = Scenario.call(dana, "carl");
        String room = given().auth().oauth2(dana).get("/api/calls/" + callId).then().extract().path("roomName");
        // Daily knows the room by its provider name (org-specific); events keep the organization's name.
        String atDaily = db.text("SELECT provider_name FROM room WHERE name = ?", room);

        // The caller joining changes nothing; the callee joining is an answer.
        String callerJoined = withIds(daily("participant-joined.json"), atDaily);
        post(callerJoined).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(dana).get("/api/calls/" + callId).then().body("status", equalTo("INITIATED"));
        String calleeJoined = withIds(daily("participant-joined.json").replace("staff-0001", "carl")
                .replace("Dana Host", "Carl Client").replace("\"owner\":true", "\"owner\":false")
                .replace("0c0d2dda-", "c0ffee00-").replace("ptcpt-join-", "ptcpt-join-callee-"), atDaily);
        post(calleeJoined).statusCode(200);
        given().auth().oauth2(carl).get("/api/calls/" + callId).then()
                .body("status", equalTo("ANSWERED"));

        ConsumerRecord<String, byte[]> joined = kafka.await(CALLS,
                Scenario.event("frontdesk.room.participant.joined.v1", room), 2, EVENTS).get(1);
        assertEquals(room, joined.key());
        JsonNode joinedPayload = json.readTree(joined.value());
        assertEquals("carl", joinedPayload.get("participant").asText());

        // Daily delivers the same event again: 200, no second effect.
        post(calleeJoined).statusCode(200).body("outcome", equalTo("duplicate"));

        post(withIds(daily("participant-left.json"), atDaily)).statusCode(200);
        post(withIds(daily("meeting-ended.json"), atDaily)).statusCode(200);
        given().auth().oauth2(dana).get("/api/calls/" + callId).then()
                .body("status", equalTo("ENDED")).body("endedBy", equalTo("daily"))
                .body("durationSeconds", equalTo(1708973311 - 1708972279))
                .body("durationSource", equalTo("provider"));
        JsonNode ended = json.readTree(kafka.await(CALLS, Scenario.event("frontdesk.room.ended.v1", room), 1, EVENTS)
                .get(0).value());
        assertEquals(1032, ended.get("durationSeconds").asLong());
        assertEquals(callId, ended.get("callId").asText());
        kafka.await(CALLS, Scenario.event("frontdesk.call.ended.v1", callId), 1, EVENTS);

        post(withIds(daily("recording-ready.json"), atDaily)).statusCode(200);
        given().auth().oauth2(dana).get("/api/calls/" + callId).then()
                .body("recording.id", equalTo("08fa0b24-9220-44c5-846c-3f116cf8e738"))
                .body("recording.durationSeconds", equalTo(1010));
        kafka.await(CALLS, Scenario.event("frontdesk.room.recording.ready.v1", room), 1, EVENTS);

        assertEquals(1, kafka.readAll(CALLS, Scenario.event("frontdesk.call.answered.v1", callId),
                Duration.ofSeconds(1)).size());
        assertEquals(2, kafka.readAll(CALLS, Scenario.event("frontdesk.room.participant.joined.v1", room),
                Duration.ofSeconds(1)).size());
        assertEquals(1, db.count("SELECT count(*) FROM room_participant WHERE room_name = ? AND left_at IS NOT NULL", atDaily));
    }

    /**
     * A delivery Daily's domain-wide webhook sends that must change nothing here, built for one of our calls' rooms
     * ({@code room}: the provider's name, as Daily knows it; {@code ownName}: the organization's name for it).
     * {@code before}: deliveries applied first (for replays); {@code outcome}: what the receipt says.
     */
    record Inert(String name, String outcome, java.util.function.BiFunction<String, String, List<String>> before,
            java.util.function.BiFunction<String, String, String> delivery) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Inert> inertDeliveries() {
        String elsewhere = "calcom-" + UUID.randomUUID().toString().substring(0, 8); // another app's room on the domain
        java.util.function.BiFunction<String, String, List<String>> nothing = (room, own) -> List.of();
        List<Inert> cases = new ArrayList<>(List.of(
                new Inert("participant.joined in a room that is not ours", "ignored", nothing,
                        (room, own) -> unique(withIds(daily("participant-joined.json"), elsewhere))),
                new Inert("participant.left in a room that is not ours", "ignored", nothing,
                        (room, own) -> unique(withIds(daily("participant-left.json"), elsewhere))),
                new Inert("meeting.ended in a room that is not ours", "ignored", nothing,
                        (room, own) -> unique(withIds(daily("meeting-ended.json"), elsewhere))),
                new Inert("recording.ready-to-download of a room that is not ours", "ignored", nothing,
                        (room, own) -> unique(withIds(daily("recording-ready.json"), elsewhere))),
                new Inert("our room named as we name it, not as Daily does", "ignored", nothing,
                        (room, own) -> unique(withIds(daily("meeting-ended.json"), own))),
                new Inert("meeting.started without a room", "ignored", nothing,
                        (room, own) -> event("meeting.started", "{\"start_ts\":1708972279,\"meeting_id\":\"m-1\"}")),
                new Inert("an event without an id, of a type we do not use", "ignored", nothing,
                        (room, own) -> "{\"version\":\"1.0.0\",\"type\":\"streaming.error\",\"payload\":[1,2]}"),
                new Inert("participant.joined delivered again", "duplicate",
                        (room, own) -> List.of(callee(room)), (room, own) -> callee(room)),
                new Inert("meeting.ended delivered again after the call ended", "duplicate",
                        (room, own) -> List.of(callee(room), meetingEnded(room)), (room, own) -> meetingEnded(room))));
        for (String type : List.of("waiting-participant.joined", "waiting-participant.left", "recording.started",
                "recording.error", "streaming.started", "streaming.ended", "transcript.ready-to-download",
                "dialin.connected", "dialout.answered", "batch-processor.job-finished", "meeting.some-future-event")) {
            cases.add(new Inert(type + " in our room", "ignored", nothing, (room, own) -> event(type,
                    "{\"room\":\"" + room + "\",\"room_name\":\"" + room + "\",\"user_id\":\"carl\","
                            + "\"session_id\":\"" + UUID.randomUUID() + "\",\"start_ts\":1708972279}")));
        }
        return cases.stream();
    }

    /**
     * Daily's webhook covers the whole Daily domain and is stopped after repeated failures, so every delivery we do
     * not act on is answered 200 and changes nothing: no receipt, participant, call, transition or event.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("inertDeliveries")
    void deliveriesWeDoNotActOnAreAnswered200AndChangeNothing(Inert inert) {
        String callId = Scenario.call(dana, "carl");
        String own = given().auth().oauth2(dana).get("/api/calls/" + callId).then().extract().path("roomName");
        String room = db.text("SELECT provider_name FROM room WHERE name = ?", own);
        for (String first : inert.before().apply(room, own)) {
            post(first).statusCode(200).body("outcome", equalTo("applied"));
        }
        String before = state(callId, own, room);

        post(inert.delivery().apply(room, own)).statusCode(200).body("outcome", equalTo(inert.outcome()));

        assertEquals(before, state(callId, own, room));
    }

    @Test
    void anEventWeUseWithoutAnIdOrAPayloadIsA400NamingTheField() {
        post(event("meeting.ended", "{}").replaceFirst("\"id\":\"[^\"]*\",", "")).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        post(event("meeting.ended", "[]")).statusCode(400).body("errors[0].field", equalTo("payload"));
    }

    @Test
    void oddValuesInAnEventOfOurRoomAreAppliedAsFarAsTheyGoNeverA5xx() {
        String callId = Scenario.call(dana, "carl");
        String own = given().auth().oauth2(dana).get("/api/calls/" + callId).then().extract().path("roomName");
        String room = db.text("SELECT provider_name FROM room WHERE name = ?", own);
        // No session id, a time past year 9999, a negative duration, an end before the start.
        post(event("participant.joined", "{\"room\":\"" + room + "\",\"user_id\":\"carl\",\"joined_at\":1e300}"))
                .statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(carl).get("/api/calls/" + callId).then().body("status", equalTo("ANSWERED"));
        post(event("participant.left", "{\"room\":\"" + room + "\",\"user_id\":\"carl\",\"session_id\":\""
                + UUID.randomUUID() + "\",\"joined_at\":1708972279,\"duration\":-5}")).statusCode(200);
        post(event("meeting.ended", "{\"room\":\"" + room + "\",\"start_ts\":1708973311,\"end_ts\":1708972279}"))
                .statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(dana).get("/api/calls/" + callId).then().body("status", equalTo("ENDED"))
                .body("durationSource", equalTo("parties"));
    }

    /** What a delivery could have changed, for one call and its room. */
    private static String state(String callId, String own, String room) {
        return String.join(" | ",
                "receipts " + db.count("SELECT count(*) FROM daily_webhook_event"),
                "participants " + db.count("SELECT count(*) FROM room_participant"),
                "events " + db.count("SELECT count(*) FROM outbox WHERE subject IN (?, ?)", callId, own),
                "transitions " + db.count("SELECT count(*) FROM call_transition WHERE call_id = ?::uuid", callId),
                "call " + db.text("SELECT row(status, ringing_at, answered_at, ended_at, ended_by, duration_seconds, "
                        + "duration_source, recording_id)::text FROM call WHERE id = ?::uuid", callId),
                "room " + db.text("SELECT row(started_at, ended_at)::text FROM room WHERE provider_name = ?", room));
    }

    /** Carl (the callee) joining the room: it answers the call. */
    private static String callee(String room) {
        return withIds(daily("participant-joined.json").replace("staff-0001", "carl").replace("Dana Host", "Carl Client")
                .replace("\"owner\":true", "\"owner\":false").replace("0c0d2dda-f21d-4cf9-ab56-86bf3c407ffa", "carl-in-" + room),
                room);
    }

    private static String meetingEnded(String room) {
        return withIds(daily("meeting-ended.json"), room);
    }

    /** An event of {@code type} with a fresh id. */
    private static String event(String type, String payload) {
        return "{\"version\":\"1.0.0\",\"type\":\"" + type + "\",\"id\":\"" + type + "-" + UUID.randomUUID()
                + "\",\"payload\":" + payload + ",\"event_ts\":1708972279.961}";
    }

    /** The fixture with an id of its own (the fixtures' ids would dedupe each other across cases). */
    private static String unique(String body) {
        return body.replaceFirst("\"id\":\"", "\"id\":\"" + UUID.randomUUID() + "-");
    }

    private ValidatableResponse post(String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return given().contentType("application/json").body(body)
                .header("X-Webhook-Timestamp", timestamp).header("X-Webhook-Signature", sign(timestamp, body))
                .post("/webhooks/daily").then();
    }

    private static String sign(String timestamp, String body) {
        return HmacSha256.base64(Base64.getDecoder().decode(SECRET),
                (timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    }

    /** The fixture for this room; its event id made unique so runs do not dedupe each other. */
    private static String withIds(String fixture, String room) {
        return fixture.replace(FIXTURE_ROOM, room).replaceFirst("\"id\":\"", "\"id\":\"" + room + "-");
    }

    /** A Daily fixture (its trailing newline dropped: Daily sends none). */
    private static String daily(String name) {
        return Fixtures.text("daily/" + name).strip();
    }

    private static String eventId(String body) {
        try {
            return json.readTree(body).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

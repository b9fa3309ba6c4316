package dev.frontdesk.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.notification.service.NotificationEvents;
import dev.frontdesk.platform.outbox.OutboxRelay;
import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class UserSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource
    URI base;

    @Inject
    OutboxRelay relay;

    private final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private final TestDatabase database = TestDatabase.forSchema("notifications");

    @BeforeEach
    void fanOutIsRunning() {
        SocketWarmUp.awaitFanOut(base);
    }

    @Test
    void incomingCallRingsEverySocketOfTheCalleeAndNoOneElseAndReportsTheDeliveryOnce() throws Exception {
        String org = "org-" + UUID.randomUUID();
        String callee = "client-" + UUID.randomUUID();
        String callId = UUID.randomUUID().toString();
        try (Sockets tab = Sockets.user(base, DevTokens.mint(org, callee, "client"), null);
                Sockets phone = Sockets.user(base, DevTokens.mint(org, callee, "client"), null);
                Sockets sameIdOtherOrg = Sockets.user(base, DevTokens.mint("other-" + org, callee, "client"), null);
                Sockets colleague = Sockets.user(base, DevTokens.mint(org, "staff-" + UUID.randomUUID(), "staff"), null)) {
            awaitOnline(org, callee, 2);

            kafka.publish("frontdesk.calls", "frontdesk.call.initiated.v1", callId, """
                    {"callId": "%s", "org": "%s", "callerId": "staff-1", "callerName": "Ann Host",
                     "callerAvatarUrl": "https://cdn.example.com/ann.png",
                     "caller": {"id": "staff-1", "name": "Ann Host", "avatarUrl": "https://cdn.example.com/ann.png",
                                "role": "staff"},
                     "calleeId": "%s", "roomName": "call-fd-1", "roomUrl": "https://meet.jit.si/fd-1",
                     "joinUrl": "https://meet.jit.si/fd-1#c", "ringDeadline": "%s"}"""
                    .formatted(callId, org, callee, Instant.now().plusSeconds(30)));

            JsonNode ring = tab.await("incoming-call", "callId", callId);
            phone.await("incoming-call", "callId", callId);
            assertEquals("Ann Host", ring.path("payload").path("caller").path("name").asText());
            assertEquals("https://meet.jit.si/fd-1#c", ring.path("payload").path("joinUrl").asText());
            // The seed's flat fields beside the structured caller.
            assertEquals("Ann Host", ring.path("payload").path("callerName").asText());
            assertEquals("https://cdn.example.com/ann.png", ring.path("payload").path("callerAvatar").asText());
            assertEquals("https://meet.jit.si/fd-1", ring.path("payload").path("roomUrl").asText());
            assertEquals("call-fd-1", ring.path("payload").path("roomName").asText());
            assertTrue(ring.path("id").asText().matches("[0-9]+"), "replayable frames have numeric ids");

            var delivered = kafka.await("frontdesk.notifications",
                    KafkaTestClient.ofType("frontdesk.notification.delivered.v1")
                            .and(r -> KafkaTestClient.value(r).contains(callId)), 1, Duration.ofSeconds(15));
            JsonNode event = JSON.readTree(KafkaTestClient.value(delivered.get(0)));
            assertEquals(callee, event.path("recipient").asText());
            assertEquals("call", event.path("kind").asText());
            assertEquals(callId, event.path("subjectId").asText());
            assertEquals(callee, delivered.get(0).key());
            assertEquals(1, kafka.readAll("frontdesk.notifications",
                    KafkaTestClient.ofType("frontdesk.notification.delivered.v1")
                            .and(r -> KafkaTestClient.value(r).contains(callId)), Duration.ofSeconds(2)).size(),
                    "one delivered event however many sockets got it");
            assertEquals(1, database.count("SELECT count(*) FROM delivery WHERE subject_id = ? AND type = 'incoming-call' "
                    + "AND status = 'delivered'", callId));

            // The call then changes: both parties' screens follow; the other org's user with the same id never hears.
            kafka.publish("frontdesk.calls", "frontdesk.call.answered.v1", callId, """
                    {"callId": "%s", "org": "%s", "callerId": "staff-1", "calleeId": "%s", "status": "ANSWERED",
                     "previousStatus": "RINGING", "actor": "%s", "at": "%s"}""".formatted(callId, org, callee, callee,
                    Instant.now()));
            assertEquals("answered", phone.await("call-updated", "callId", callId).path("payload").path("status").asText());
            tab.await("call-updated", "callId", callId);
            assertNull(sameIdOtherOrg.find("incoming-call", "callId", callId));
            assertNull(sameIdOtherOrg.find("call-updated", "callId", callId));
            assertNull(colleague.find("incoming-call", "callId", callId));
        }
    }

    @Test
    void theReplicaThatRecordsARingWritesItToItsOwnSocketsWithoutWaitingForTheFanOutTopic() {
        String org = "org-" + UUID.randomUUID();
        String callee = "client-" + UUID.randomUUID();
        String token = DevTokens.mint(org, callee, "client");
        String callId = UUID.randomUUID().toString();
        try (Sockets socket = Sockets.user(base, token, null)) {
            awaitOnline(org, callee, 1);
            relay.stop(); // nothing leaves this replica's outbox: the fan-out event stays unsent
            try {
                kafka.publish("frontdesk.calls", "frontdesk.call.initiated.v1", callId, """
                        {"callId": "%s", "org": "%s", "callerId": "staff-1", "callerName": "Ann Host",
                         "calleeId": "%s", "roomUrl": "https://meet.jit.si/fd-2", "ringDeadline": "%s"}"""
                        .formatted(callId, org, callee, Instant.now().plusSeconds(30)));

                JsonNode ring = socket.await("incoming-call", "callId", callId);
                assertEquals("Ann Host", ring.path("payload").path("callerName").asText());
                await().atMost(Duration.ofSeconds(10)).until(() -> database.count("SELECT count(*) FROM delivery "
                        + "WHERE subject_id = ? AND type = 'incoming-call' AND status = 'delivered'", callId) == 1);
                assertEquals(1, database.count("SELECT count(*) FROM outbox WHERE topic = ? AND sent_at IS NULL "
                        + "AND payload->>'notificationId' = ?", NotificationEvents.FANOUT_TOPIC, ring.path("id").asText()),
                        "the frame came before its fan-out event was even published");
            } finally {
                relay.start();
            }
            // The fan-out event then goes out and comes back to this replica: the socket has the frame already.
            await().atMost(Duration.ofSeconds(15)).until(() -> database.count("SELECT count(*) FROM outbox "
                    + "WHERE topic = ? AND sent_at IS NULL", NotificationEvents.FANOUT_TOPIC) == 0);
            String after = sendTest(token, "pending"); // through the topic, behind the ring's fan-out event
            socket.await("test", "testId", after);
            assertEquals(1, socket.frames.stream().filter(f -> "incoming-call".equals(f.path("type").asText())).count(),
                    "written once");
        }
    }

    @Test
    void aReconnectingClientGetsWhatItMissedSinceItsLastFrame() {
        String org = "org-" + UUID.randomUUID();
        String user = "staff-" + UUID.randomUUID();
        String token = DevTokens.mint(org, user, "staff");
        String lastId;
        try (Sockets socket = Sockets.user(base, token, null)) {
            awaitOnline(org, user, 1);
            String first = sendTest(token, "pending");
            lastId = socket.await("test", "testId", first).path("id").asText();
        }
        awaitOnline(org, user, 0);
        String missed = sendTest(token, "failed"); // offline: recorded as failed, kept for replay
        assertEquals("recipient-offline", database.text(
                "SELECT last_error FROM delivery WHERE subject_id = ?", missed));

        try (Sockets socket = Sockets.user(base, token, "since=" + lastId)) {
            JsonNode replayed = socket.await("test", "testId", missed);
            assertTrue(Long.parseLong(replayed.path("id").asText()) > Long.parseLong(lastId));
            assertEquals(1, socket.frames.size(), "only what came after the last frame it saw");
            await().atMost(Duration.ofSeconds(10)).until(() -> database.count(
                    "SELECT count(*) FROM delivery WHERE subject_id = ? AND status = 'delivered'", missed) == 1);
        }
    }

    @Test
    void aCallWhoseEventArrivesAfterItsRingDeadlineNeverRings() {
        String org = "org-" + UUID.randomUUID();
        String callee = "client-" + UUID.randomUUID();
        String late = UUID.randomUUID().toString();
        String onTime = UUID.randomUUID().toString();
        try (Sockets phone = Sockets.user(base, DevTokens.mint(org, callee, "client"), null)) {
            awaitOnline(org, callee, 1);
            // The broker was down past the ring window: the call is over before its event is read.
            initiate(org, callee, late, Instant.now().minusSeconds(1));
            initiate(org, callee, onTime, Instant.now().plusSeconds(30));

            // Frames of one callee are fanned out in order: the second call ringing means the first was passed over.
            phone.await("incoming-call", "callId", onTime);
            assertNull(phone.find("incoming-call", "callId", late));
            await().atMost(Duration.ofSeconds(10)).until(() -> "expired-before-delivery".equals(database.text(
                    "SELECT last_error FROM delivery WHERE subject_id = ? AND type = 'incoming-call'", late)));
        }
    }

    @Test
    void aCallThatStoppedRingingIsNeitherReplayedNorFannedOutLate() throws Exception {
        String org = "org-" + UUID.randomUUID();
        String callee = "client-" + UUID.randomUUID();
        String declined = UUID.randomUUID().toString();
        String ringing = UUID.randomUUID().toString();
        String token = DevTokens.mint(org, callee, "client");
        // The callee is offline while one call rings and is declined on another device, and another still rings.
        initiate(org, callee, declined, Instant.now().plusSeconds(30));
        kafka.publish("frontdesk.calls", "frontdesk.call.declined.v1", declined, """
                {"callId": "%s", "org": "%s", "callerId": "staff-1", "calleeId": "%s", "status": "DECLINED",
                 "previousStatus": "INITIATED", "actor": "%s", "at": "%s"}""".formatted(declined, org, callee, callee,
                Instant.now()));
        initiate(org, callee, ringing, Instant.now().plusSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> database.count(
                "SELECT count(*) FROM notification WHERE subject_id = ? AND type = 'incoming-call'", ringing) == 1
                && database.count("SELECT count(*) FROM notification WHERE audience LIKE ? AND type = 'call-updated'",
                        "%" + callee) == 1);

        try (Sockets phone = Sockets.user(base, token, "since=0")) {
            phone.await("incoming-call", "callId", ringing);
            assertEquals("declined", phone.await("call-updated", "callId", declined).path("payload").path("status").asText());
            assertNull(phone.find("incoming-call", "callId", declined), "a declined call is not replayed as ringing");

            // A fan-out record that comes after its call stopped ringing (a lagging replica, a redelivery) is dropped
            // at the socket, while a frame still true behind it (same callee, same partition) goes out.
            long closedId = Long.parseLong(database.text(
                    "SELECT id FROM notification WHERE subject_id = ? AND type = 'incoming-call'", declined));
            fanout(closedId, declined);
            String next = UUID.randomUUID().toString();
            initiate(org, callee, next, Instant.now().plusSeconds(30));
            phone.await("incoming-call", "callId", next);
            assertNull(phone.find("incoming-call", "callId", declined));
        }
    }

    private void initiate(String org, String callee, String callId, Instant ringDeadline) {
        kafka.publish("frontdesk.calls", "frontdesk.call.initiated.v1", callId, """
                {"callId": "%s", "org": "%s", "callerId": "staff-1", "callerName": "Ann Host", "calleeId": "%s",
                 "roomUrl": "https://meet.jit.si/fd-1", "joinUrl": "https://meet.jit.si/fd-1#c",
                 "initiatedAt": "%s", "ringDeadline": "%s"}""".formatted(callId, org, callee, Instant.now(), ringDeadline));
    }

    /** A fan-out record as the service writes it, for the frame of notification {@code id}. */
    private void fanout(long id, String callId) {
        String audience = database.text("SELECT audience FROM notification WHERE id = ?", id);
        kafka.publish("frontdesk.notifications.fanout", "frontdesk.notification.fanout.v1", audience, """
                {"audience": "%s", "notificationId": %d, "deliveryId": null, "type": "incoming-call", "at": "%s",
                 "payload": {"callId": "%s"}, "deliverUntil": "%s"}""".formatted(audience, id, Instant.now(), callId,
                Instant.now().plusSeconds(30)));
    }

    @Test
    void presenceFollowsTheSocketsOfAUserWithinTheOrganization() {
        String org = "org-" + UUID.randomUUID();
        String user = "client-" + UUID.randomUUID();
        String staffToken = DevTokens.mint(org, "staff-" + UUID.randomUUID(), "staff");
        given().auth().oauth2(staffToken).queryParam("userId", user)
                .when().get("/api/notifications/presence")
                .then().statusCode(200).body("[0].userId", equalTo(user)).body("[0].online", equalTo(false));
        try (Sockets socket = Sockets.user(base, DevTokens.mint(org, user, "client"), null)) {
            awaitOnline(org, user, 1);
            given().auth().oauth2(staffToken).when().get("/api/notifications/presence")
                    .then().statusCode(200).body("userId", hasItem(user));
            // Another organization's staff does not see them.
            given().auth().oauth2(DevTokens.mint("other-" + org, "staff-x", "staff")).queryParam("userId", user)
                    .when().get("/api/notifications/presence")
                    .then().statusCode(200).body("[0].online", equalTo(false));
        }
        awaitOnline(org, user, 0);
        given().auth().oauth2(DevTokens.mint(org, user, "client")).when().get("/api/notifications/presence")
                .then().statusCode(403);
    }

    @Test
    void anUpgradeWithoutAValidTokenIsRefusedWithoutAnErrorInTheLog() {
        // Refused upgrades are an attacker's cheapest request: each must not cost an ERROR with a stack trace.
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler collector = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(collector);
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, Sockets.refusal(Sockets.options(base, "/ws/notifications")));
                assertEquals(401, Sockets.refusal(Sockets.options(base, "/ws/notifications")
                        .addSubProtocol("bearer-token-carrier")
                        .addSubProtocol("quarkus-http-upgrade%23Authorization%23Bearer%20not-a-jwt")));
            }
        } finally {
            root.removeHandler(collector);
        }
        assertEquals(List.of(), errors.stream().map(LogRecord::getMessage).toList());
    }

    private static String sendTest(String token, String status) {
        return given().auth().oauth2(token).when().post("/api/notifications/test")
                .then().statusCode(202).body("status", equalTo(status))
                .extract().path("subjectId");
    }

    static void awaitOnline(String org, String user, int sockets) {
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.forSchema("notifications").count(
                "SELECT count(*) FROM socket WHERE org = ? AND subject = ?", org, user) == sockets);
    }
}

package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.frontdesk.call.service.RingTimeoutJob;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestClock;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Unanswered calls become MISSED on the server, once, whoever and whatever is running at the deadline. */
@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class RingTimeoutTest {

    private static final String CALLS = "frontdesk.calls";
    private static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private static final TestDatabase db = TestDatabase.forSchema("calls");

    @Inject
    TestClock clock;

    @Inject
    RingTimeoutJob job;

    private Scenario s;
    private String dana;
    private String carl;
    private String companyId;

    @BeforeEach
    void company() {
        s = new Scenario();
        companyId = s.company("Acme");
        dana = s.person("dana", companyId, "staff", "Dana Host");
        carl = s.person("carl", companyId, "client", "Carl Client");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void anUnansweredCallIsMissedAfterTheRingTimeoutAndFreesTheCallee() {
        String callId = Scenario.call(dana, "carl");
        clock.advance(Duration.ofSeconds(29));
        sweep();
        given().auth().oauth2(carl).get("/api/calls/" + callId).then().body("status", equalTo("INITIATED"));

        clock.advance(Duration.ofSeconds(2));
        // The scheduled sweep does it; nobody calls the job here.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(dana)
                .get("/api/calls/" + callId).then().body("status", equalTo("MISSED")).body("endedBy", equalTo("system")));
        kafka.await(CALLS, Scenario.event("frontdesk.call.missed.v1", callId), 1, Duration.ofSeconds(20));

        given().auth().oauth2(carl).post("/api/calls/" + callId + "/answer").then().statusCode(409);
        Scenario.call(dana, "carl");
    }

    @Test
    void aCallLeftRingingByAStoppedInstanceIsMissedByTheNextOne() {
        // What a replica that died mid-ring leaves behind: a ringing call whose deadline passed while no timer ran.
        UUID callId = UUID.randomUUID();
        insertRingingCall(callId, Instant.now().minusSeconds(45));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(1,
                db.count("SELECT count(*) FROM call WHERE id = ? AND status = 'MISSED'", callId)));
        kafka.await(CALLS, Scenario.event("frontdesk.call.missed.v1", callId.toString()), 1, Duration.ofSeconds(20));
        assertEquals(0, db.count("SELECT count(*) FROM call_line WHERE call_id = ?", callId));
    }

    @Test
    void sweepsRacingOnSeveralReplicasMissEachCallExactlyOnce() {
        List<UUID> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID callId = UUID.randomUUID();
            insertRingingCall(callId, Instant.now().plusSeconds(3600));
            calls.add(callId);
        }
        clock.advance(Duration.ofHours(2));
        List<CompletableFuture<Integer>> sweeps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sweeps.add(CompletableFuture.supplyAsync(this::sweep));
        }
        sweeps.forEach(CompletableFuture::join);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(20, db.count(
                "SELECT count(*) FROM call WHERE org_id = ? AND status = 'MISSED'", s.org)));
        assertEquals(20, db.count("""
                SELECT count(*) FROM call_transition t JOIN call c ON c.id = t.call_id
                WHERE c.org_id = ? AND t.to_status = 'MISSED'""", s.org), "one MISSED change per call");
        for (UUID callId : calls) {
            assertEquals(1, kafka.readAll(CALLS, Scenario.event("frontdesk.call.missed.v1", callId.toString()),
                    Duration.ofMillis(300)).size());
        }
    }

    /** One sweep, as a replica's scheduler runs it: on its own Vert.x context. */
    private int sweep() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> job.missOverdue());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private void insertRingingCall(UUID callId, Instant deadline) {
        String room = "call-" + callId.toString().replace("-", "").substring(0, 24);
        UUID roomId = UUID.randomUUID();
        db.execute("""
                INSERT INTO room (id, org_id, name, provider_name, provider, url, host_url, guest_url, max_participants,
                                  recording, created_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, 'jitsi', 'https://meet.jit.si/x', 'https://meet.jit.si/x', 'https://meet.jit.si/x', 2,
                        false, 'dana', now(), now() + interval '1 hour')""", roomId, s.org, room, room);
        db.execute("""
                INSERT INTO call (id, org_id, company_id, caller_id, callee_id, initiated_by, status, room_name, room_id,
                                  created_at, ring_deadline, ringing_at)
                VALUES (?, ?, ?, 'dana', 'carl-' || left(?::text, 8), 'staff', 'RINGING', ?, ?, ?, ?, ?)""",
                callId, s.org, UUID.fromString(companyId), callId.toString(), room, roomId,
                Timestamp.from(deadline.minusSeconds(30)), Timestamp.from(deadline), Timestamp.from(deadline.minusSeconds(29)));
        db.execute("INSERT INTO call_line (org_id, user_id, call_id) VALUES (?, 'carl-' || left(?::text, 8), ?)",
                s.org, callId.toString(), callId);
    }
}

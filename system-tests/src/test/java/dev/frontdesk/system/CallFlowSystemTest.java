package dev.frontdesk.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.testing.DevTokens;

/**
 * Staff ↔ client calls across the packaged services: two replicas of call-service and of notification-service
 * behind the gateway, sockets spread over both notification replicas.
 */
class CallFlowSystemTest {

    private static final Duration SOON = Duration.ofSeconds(20);
    private static final Duration RING = Duration.ofSeconds(6);

    @TempDir
    static Path directory;

    private static SystemStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new SystemStack(directory, Map.of("call-service", 2, "notification-service", 2),
                Map.of("FRONTDESK_CALLS_RING_TIMEOUT", RING.toSeconds() + "s"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** An organization with a company, a staff member and a client, made through the directory API. */
    private record Org(String id, String admin, String dana, String carl) {

        static Org create() throws Exception {
            String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
            String admin = DevTokens.mint(org, "admin-1", "admin");
            String company = stack.json("POST", "/api/directory/companies", admin, "{\"name\":\"Acme\"}", 201)
                    .path("id").asText();
            for (String[] person : List.of(new String[] { "dana", "staff", "Dana Host" },
                    new String[] { "carl", "client", "Carl Client" })) {
                stack.json("PUT", "/api/directory/users/" + person[0], admin, """
                        {"companyId":"%s","role":"%s","name":"%s","email":"%s@example.com"}"""
                        .formatted(company, person[1], person[2], person[0]), 201);
            }
            return new Org(org, admin, DevTokens.mint(org, "dana", "staff"), DevTokens.mint(org, "carl", "client"));
        }
    }

    private static String status(Org org, String callId) throws Exception {
        return stack.json("GET", "/api/calls/" + callId, org.dana(), null, 200).path("status").asText();
    }

    @Test
    void everySocketOfTheCalleeOnEitherReplicaRingsOnceThenTheCallIsAnsweredAndEnded() throws Exception {
        Org org = Org.create();
        long[] before = { stack.openSockets(0), stack.openSockets(1) };
        SystemStack.Frames tab = stack.socket("/ws/notifications", org.carl());
        SystemStack.Frames phone = stack.socket("/ws/notifications", org.carl());
        SystemStack.Frames caller = stack.socket("/ws/notifications", org.dana());
        // The gateway spreads upgrades over the replicas: both hold sockets of this test.
        await().atMost(SOON).until(() -> stack.openSockets(0) > before[0] && stack.openSockets(1) > before[1]);

        String callId = stack.json("POST", "/api/calls", org.dana(), "{\"calleeId\":\"carl\"}", 201).path("id").asText();
        await().atMost(SOON).until(() -> tab.count("incoming-call", p -> callId.equals(p.path("callId").asText())) == 1
                && phone.count("incoming-call", p -> callId.equals(p.path("callId").asText())) == 1);
        await().atMost(SOON).until(() -> "RINGING".equals(status(org, callId)));

        JsonNode answered = stack.json("POST", "/api/calls/" + callId + "/answer", org.carl(), null, 200);
        assertEquals("ANSWERED", answered.path("status").asText());
        await().atMost(SOON).until(() -> caller.count("call-updated",
                p -> callId.equals(p.path("callId").asText()) && "answered".equals(p.path("status").asText())) == 1);
        stack.json("POST", "/api/calls/" + callId + "/end", org.dana(), null, 200);
        await().atMost(SOON).until(() -> tab.count("call-updated",
                p -> callId.equals(p.path("callId").asText()) && "ended".equals(p.path("status").asText())) == 1
                && phone.count("call-updated",
                        p -> callId.equals(p.path("callId").asText()) && "ended".equals(p.path("status").asText())) == 1);
        assertEquals("ENDED", status(org, callId));

        // Each frame once on each socket, whichever replica held it.
        assertEquals(1, tab.count("incoming-call", p -> callId.equals(p.path("callId").asText())));
        assertEquals(1, phone.count("incoming-call", p -> callId.equals(p.path("callId").asText())));
        assertEquals(0, caller.count("incoming-call", p -> callId.equals(p.path("callId").asText())));
    }

    @Test
    void aCallNobodyAnswersIsMissedAtItsDeadlineOnEitherReplica() throws Exception {
        Org org = Org.create();
        SystemStack.Frames callee = stack.socket("/ws/notifications", org.carl());
        String callId = stack.json("POST", "/api/calls", org.dana(), "{\"calleeId\":\"carl\"}", 201).path("id").asText();
        await().atMost(SOON).until(() -> callee.count("incoming-call", p -> callId.equals(p.path("callId").asText())) == 1);
        await().atMost(RING.plus(SOON)).until(() -> "MISSED".equals(status(org, callId)));
        await().atMost(SOON).until(() -> callee.count("call-updated",
                p -> callId.equals(p.path("callId").asText()) && "missed".equals(p.path("status").asText())) == 1);
        stack.json("POST", "/api/calls/" + callId + "/answer", org.carl(), null, 409);
    }

    @Test
    void aDeclinedCallTellsTheCallerAndCannotBeAnsweredAfter() throws Exception {
        Org org = Org.create();
        SystemStack.Frames caller = stack.socket("/ws/notifications", org.dana());
        String callId = stack.json("POST", "/api/calls", org.dana(), "{\"calleeId\":\"carl\"}", 201).path("id").asText();
        stack.json("POST", "/api/calls/" + callId + "/decline", org.carl(), null, 200);
        await().atMost(SOON).until(() -> caller.count("call-updated",
                p -> callId.equals(p.path("callId").asText()) && "declined".equals(p.path("status").asText())) == 1);
        stack.json("POST", "/api/calls/" + callId + "/answer", org.carl(), null, 409);
        assertTrue(List.of("DECLINED").contains(status(org, callId)));
    }
}

package dev.frontdesk.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.StubServer;

/**
 * Staff ↔ client calls across the packaged services — two replicas of call-service and of notification-service
 * behind the gateway, sockets spread over both notification replicas — first on a good day, then on an operator's
 * bad day: a replica killed (of notification-service, then of call-service), the broker gone for longer than a ring
 * window, PostgreSQL frozen. The tests run in order on one stack: each fault leaves fewer replicas for the next. Last, PostgreSQL restarts
 * under a stream of writes: every acknowledged write is kept and no service needs a restart.
 * <p>
 * Bounds: a call rings on the sockets of a live replica within {@link #RING_BOUND} of its creation however many
 * replicas died (measured figures are printed); a request answers within the request deadline (8 s) plus
 * {@link #SLACK}; readiness turns DOWN within the probe's 2 s plus {@link #SLACK}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class CallFlowSystemTest {

    private static final Duration RING = Duration.ofSeconds(10);
    private static final Duration RING_BOUND = Duration.ofSeconds(3);
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final Duration SOON = Duration.ofSeconds(20);

    @TempDir
    static Path directory;

    private static SystemStack stack;
    /** Slack's incoming webhooks, as an operator allows a self-hosted Slack-compatible chat. */
    private static StubServer slack;

    @BeforeAll
    static void start() throws Exception {
        slack = new StubServer();
        int slackPort = URI.create(slack.baseUrl()).getPort();
        stack = new SystemStack(directory, Map.of("call-service", 2, "notification-service", 2),
                Map.of("FRONTDESK_CALLS_RING_TIMEOUT", RING.toSeconds() + "s",
                        "FRONTDESK_NOTIFICATIONS_SLACK_ALLOWED_HOSTS", "hooks.slack.com,127.0.0.1:" + slackPort,
                        "FRONTDESK_NOTIFICATIONS_SLACK_ALLOWED_NETWORKS", "127.0.0.1/32"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    /**
     * An organization with {@code pairs} clients ({@code client-i}) and as many staff members ({@code staff-i}), each
     * the caller of one client (nobody is on two calls at once), made through the API.
     */
    private record Org(String id, String admin, List<String> clients) {

        static Org create(int pairs) throws Exception {
            String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
            String admin = DevTokens.mint(org, "admin-1", "admin");
            String company = stack.json("POST", "/api/directory/companies", admin, "{\"name\":\"Acme\"}", 201)
                    .path("id").asText();
            List<String> clients = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                for (String role : List.of("staff", "client")) {
                    stack.json("PUT", "/api/directory/users/" + role + "-" + i, admin, """
                            {"companyId":"%s","role":"%s","name":"%s %d","email":"%s-%d@example.com"}""".formatted(
                            company, role, role, i, role, i), 201);
                }
                clients.add("client-" + i);
            }
            return new Org(org, admin, clients);
        }

        String token(String client) {
            return DevTokens.mint(id, client, "client");
        }

        /** The caller of {@code client}. */
        String staff(String client) {
            return DevTokens.mint(id, client.replace("client-", "staff-"), "staff");
        }

        String call(String callee) throws Exception {
            return stack.json("POST", "/api/calls", staff(callee), "{\"calleeId\":\"" + callee + "\"}", 201)
                    .path("id").asText();
        }

        /**
         * {@link #call} right after a replica was killed: the gateway may still hold a pooled connection to it, and a
         * request sent on that connection is answered 502 (like nginx, the gateway never sends a POST again that may
         * have reached a service); the caller's one retry goes to the live replica.
         */
        String callAfterAKill(String callee) throws Exception {
            HttpResponse<String> first = stack.send("POST", "/api/calls", staff(callee),
                    "{\"calleeId\":\"" + callee + "\"}");
            if (first.statusCode() == 502) {
                return call(callee);
            }
            assertEquals(201, first.statusCode(), first.body());
            return SystemStack.JSON.readTree(first.body()).path("id").asText();
        }

        String status(String callId) throws Exception {
            return stack.json("GET", "/api/calls/" + callId, admin, null, 200).path("status").asText();
        }
    }

    private static boolean isCallFrame(JsonNode payload, String callId) {
        return callId.equals(payload.path("callId").asText());
    }

    @Test
    @Order(1)
    void everySocketOfTheCalleeOnEitherReplicaRingsOnceThenTheCallIsAnsweredAndEnded() throws Exception {
        Org org = Org.create(1);
        long[] before = { stack.openSockets(0), stack.openSockets(1) };
        SystemStack.Frames tab = stack.socket("/ws/notifications", org.token("client-0"));
        SystemStack.Frames phone = stack.socket("/ws/notifications", org.token("client-0"));
        SystemStack.Frames caller = stack.socket("/ws/notifications", org.staff("client-0"));
        // The gateway spreads upgrades over the replicas: both hold sockets of this test.
        await().atMost(SOON).until(() -> stack.openSockets(0) > before[0] && stack.openSockets(1) > before[1]);

        String callId = org.call("client-0");
        await().atMost(SOON).until(() -> tab.count("incoming-call", p -> isCallFrame(p, callId)) == 1
                && phone.count("incoming-call", p -> isCallFrame(p, callId)) == 1);
        await().atMost(SOON).until(() -> "RINGING".equals(org.status(callId)));

        JsonNode answered = stack.json("POST", "/api/calls/" + callId + "/answer", org.token("client-0"), null, 200);
        assertEquals("ANSWERED", answered.path("status").asText());
        await().atMost(SOON).until(() -> caller.count("call-updated",
                p -> isCallFrame(p, callId) && "answered".equals(p.path("status").asText())) == 1);
        stack.json("POST", "/api/calls/" + callId + "/end", org.staff("client-0"), null, 200);
        await().atMost(SOON).until(() -> tab.count("call-updated",
                p -> isCallFrame(p, callId) && "ended".equals(p.path("status").asText())) == 1
                && phone.count("call-updated", p -> isCallFrame(p, callId) && "ended".equals(p.path("status").asText())) == 1);
        assertEquals("ENDED", org.status(callId));

        // Each frame once on each socket, whichever replica held it.
        assertEquals(1, tab.count("incoming-call", p -> isCallFrame(p, callId)));
        assertEquals(1, phone.count("incoming-call", p -> isCallFrame(p, callId)));
        assertEquals(0, caller.count("incoming-call", p -> isCallFrame(p, callId)));
    }

    @Test
    @Order(2)
    void aCallNobodyAnswersIsMissedAtItsDeadlineOnEitherReplicaAndSlackHearsOfItOnce() throws Exception {
        Org org = Org.create(1);
        String hook = "/services/T000/B000/" + UUID.randomUUID();
        slack.route("POST", hook, request -> new StubServer.Response(200, Map.of("Content-Type", "text/plain"), "ok"));
        stack.json("PUT", "/api/notifications/slack", org.admin(), """
                {"webhookUrl":"%s%s","events":["call.missed"]}""".formatted(slack.baseUrl(), hook), 200);
        SystemStack.Frames callee = stack.socket("/ws/notifications", org.token("client-0"));
        String callId = org.call("client-0");
        await().atMost(SOON).until(() -> callee.count("incoming-call", p -> isCallFrame(p, callId)) == 1);
        await().atMost(RING.plus(SOON)).until(() -> "MISSED".equals(org.status(callId)));
        await().atMost(SOON).until(() -> callee.count("call-updated",
                p -> isCallFrame(p, callId) && "missed".equals(p.path("status").asText())) == 1);
        stack.json("POST", "/api/calls/" + callId + "/answer", org.token("client-0"), null, 409);
        await().atMost(SOON).until(() -> slack.requests("POST", hook).size() == 1);
        assertTrue(slack.requests("POST", hook).get(0).body().contains(callId),
                "the post names the call: " + slack.requests("POST", hook).get(0).body());
    }

    @Test
    @Order(3)
    void aDeclinedCallTellsTheCallerAndCannotBeAnsweredAfter() throws Exception {
        Org org = Org.create(1);
        SystemStack.Frames caller = stack.socket("/ws/notifications", org.staff("client-0"));
        String callId = org.call("client-0");
        stack.json("POST", "/api/calls/" + callId + "/decline", org.token("client-0"), null, 200);
        await().atMost(SOON).until(() -> caller.count("call-updated",
                p -> isCallFrame(p, callId) && "declined".equals(p.path("status").asText())) == 1);
        stack.json("POST", "/api/calls/" + callId + "/answer", org.token("client-0"), null, 409);
        assertEquals("DECLINED", org.status(callId));
    }

    @Test
    @Order(10)
    void aKilledNotificationReplicaSilencesNoCallAndItsClientsGetTheRingByReplay() throws Exception {
        Org org = Org.create(6);
        long[] before = { stack.openSockets(0), stack.openSockets(1) };
        Map<String, SystemStack.Frames> sockets = new LinkedHashMap<>();
        for (String client : org.clients()) {
            sockets.put(client, stack.socket("/ws/notifications", org.token(client)));
        }
        await().atMost(SOON).until(() -> stack.openSockets(0) + stack.openSockets(1) == before[0] + before[1] + 6);
        assertTrue(stack.openSockets(0) > before[0] && stack.openSockets(1) > before[1],
                "the gateway spread the sockets over both replicas");

        // The reference, in the same run: how soon a call rings with every replica alive (the second of two calls,
        // once the services' code paths are warm).
        Org reference = Org.create(1);
        SystemStack.Frames referenceSocket = stack.socket("/ws/notifications", reference.token("client-0"));
        await().atMost(SOON).until(() -> stack.openSockets(0) + stack.openSockets(1) == before[0] + before[1] + 7);
        long referenceMillis = 0;
        for (int i = 0; i < 2; i++) {
            long referenceStart = System.nanoTime();
            String referenceCall = reference.call("client-0");
            await().atMost(SOON).until(() -> referenceSocket.count("incoming-call", p -> isCallFrame(p, referenceCall)) == 1);
            referenceMillis = Duration.ofNanos(referenceSocket.arrivalOf("incoming-call", referenceCall) - referenceStart)
                    .toMillis();
            stack.json("POST", "/api/calls/" + referenceCall + "/decline", reference.token("client-0"), null, 200);
        }
        System.out.println("[faults] every replica alive, ring latency: " + referenceMillis + " ms");

        long oursOnTheLiveReplica = stack.openSockets(0) - before[0];
        stack.kill("notification-service", 1);
        // The gateway closes the tunnels of the dead replica: those clients know they must reconnect.
        await().atMost(SOON).until(() -> sockets.values().stream().filter(frames -> frames.closed).count()
                + (referenceSocket.closed ? 1 : 0) == 7 - oursOnTheLiveReplica);

        Map<String, String> calls = new LinkedHashMap<>();
        Map<String, Long> created = new LinkedHashMap<>();
        for (String client : org.clients()) {
            long startedAt = System.nanoTime();
            calls.put(client, org.call(client));
            created.put(client, startedAt);
        }
        List<String> figures = new ArrayList<>();
        for (String client : org.clients()) {
            SystemStack.Frames frames = sockets.get(client);
            String callId = calls.get(client);
            if (frames.closed) {
                // Reconnects through the gateway (to the live replica) and gets the ring it missed.
                SystemStack.Frames again = stack.socket("/ws/notifications?since=" + frames.lastId(), org.token(client));
                await().atMost(SOON).until(() -> again.count("incoming-call", p -> isCallFrame(p, callId)) == 1);
                figures.add(client + " reconnected, replayed after "
                        + Duration.ofNanos(again.arrivalOf("incoming-call", callId) - created.get(client)).toMillis() + " ms");
            } else {
                await().atMost(RING_BOUND).until(() -> frames.count("incoming-call", p -> isCallFrame(p, callId)) == 1);
                long millis = Duration.ofNanos(frames.arrivalOf("incoming-call", callId) - created.get(client)).toMillis();
                figures.add(client + " rang in " + millis + " ms");
                assertTrue(millis <= RING_BOUND.toMillis(), client + " rang after " + millis + " ms");
            }
        }
        System.out.println("[faults] notification replica killed, ring latency: " + figures);
        for (String callId : calls.values()) {
            await().atMost(SOON).until(() -> "RINGING".equals(org.status(callId)));
        }
    }

    @Test
    @Order(11)
    void aKilledCallServiceReplicaDelaysNoRingAndItsRingingCallIsMissedOnTime() throws Exception {
        Org org = Org.create(3);
        List<SystemStack.Frames> sockets = new ArrayList<>();
        for (String client : org.clients()) {
            sockets.add(stack.socket("/ws/notifications", org.token(client)));
        }
        // A call started on the replica that is about to die.
        HttpResponse<String> started = stack.sendToReplica("call-service", 1, "POST", "/api/calls", org.staff("client-0"),
                "{\"calleeId\":\"client-0\"}");
        assertEquals(201, started.statusCode(), started.body());
        String orphan = SystemStack.JSON.readTree(started.body()).path("id").asText();
        long orphanStarted = System.nanoTime();
        stack.kill("call-service", 1);

        // New calls go to the live replica; notification.delivered turns them RINGING without waiting for the
        // dead member's partitions.
        List<String> figures = new ArrayList<>();
        for (int i = 1; i < 3; i++) {
            long before = System.nanoTime();
            String callId = org.callAfterAKill("client-" + i);
            await().atMost(RING_BOUND.plus(SLACK)).pollInterval(Duration.ofMillis(50))
                    .until(() -> "RINGING".equals(org.status(callId)));
            figures.add(Duration.ofNanos(System.nanoTime() - before).toMillis() + " ms");
        }
        System.out.println("[faults] call-service replica killed, created → RINGING: " + figures);

        // The orphan's deadline is kept by the other replica.
        await().atMost(RING.plus(SLACK)).pollInterval(Duration.ofMillis(200))
                .until(() -> "MISSED".equals(org.status(orphan)));
        long missedAfter = Duration.ofNanos(System.nanoTime() - orphanStarted).toMillis();
        System.out.println("[faults] a call of the killed replica was MISSED " + missedAfter + " ms after it started");
        assertTrue(missedAfter >= RING.toMillis() - 1000, "not before its deadline: " + missedAfter + " ms");
        await().atMost(SOON).until(() -> sockets.get(0).count("call-updated",
                p -> isCallFrame(p, orphan) && "missed".equals(p.path("status").asText())) == 1);
    }

    @Test
    @Order(12)
    void callsMadeWhileTheBrokerIsGonePastTheRingWindowNeverRingLateAndEveryOutcomeArrivesOnce() throws Exception {
        Org org = Org.create(3);
        Map<String, SystemStack.Frames> callees = new LinkedHashMap<>();
        for (String client : org.clients()) {
            callees.put(client, stack.socket("/ws/notifications", org.token(client)));
        }
        Map<String, String> calleeOf = new LinkedHashMap<>();
        List<String> calls = new ArrayList<>();
        stack.stack.stopKafka();
        try {
            // Accepted at once: the events wait in the outbox.
            for (String client : org.clients()) {
                String callId = org.call(client);
                calls.add(callId);
                calleeOf.put(callId, client);
            }
            // The deadline lives in the database: the calls are missed without the broker.
            for (String callId : calls) {
                await().atMost(RING.plus(SOON)).until(() -> "MISSED".equals(org.status(callId)));
            }
        } finally {
            stack.stack.startKafka();
        }
        // Once the broker is back, the callee hears every outcome once, and never a ring for a call that is over.
        await().atMost(Duration.ofSeconds(90)).until(() -> calls.stream().allMatch(callId -> callees.get(
                calleeOf.get(callId)).count("call-updated",
                        p -> isCallFrame(p, callId) && "missed".equals(p.path("status").asText())) >= 1));
        for (String callId : calls) {
            SystemStack.Frames callee = callees.get(calleeOf.get(callId));
            assertEquals(0, callee.count("incoming-call", p -> isCallFrame(p, callId)), "rang after it was missed");
            assertEquals(1, callee.count("call-updated", p -> isCallFrame(p, callId)
                    && "missed".equals(p.path("status").asText())));
        }
    }

    @Test
    @Order(13)
    void aFrozenDatabaseGetsBounded503sReadinessFollowsItAndNothingAcknowledgedIsLost() throws Exception {
        Org org = Org.create(0);
        String company = stack.json("POST", "/api/directory/companies", org.admin(), "{\"name\":\"Before\"}", 201)
                .path("id").asText();
        stack.stack.pausePostgres();
        try {
            long before = System.nanoTime();
            HttpResponse<String> answer = stack.send("POST", "/api/directory/companies", org.admin(),
                    "{\"name\":\"During\"}");
            long millis = Duration.ofNanos(System.nanoTime() - before).toMillis();
            System.out.println("[faults] PostgreSQL frozen: POST /api/directory/companies answered " + answer.statusCode()
                    + " in " + millis + " ms");
            assertEquals(503, answer.statusCode(), answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
            assertTrue(answer.headers().firstValue("Retry-After").isPresent(), "Retry-After");
            assertTrue(millis < Duration.ofSeconds(8).plus(SLACK).toMillis(), "answered in " + millis + " ms");
            await().atMost(Duration.ofSeconds(2).plus(SLACK).plus(SLACK)).until(() ->
                    stack.managementStatus("call-service", 0, "/q/health/ready", Duration.ofSeconds(5)) == 503);
        } finally {
            stack.stack.resumePostgres();
        }
        // Back without a restart: ready again, writes work, what was acknowledged before is there.
        await().atMost(SOON).until(() ->
                stack.managementStatus("call-service", 0, "/q/health/ready", Duration.ofSeconds(5)) == 200);
        stack.json("POST", "/api/directory/companies", org.admin(), "{\"name\":\"After\"}", 201);
        assertTrue(stack.json("GET", "/api/directory/companies", org.admin(), null, 200).toString().contains(company),
                "the company acknowledged before the freeze");
    }

    @Test
    @Order(14)
    void aDatabaseRestartWhileWritesFlowLosesNoAcknowledgedWriteAndNeedsNoServiceRestart() throws Exception {
        Org org = Org.create(0);
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<Integer> refused = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            int n = 0;
            while (writing.get()) {
                try {
                    HttpResponse<String> answer = stack.send("POST", "/api/directory/companies", org.admin(),
                            "{\"name\":\"Company " + n++ + "\"}");
                    if (answer.statusCode() == 201) {
                        acknowledged.add(SystemStack.JSON.readTree(answer.body()).path("id").asText());
                    } else {
                        refused.add(answer.statusCode());
                    }
                } catch (Exception e) {
                    refused.add(-1);
                }
            }
        });
        writer.start();
        try {
            await().atMost(SOON).until(() -> acknowledged.size() >= 5);
            stack.stack.restartPostgres();
            int atRestart = acknowledged.size();
            // Writes are acknowledged again without restarting any service.
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= atRestart + 5);
        } finally {
            writing.set(false);
            writer.join(30_000);
        }
        System.out.println("[faults] PostgreSQL restarted under writes: " + acknowledged.size() + " acknowledged, "
                + refused.size() + " refused " + refused.stream().distinct().toList());
        assertTrue(refused.stream().allMatch(status -> status == 503), "refusals are 503s: " + refused + "\n"
                + stack.errorsOf("call-service", 0));
        String companies = stack.json("GET", "/api/directory/companies", org.admin(), null, 200).toString();
        for (String id : acknowledged) {
            assertTrue(companies.contains(id), "acknowledged company " + id + " is kept");
        }
    }
}

package dev.frontdesk.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.testing.DailyStub;
import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.webhook.HmacSha256;

/**
 * A visitor on a customer's site becomes a video conversation, across visitor-service, call-service (rooms at a
 * Daily stub, Daily's signed webhooks), notification-service (staff and widget sockets) and analytics-service, all
 * through the gateway, configured as an operator configures Daily.
 */
@ExtendWith(SharedStacks.class)
@Order(3)
class VisitorFlowSystemTest {

    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String SHOP = "https://shop.example.com";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";

    private static DailyStub daily;
    private static String dailySecret;
    private static SystemStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(SharedStacks.VisitorFlow flow) {
        stack = flow.stack();
        daily = flow.daily();
        dailySecret = flow.dailySecret();
    }

    private HttpResponse<String> widget(String method, String path, String key, String visitorId, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(path))).timeout(SOON)
                .header("X-Org-Key", key).header("Origin", SHOP).header("User-Agent", BROWSER)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (visitorId != null) {
            request.header("X-Visitor-Id", visitorId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The widget's analytics event, sent as fetch sends it ({@code application/json}) or as a beacon ({@code text/plain}). */
    private HttpResponse<String> analytics(String contentType, String event) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.url("/api/analytics/events"))).timeout(SOON)
                .header("Origin", SHOP).header("User-Agent", BROWSER).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String key, String sessionId, String visitorId, String type, Instant at, String room) {
        return """
                {"widgetId":"%s","sessionId":"%s","visitorId":"%s","eventType":"%s","pageUrl":"%s/pricing",\
                "timestamp":"%s","eventId":"e-%s-%s","roomName":"%s"}""".formatted(key, sessionId, visitorId, type, SHOP,
                at, sessionId, type, room);
    }

    /**
     * The widget's socket. notification-service knows a site from frontdesk.sites, a topic of its own: a socket opened
     * right after the site was made can be refused (401, unknown key) until that event is read, so the widget retries
     * as a real one reconnects.
     */
    private SystemStack.Frames visitorSocket(String key, String visitorId) {
        return await().atMost(SOON).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            SystemStack.Frames frames = new SystemStack.Frames();
            http.newWebSocketBuilder().header("Origin", SHOP)
                    .buildAsync(URI.create("ws://localhost:" + stack.stack.layout().gatewayPort() + "/ws/visitor?key="
                            + key + "&visitorId=" + visitorId), frames)
                    .get(10, TimeUnit.SECONDS);
            return frames;
        }, java.util.Objects::nonNull);
    }

    @Test
    void aVisitorIsSeenInvitedAcceptsDailysMeetingEndCompletesTheInviteBillingFollowsDailyAndErasureReachesEveryService()
            throws Exception {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.mint(org, "ada", "admin");
        String staff = DevTokens.mint(org, "sam", "staff");
        JsonNode site = stack.json("POST", "/api/sites", admin,
                "{\"name\":\"Shop\",\"allowedDomains\":[\"shop.example.com\"]}", 201);
        String key = site.path("site").path("publishableKey").asText();
        SystemStack.Frames dashboard = stack.socket("/ws/notifications", staff);

        HttpResponse<String> tracked = widget("POST", "/api/visitors/track", key, null,
                "{\"type\":\"page_view\",\"url\":\"" + SHOP + "/pricing\",\"title\":\"Pricing\"}");
        assertEquals(200, tracked.statusCode(), tracked.body());
        String visitorId = SystemStack.JSON.readTree(tracked.body()).path("visitorId").asText();
        await().atMost(SOON).until(() -> dashboard.count("visitor-activity",
                p -> visitorId.equals(p.path("visitorId").asText())) >= 1);
        await().atMost(SOON).until(() -> stack.json("GET", "/api/visitors/live", staff, null, 200).toString()
                .contains(visitorId));

        SystemStack.Frames widgetSocket = visitorSocket(key, visitorId);
        JsonNode invite = stack.json("POST", "/api/visitors/" + visitorId + "/invites", staff,
                "{\"message\":\"Can I help?\"}", 201);
        String inviteId = invite.path("id").asText();
        String guestUrl = invite.path("guestUrl").asText();
        assertTrue(guestUrl.startsWith("https://frontdesk-test.daily.co/inv-"), guestUrl);
        await().atMost(SOON).until(() -> widgetSocket.count("video-invite",
                p -> inviteId.equals(p.path("inviteId").asText()) && guestUrl.equals(p.path("guestUrl").asText())) == 1);

        HttpResponse<String> accepted = widget("POST", "/api/visitors/me/invites/" + inviteId + "/accept", key,
                visitorId, null);
        assertEquals(200, accepted.statusCode(), accepted.body());
        await().atMost(SOON).until(() -> dashboard.count("invite-updated",
                p -> inviteId.equals(p.path("inviteId").asText()) && "accepted".equals(p.path("status").asText())) == 1);

        // The widget reports the call it joined, naming the room as its URL does (fetch, JSON; analytics-service
        // learns the site from the sites topic, so the first tries may meet an unknown site: same event id).
        String atDaily = URI.create(guestUrl).getPath().substring(1);
        long start = Instant.now().minusSeconds(800).getEpochSecond();
        String sessionId = "s-" + UUID.randomUUID();
        String callStart = event(key, sessionId, visitorId, "call_start", Instant.ofEpochSecond(start), atDaily);
        await().atMost(SOON).until(() -> analytics("application/json", callStart).statusCode() == 202);

        // Daily: the meeting in that room ended after 754 s, signed as Daily signs it, delivered ten times at once.
        String body = """
                {"version":"1.0.0","type":"meeting.ended","id":"meeting-ended-%s","payload":{"start_ts":%d.0,\
                "end_ts":%d.0,"meeting_id":"%s","room":"%s"},"event_ts":%d.0}"""
                .formatted(UUID.randomUUID(), start, start + 754, UUID.randomUUID(), atDaily, start + 760);
        assertEquals(List.of(200), deliverToAll(body, 10), "Daily's retries of the same event");
        await().atMost(SOON).until(() -> {
            JsonNode now = stack.json("GET", "/api/visitors/invites/" + inviteId, staff, null, 200);
            return "completed".equals(now.path("status").asText()) && now.path("durationSeconds").asLong() == 754;
        });
        JsonNode stats = stack.json("GET", "/api/visitors/invites/stats", staff, null, 200).path("period");
        assertEquals(List.of(1L, 1L, 1L, 0L), List.of(stats.path("total").asLong(), stats.path("accepted").asLong(),
                stats.path("completed").asLong(), stats.path("pending").asLong()), stats.toString());
        assertEquals(1, dashboard.count("invite-updated",
                p -> inviteId.equals(p.path("inviteId").asText()) && "completed".equals(p.path("status").asText())));
        assertEquals(1, daily.server.requests("POST", "/rooms").stream()
                .filter(request -> request.body().contains(atDaily)).count());

        // The widget's own end comes by beacon and says 784 s; billing takes Daily's 754 s (13 minutes).
        HttpResponse<String> beacon = analytics("text/plain",
                event(key, sessionId, visitorId, "call_end", Instant.ofEpochSecond(start + 784), atDaily));
        assertEquals(202, beacon.statusCode(), beacon.body());
        String siteId = site.path("site").path("id").asText();
        await().atMost(SOON).until(() -> billed(siteId, staff, sessionId).path("source").asText().equals("server"));
        JsonNode billed = billed(siteId, staff, sessionId);
        assertEquals(List.of(754L, 13L), List.of(billed.path("durationSeconds").asLong(),
                billed.path("billableMinutes").asLong()), billed.toString());

        // GDPR: the visitor is erased; every service that held a share lets it go, billing keeps its minutes.
        assertTrue(stack.json("GET", "/api/notifications/deliveries?subjectId=" + inviteId, admin, null, 200)
                .path("items").size() > 0, "deliveries about the invite before the erasure");
        assertEquals(204, stack.send("DELETE", "/api/visitors/" + visitorId, admin, null).statusCode());
        assertEquals(404, stack.send("GET", "/api/visitors/" + visitorId + "/export", admin, null).statusCode());
        await().atMost(SOON).until(() -> stack.json("GET", "/api/notifications/deliveries?subjectId=" + inviteId,
                admin, null, 200).path("items").size() == 0);
        assertEquals(754L, billed(siteId, staff, sessionId).path("durationSeconds").asLong());
    }

    /** A Daily event, signed as Daily signs it ({@code X-Webhook-Signature} over {@code timestamp.body}). */
    private HttpResponse<String> fromDaily(String body) throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return http.send(HttpRequest.newBuilder(URI.create(stack.url("/webhooks/daily")))
                .header("Content-Type", "application/json").header("X-Webhook-Timestamp", timestamp)
                .header("X-Webhook-Signature", HmacSha256.base64(Base64.getDecoder().decode(dailySecret),
                        (timestamp + "." + body).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The same Daily event delivered {@code times} times at once, as retries race; the distinct statuses. */
    private List<Integer> deliverToAll(String body, int times) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(times);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                answers.add(senders.submit(() -> fromDaily(body).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return statuses.stream().distinct().toList();
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void aClientCallsStaffDailysParticipantJoinedAnswersAndMeetingEndedGivesTheDurationToHistoryAndStats()
            throws Exception {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.mint(org, "ada", "admin");
        String company = stack.json("POST", "/api/directory/companies", admin, "{\"name\":\"Acme\"}", 201)
                .path("id").asText();
        for (String[] person : List.of(new String[] { "sam", "staff" }, new String[] { "cleo", "client" })) {
            stack.json("PUT", "/api/directory/users/" + person[0], admin, """
                    {"companyId":"%s","role":"%s","name":"%s","email":"%s@example.com"}""".formatted(company,
                    person[1], person[0], person[0]), 201);
        }
        String sam = DevTokens.mint(org, "sam", "staff");
        String cleo = DevTokens.mint(org, "cleo", "client");
        SystemStack.Frames samSocket = stack.socket("/ws/notifications", sam);

        // The client calls the staff member: a Daily room, and the staff member's socket rings.
        JsonNode call = stack.json("POST", "/api/calls", cleo, "{\"calleeId\":\"sam\"}", 201);
        String callId = call.path("id").asText();
        String atDaily = URI.create(call.path("joinUrl").asText()).getPath().substring(1);
        assertTrue(call.path("joinUrl").asText().startsWith("https://frontdesk-test.daily.co/"), call.toString());
        await().atMost(SOON).until(() -> samSocket.count("incoming-call",
                p -> callId.equals(p.path("callId").asText())) == 1);

        // The callee joins the room: Daily's participant.joined (sent ten times at once, as retries may race)
        // answers the call once.
        long joined = Instant.now().getEpochSecond();
        String participantJoined = """
                {"version":"1.0.0","type":"participant.joined","id":"ptcpt-join-%s","payload":{"room":"%s",\
                "user_id":"sam","user_name":"sam","session_id":"%s","joined_at":%d.0,"owner":false},"event_ts":%d.0}"""
                .formatted(UUID.randomUUID(), atDaily, UUID.randomUUID(), joined, joined);
        assertEquals(List.of(200), deliverToAll(participantJoined, 10));
        await().atMost(SOON).until(() -> "ANSWERED".equals(stack.json("GET", "/api/calls/" + callId, sam, null, 200)
                .path("status").asText()));

        // The meeting ends after 300 s by Daily's clock (ten deliveries at once): the call ends with that duration.
        String meetingEnded = """
                {"version":"1.0.0","type":"meeting.ended","id":"meeting-ended-%s","payload":{"start_ts":%d.0,\
                "end_ts":%d.0,"meeting_id":"%s","room":"%s"},"event_ts":%d.0}""".formatted(UUID.randomUUID(), joined,
                joined + 300, UUID.randomUUID(), atDaily, joined + 301);
        assertEquals(List.of(200), deliverToAll(meetingEnded, 10));
        await().atMost(SOON).until(() -> "ENDED".equals(stack.json("GET", "/api/calls/" + callId, sam, null, 200)
                .path("status").asText()));
        JsonNode ended = stack.json("GET", "/api/calls/" + callId, sam, null, 200);
        assertEquals(List.of(300, "provider"), List.of(ended.path("durationSeconds").asInt(),
                ended.path("durationSource").asText()), ended.toString());
        await().atMost(SOON).until(() -> samSocket.count("call-updated", p -> callId.equals(p.path("callId").asText())
                && "ended".equals(p.path("status").asText())) == 1);

        assertTrue(stack.json("GET", "/api/calls", sam, null, 200).toString().contains(callId), "in sam's history");
        JsonNode stats = stack.json("GET", "/api/calls/stats", sam, null, 200).get(0);
        assertEquals(List.of("sam", 1L, 1L, 300.0), List.of(stats.path("staffId").asText(), stats.path("total").asLong(),
                stats.path("answered").asLong(), stats.path("averageDurationSeconds").asDouble()), stats.toString());
    }

    /** The billing line of a widget session, or a missing node. */
    private static JsonNode billed(String siteId, String token, String sessionId) throws Exception {
        for (JsonNode session : stack.json("GET", "/api/analytics/sites/" + siteId + "/billing", token, null, 200)
                .path("sessions")) {
            if (sessionId.equals(session.path("sessionId").asText())) {
                return session;
            }
        }
        return SystemStack.JSON.missingNode();
    }
}

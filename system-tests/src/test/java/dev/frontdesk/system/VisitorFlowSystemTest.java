package dev.frontdesk.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.testing.DailyStub;
import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.webhook.HmacSha256;

/**
 * A visitor on a customer's site becomes a video conversation, across visitor-service, call-service (rooms at a
 * Daily stub, Daily's signed webhooks), notification-service (staff and widget sockets) and analytics-service, all
 * through the gateway, configured as an operator configures Daily.
 */
class VisitorFlowSystemTest {

    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String SHOP = "https://shop.example.com";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";
    private static final String DAILY_SECRET = Base64.getEncoder()
            .encodeToString("frontdesk-system-test-daily-secret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path directory;

    private static DailyStub daily;
    private static SystemStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        daily = new DailyStub(0);
        stack = new SystemStack(directory, Map.of("visitor-service", 1, "call-service", 1, "notification-service", 2,
                "analytics-service", 1),
                Map.of("FRONTDESK_DAILY_API_KEY", DailyStub.API_KEY,
                        "QUARKUS_REST_CLIENT_DAILY_URL", daily.server.baseUrl(),
                        "FRONTDESK_DAILY_WEBHOOK_SECRET", DAILY_SECRET));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (daily != null) {
            daily.server.close();
        }
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

    private SystemStack.Frames visitorSocket(String key, String visitorId) throws Exception {
        SystemStack.Frames frames = new SystemStack.Frames();
        http.newWebSocketBuilder().header("Origin", SHOP)
                .buildAsync(URI.create("ws://localhost:" + stack.stack.layout().gatewayPort() + "/ws/visitor?key=" + key
                        + "&visitorId=" + visitorId), frames)
                .get(10, TimeUnit.SECONDS);
        return frames;
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

        // Daily: the meeting in that room ended after 754 s, delivered signed as Daily signs it, twice.
        String body = """
                {"version":"1.0.0","type":"meeting.ended","id":"meeting-ended-%s","payload":{"start_ts":%d.0,\
                "end_ts":%d.0,"meeting_id":"%s","room":"%s"},"event_ts":%d.0}"""
                .formatted(UUID.randomUUID(), start, start + 754, UUID.randomUUID(), atDaily, start + 760);
        for (int i = 0; i < 2; i++) {
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(URI.create(stack.url("/webhooks/daily")))
                    .header("Content-Type", "application/json").header("X-Webhook-Timestamp", timestamp)
                    .header("X-Webhook-Signature", HmacSha256.base64(Base64.getDecoder().decode(DAILY_SECRET),
                            (timestamp + "." + body).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, delivered.statusCode(), delivered.body());
        }
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

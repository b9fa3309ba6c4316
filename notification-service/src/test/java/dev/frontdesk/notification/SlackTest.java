package dev.frontdesk.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.notification.service.DispatchJob;
import dev.frontdesk.notification.slack.SlackMessage;
import dev.frontdesk.notification.slack.SlackRules;
import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.StubServer;
import dev.frontdesk.platform.testing.TestClock;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Slack posts through a stub that answers like Slack's incoming webhooks (plain-text bodies, 429 Retry-After). */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class SlackTest {

    private static final StubServer SLACK = new StubServer(StubServer.reservedPort("slack"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @Inject
    DispatchJob dispatch;

    private final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private final TestDatabase database = TestDatabase.forSchema("notifications");
    private final String org = "org-" + UUID.randomUUID();
    private final String admin = DevTokens.mint(org, "admin-1", "admin");
    private final String hookPath = "/services/T000/B000/" + UUID.randomUUID();

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void postsChosenEventsRetriesRateLimitsAndServerErrorsAndStopsOnARevokedWebhook() throws Throwable {
        SLACK.route("POST", hookPath, request -> new StubServer.Response(200, Map.of("Content-Type", "text/plain"), "ok"));
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"webhookUrl": "%s%s", "events": ["invite.sent", "call.missed"]}""".formatted(SLACK.baseUrl(), hookPath))
                .when().put("/api/notifications/slack")
                .then().statusCode(200).body("configured", equalTo(true)).body("webhookHost", equalTo("127.0.0.1"))
                .body(not(containsString(hookPath)));

        // An invite: posted once, with a text fallback and blocks.
        String inviteId = UUID.randomUUID().toString();
        invite(inviteId);
        await().atMost(Duration.ofSeconds(15)).until(() -> slackRows("invite.sent", inviteId, "pending") == 1);
        dispatch();
        List<StubServer.Request> posts = SLACK.requests("POST", hookPath);
        assertEquals(1, posts.size());
        JsonNode message = JSON.readTree(posts.get(0).body());
        assertTrue(message.path("text").asText().contains("Ann Host"), message.toString());
        assertEquals("section", message.path("blocks").path(0).path("type").asText());
        assertTrue(message.path("blocks").path(0).path("text").path("text").asText()
                .matches("(?s).*<https://app\\.frontdesk\\.test/visitors/v_[0-9a-f-]+\\|Open visitor>$"), message.toString());
        assertEquals("application/json", posts.get(0).header("Content-Type"));
        assertEquals(1, slackRows("invite.sent", inviteId, "delivered"));
        clock.advance(Duration.ofSeconds(1)); // Slack's pace: about one post per second per webhook

        // A missed call meets a rate limit, then a Slack outage: retried after Retry-After, then with backoff.
        String callId = UUID.randomUUID().toString();
        SLACK.failNext("POST", hookPath,
                new StubServer.Response(429, Map.of("Retry-After", "7", "Content-Type", "application/json"), "{\"calls\": 2}"),
                new StubServer.Response(500, Map.of("Content-Type", "text/plain"), "rollup_error"));
        missedCall(callId);
        await().atMost(Duration.ofSeconds(15)).until(() -> slackRows("call.missed", callId, "pending") == 1);
        dispatch();
        assertEquals(2, SLACK.requests("POST", hookPath).size());
        clock.advance(Duration.ofSeconds(5));
        dispatch();
        assertEquals(2, SLACK.requests("POST", hookPath).size(), "Retry-After is honoured");
        clock.advance(Duration.ofSeconds(3));
        dispatch(); // 500
        assertEquals(3, SLACK.requests("POST", hookPath).size());
        assertEquals("slack 500: rollup_error", database.text("SELECT last_error FROM delivery WHERE subject_id = ? "
                + "AND channel = 'slack'", callId));
        clock.advance(Duration.ofSeconds(3));
        dispatch();
        assertEquals(4, SLACK.requests("POST", hookPath).size());
        assertEquals(1, slackRows("call.missed", callId, "delivered"));
        assertEquals(3, database.count("SELECT attempts FROM delivery WHERE subject_id = ? AND channel = 'slack'", callId));
        clock.advance(Duration.ofSeconds(1));

        // The channel is archived: the destination is marked broken, nothing more is sent until an admin fixes it.
        SLACK.failNext("POST", hookPath, new StubServer.Response(410, Map.of("Content-Type", "text/plain"), "channel_is_archived"));
        String next = UUID.randomUUID().toString();
        invite(next);
        await().atMost(Duration.ofSeconds(15)).until(() -> slackRows("invite.sent", next, "pending") == 1);
        dispatch();
        assertEquals(1, slackRows("invite.sent", next, "failed"));
        given().auth().oauth2(admin).when().get("/api/notifications/slack")
                .then().statusCode(200).body("broken", equalTo(true)).body("brokenReason", equalTo("channel_is_archived"));
        String afterwards = UUID.randomUUID().toString();
        invite(afterwards);
        await().atMost(Duration.ofSeconds(15)).until(() -> slackRows("invite.sent", afterwards, "skipped") == 1);
        assertEquals(5, SLACK.requests("POST", hookPath).size());

        // Events the org did not choose are not posted.
        given().auth().oauth2(admin).queryParam("channel", "slack").queryParam("status", "skipped")
                .when().get("/api/notifications/deliveries")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].lastError", equalTo("slack destination broken: channel_is_archived"));
    }

    @Test
    void postsToOneWebhookArePacedAtAboutOnePerSecond() throws Throwable {
        SLACK.route("POST", hookPath, request -> new StubServer.Response(200, Map.of("Content-Type", "text/plain"), "ok"));
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"webhookUrl": "%s%s", "events": ["invite.sent"]}""".formatted(SLACK.baseUrl(), hookPath))
                .when().put("/api/notifications/slack").then().statusCode(200);
        List<String> invites = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        invites.forEach(this::invite);
        await().atMost(Duration.ofSeconds(15)).until(() -> invites.stream()
                .allMatch(id -> slackRows("invite.sent", id, "pending") == 1));
        dispatch();
        dispatch();
        assertEquals(1, SLACK.requests("POST", hookPath).size(), "one post, then wait");
        clock.advance(Duration.ofMillis(1100));
        dispatch();
        assertEquals(2, SLACK.requests("POST", hookPath).size());
        clock.advance(Duration.ofMillis(1100));
        dispatch();
        assertEquals(3, SLACK.requests("POST", hookPath).size());
        assertEquals(3, invites.stream().mapToLong(id -> slackRows("invite.sent", id, "delivered")).sum());
    }

    @Test
    void settingsAreValidatedAndWithoutADestinationPostsAreSkippedWithTheReason() {
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"webhookUrl": "not a url", "events": ["invite.sent"]}""")
                .when().put("/api/notifications/slack").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"webhookUrl": "https://hooks.slack.com/services/T/B/X", "events": ["everything"]}""")
                .when().put("/api/notifications/slack").then().statusCode(400)
                .body("detail", containsString("everything"));
        given().auth().oauth2(DevTokens.mint(org, "staff-1", "staff")).when().get("/api/notifications/slack")
                .then().statusCode(403);

        String inviteId = UUID.randomUUID().toString();
        invite(inviteId);
        await().atMost(Duration.ofSeconds(15)).until(() -> slackRows("invite.sent", inviteId, "skipped") == 1);
        assertEquals("slack not configured for this organization", database.text(
                "SELECT last_error FROM delivery WHERE subject_id = ? AND channel = 'slack'", inviteId));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "http://127.0.0.1:8082/x", "http://127.0.0.1/x", "http://localhost:8082/x",
            "http://10.0.0.5/services/x", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8082/x",
            "https://hooks.slack.com.evil.example/services/x", "https://evil.example/hooks.slack.com/services/x",
            "https://user:pass@hooks.slack.com/services/x", "http://hooks.slack.com/services/x",
            "https://hooks.slack.com:8082/services/x", "file:///etc/passwd", "gopher://127.0.0.1:8082/x" })
    void aWebhookUrlOutsideTheAllowedHostsIsRefusedNamingTheFieldWithoutEchoingIt(String url) {
        String withDestination = DevTokens.mint("org-" + UUID.randomUUID(), "admin-1", "admin");
        given().auth().oauth2(withDestination).contentType("application/json").body("""
                {"webhookUrl": "%s%s", "events": ["invite.sent"]}""".formatted(SLACK.baseUrl(), hookPath))
                .when().put("/api/notifications/slack").then().statusCode(200);
        String body = given().auth().oauth2(withDestination).contentType("application/json").body("""
                {"webhookUrl": "%s", "events": ["invite.sent"]}""".formatted(url))
                .when().put("/api/notifications/slack").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("webhookUrl")).extract().asString();
        assertFalse(body.contains(url), body);
        // Nothing changed: the previous destination stays.
        given().auth().oauth2(withDestination).when().get("/api/notifications/slack").then()
                .body("webhookHost", equalTo("127.0.0.1"));
    }

    @Test
    void theDeliveryLogNeverShowsAForeignAnswer() throws Throwable {
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"webhookUrl": "%s%s", "events": ["invite.sent"]}""".formatted(SLACK.baseUrl(), hookPath))
                .when().put("/api/notifications/slack").then().statusCode(200);
        String stored = database.text("SELECT webhook_url FROM slack_destination WHERE org = ?", org);
        assertTrue(stored.startsWith("fd1:") && !stored.contains(hookPath), "stored sealed: " + stored);
        SLACK.failNext("POST", hookPath, new StubServer.Response(404, java.util.Map.of("Content-Type", "text/html"),
                "<html>internal admin console: db password hunter2</html>"));
        String inviteId = UUID.randomUUID().toString();
        invite(inviteId);
        await().atMost(Duration.ofSeconds(15)).until(() -> slackRows("invite.sent", inviteId, "pending") == 1);
        dispatch();
        assertEquals(1, slackRows("invite.sent", inviteId, "failed"));
        assertEquals("slack 404: unexpected answer", database.text(
                "SELECT last_error FROM delivery WHERE subject_id = ? AND channel = 'slack'", inviteId));
    }

    @Test
    void textFromPeopleCannotMentionTheChannelOrDisguiseALink() throws Throwable {
        SLACK.route("POST", hookPath, request -> new StubServer.Response(200, Map.of("Content-Type", "text/plain"), "ok"));
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"webhookUrl": "%s%s", "events": ["invite.sent"]}""".formatted(SLACK.baseUrl(), hookPath))
                .when().put("/api/notifications/slack").then().statusCode(200);
        String inviteId = UUID.randomUUID().toString();
        String visitorId = "v_" + UUID.randomUUID();
        kafka.publish("frontdesk.visitors", "frontdesk.visitor.invite.sent.v1", visitorId, """
                {"inviteId": "%s", "visitorId": "%s", "org": "%s", "siteId": "%s", "sessionId": "s-1",
                 "guestUrl": "https://meet.jit.si/fd-x", "status": "invited", "invitedBy": "staff-1",
                 "invitedByName": "Sam <!here>", "message": "hi <!channel> see <https://evil.example|your invoice> & more",
                 "invitedAt": "%s", "expiresAt": "%s"}"""
                .formatted(inviteId, visitorId, org, UUID.randomUUID(), Instant.now(), Instant.now().plusSeconds(120)));
        await().atMost(Duration.ofSeconds(15)).until(() -> slackRows("invite.sent", inviteId, "pending") == 1);
        dispatch();
        String posted = SLACK.requests("POST", hookPath).stream().map(StubServer.Request::body)
                .filter(body -> body.contains("Sam")).findFirst().orElseThrow();
        for (String live : List.of("<!here>", "<!channel>", "<https://evil.example|")) {
            assertFalse(posted.contains(live), posted);
        }
        assertTrue(posted.contains("Sam &lt;!here&gt;") && posted.contains("&lt;!channel&gt;")
                && posted.contains("&amp; more"), posted);
    }

    /** Answers as Slack does: 400 invalid_payload for a body that is not JSON, 400 invalid_blocks / no_text for one
     * over Block Kit's limits, 200 ok otherwise. */
    private static StubServer.Response likeSlack(StubServer.Request request) {
        JsonNode message;
        try {
            message = JSON.readTree(request.body());
        } catch (Exception e) {
            return new StubServer.Response(400, Map.of("Content-Type", "text/plain"), "invalid_payload");
        }
        List<String> violations = SlackRules.violations(message);
        if (!violations.isEmpty()) {
            return new StubServer.Response(400, Map.of("Content-Type", "text/plain"),
                    violations.get(0).substring(0, violations.get(0).indexOf(':')));
        }
        return new StubServer.Response(200, Map.of("Content-Type", "text/plain"), "ok");
    }

    private String slackFor(String org, String... events) {
        String path = "/services/T000/B000/" + UUID.randomUUID();
        SLACK.route("POST", path, SlackTest::likeSlack);
        given().auth().oauth2(DevTokens.mint(org, "admin-1", "admin")).contentType("application/json")
                .body(Map.of("webhookUrl", SLACK.baseUrl() + path, "events", List.of(events)))
                .when().put("/api/notifications/slack").then().statusCode(200);
        return path;
    }

    @Test
    void theC06BookingOfAMemberNamedChannelReachesSlackAsText() throws Throwable {
        // Real-world case c06: a Cal.com booker typed "<!channel> Robin Vale" as their name; booking-webhook-service
        // publishes it as the member's name and in the title.
        String path = slackFor(org, "booking.created");
        String uid = "c06-" + UUID.randomUUID();
        kafka.publish("frontdesk.bookings", "frontdesk.booking.created.v1", uid, """
                {"uid": "%s", "org": "%s", "status": "CREATED", "title": "Intro between Priya Raman and <!channel> Robin Vale",
                 "startAt": "2031-03-04T14:00:00Z", "endAt": "2031-03-04T14:30:00Z", "hostName": "Priya Raman",
                 "hostEmail": "priya.host@example.com", "memberName": "<!channel> Robin Vale",
                 "memberEmail": "robin.vale@example.org", "memberTimeZone": "Europe/Dublin"}""".formatted(uid, org));
        await().atMost(Duration.ofSeconds(15)).until(() -> slackRows("booking.created", uid, "pending") == 1);
        dispatch();
        assertEquals(1, slackRows("booking.created", uid, "delivered"));
        JsonNode posted = JSON.readTree(SLACK.requests("POST", path).get(0).body());
        assertEquals("Session booked: &lt;!channel&gt; Robin Vale with Priya Raman, 4 Mar 14:00 UTC",
                posted.path("text").asText());
        assertEquals("*Session booked*\n&lt;!channel&gt; Robin Vale with Priya Raman, 4 Mar 14:00 UTC\n"
                + "Intro between Priya Raman and &lt;!channel&gt; Robin Vale\n"
                + "<https://app.frontdesk.test/bookings/" + uid + "|Open booking>",
                posted.path("blocks").path(0).path("text").path("text").asText());
        assertFalse(SLACK.requests("POST", path).get(0).body().contains("<!channel>"));
    }

    /** Each kind of post, with hostile and huge text wherever outside text goes, reaches Slack postable and inert. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "invite.sent", "call.missed", "booking.created", "booking.cancelled" })
    void everyKindOfPostWithHostileAndHugeTextIsPostedWithinSlacksLimits(String event) throws Throwable {
        String hostileOrg = "org-" + UUID.randomUUID();
        String path = slackFor(hostileOrg, event);
        String huge = "<!channel> & <https://evil.example|x> 😀".repeat(3_000);
        String name = "<!here> " + "N".repeat(5_000);
        String subject = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        switch (event) {
            case "invite.sent" -> kafka.publish("frontdesk.visitors", "frontdesk.visitor.invite.sent.v1", subject,
                    JSON.writeValueAsString(Map.of("inviteId", subject, "visitorId", "v_" + subject, "org", hostileOrg,
                            "siteId", UUID.randomUUID().toString(), "status", "invited", "invitedByName", name,
                            "message", huge, "invitedAt", now, "expiresAt", Instant.now().plusSeconds(120).toString())));
            case "call.missed" -> kafka.publish("frontdesk.calls", "frontdesk.call.missed.v1", subject,
                    JSON.writeValueAsString(Map.of("callId", subject, "org", hostileOrg, "callerId", "staff-1",
                            "calleeId", "client-9", "status", "MISSED", "at", now, "callerName", name,
                            "calleeName", huge)));
            default -> kafka.publish("frontdesk.bookings", "frontdesk." + event + ".v1", subject,
                    JSON.writeValueAsString(Map.of("uid", subject, "org", hostileOrg, "status", "CREATED",
                            "title", huge, "reason", huge, "startAt", "2031-03-04T14:00:00Z",
                            "endAt", "2031-03-04T14:30:00Z", "hostName", name, "memberName", name)));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> slackRows(event, subject, "pending") == 1);
        dispatch();
        assertEquals(1, slackRows(event, subject, "delivered"), "the stub answers 400 invalid_blocks over a limit: "
                + database.text("SELECT coalesce(last_error, '') FROM delivery WHERE subject_id = ? AND channel = 'slack'",
                        subject));
        JsonNode posted = JSON.readTree(SLACK.requests("POST", path).get(0).body());
        String section = posted.path("blocks").path(0).path("text").path("text").asText();
        assertTrue(section.contains(SlackMessage.MARKER), "cut with a marker");
        assertEquals(List.of(), SlackRules.foreignMarkup(posted.path("text").asText(), "https://app.frontdesk.test/"));
        assertEquals(List.of(), SlackRules.foreignMarkup(section, "https://app.frontdesk.test/"));
        if (event.equals("call.missed")) {
            assertTrue(section.startsWith("*Missed call*\n&lt;!here&gt; NNN"), "named, not by id: " + section);
        }
    }

    @Test
    void aPostSlackRefusesAsInvalidIsRecordedAsOurFaultAndTheDestinationStays() throws Throwable {
        String path = slackFor(org, "invite.sent");
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler collector = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
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
        String refused = UUID.randomUUID().toString();
        try {
            SLACK.failNext("POST", path, new StubServer.Response(400, Map.of("Content-Type", "text/plain"),
                    "invalid_blocks"));
            invite(refused);
            await().atMost(Duration.ofSeconds(15)).until(() -> slackRows("invite.sent", refused, "pending") == 1);
            dispatch();
        } finally {
            root.removeHandler(collector);
        }
        assertEquals(1, slackRows("invite.sent", refused, "failed"));
        assertEquals("slack 400: invalid_blocks (" + DispatchJob.OUR_FAULT + ")", database.text(
                "SELECT last_error FROM delivery WHERE subject_id = ? AND channel = 'slack'", refused));
        List<String> messages = logged.stream().map(record -> record instanceof ExtLogRecord ext
                ? ext.getFormattedMessage() : record.getMessage()).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("invalid_blocks") && m.contains("fault in our message")),
                messages.toString());
        assertTrue(messages.stream().noneMatch(m -> m.contains(path)), "the webhook URL is a secret: " + messages);
        given().auth().oauth2(admin).when().get("/api/notifications/slack").then().statusCode(200)
                .body("broken", equalTo(false));

        // Not retried; the next post goes out.
        clock.advance(Duration.ofSeconds(1));
        String next = UUID.randomUUID().toString();
        invite(next);
        await().atMost(Duration.ofSeconds(15)).until(() -> slackRows("invite.sent", next, "pending") == 1);
        dispatch();
        assertEquals(1, slackRows("invite.sent", next, "delivered"));
        assertEquals(2, SLACK.requests("POST", path).size());
    }

    private void invite(String inviteId) {
        String visitorId = "v_" + UUID.randomUUID();
        kafka.publish("frontdesk.visitors", "frontdesk.visitor.invite.sent.v1", visitorId, """
                {"inviteId": "%s", "visitorId": "%s", "org": "%s", "siteId": "%s", "sessionId": "s-1",
                 "guestUrl": "https://meet.jit.si/fd-x", "status": "invited", "invitedBy": "staff-1",
                 "invitedByName": "Ann Host", "message": "Can I help?", "invitedAt": "%s", "expiresAt": "%s"}"""
                .formatted(inviteId, visitorId, org, UUID.randomUUID(), Instant.now(), Instant.now().plusSeconds(120)));
    }

    private void missedCall(String callId) {
        kafka.publish("frontdesk.calls", "frontdesk.call.missed.v1", callId, """
                {"callId": "%s", "org": "%s", "callerId": "staff-1", "calleeId": "client-9", "status": "MISSED",
                 "previousStatus": "RINGING", "actor": "system", "at": "%s"}""".formatted(callId, org, Instant.now()));
    }

    private long slackRows(String type, String subjectId, String status) {
        return database.count("SELECT count(*) FROM delivery WHERE channel = 'slack' AND type = ? AND subject_id = ? "
                + "AND status = ?", type, subjectId, status);
    }

    private void dispatch() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> dispatch.dispatchDue());
    }
}

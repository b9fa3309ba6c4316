package dev.frontdesk.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.frontdesk.notification.service.DispatchJob;
import dev.frontdesk.platform.testing.TwilioStub;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.StubServer;
import dev.frontdesk.platform.testing.TestClock;
import dev.frontdesk.platform.testing.TestDatabase;
import dev.frontdesk.platform.webhook.TwilioSignature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Reminders from booking events, sent through a stub speaking Twilio's Messages API, on the test clock. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class SmsReminderTest {

    private static StubServer TWILIO;

    @Inject
    TestClock clock;

    @Inject
    DispatchJob dispatch;

    private final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private final TestDatabase database = TestDatabase.forSchema("notifications");
    private final String org = "org-" + UUID.randomUUID();

    @BeforeEach
    void twilioAccepts() {
        TWILIO = TwilioStub.accepting();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void reminderIsScheduledMovedBySendingOnceAtStartMinusOneHourAndTracksTwilioStatus() throws Throwable {
        String phone = "+1415555" + (1000 + (int) (Math.random() * 8999));
        String uid = "bk-" + UUID.randomUUID();
        Instant start = clock.instant().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        booking("booking.created", uid, null, start, phone);
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(uid) == 2);
        assertEquals(start.minus(1, ChronoUnit.HOURS).toString(), database.text(
                "SELECT to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM delivery "
                        + "WHERE subject_id = ? AND type = 'pre-session-reminder'", uid));
        dispatch();
        assertEquals(0, sentTo(phone).size(), "nothing is due yet");

        // Rescheduled to two hours later: the reminders move to the new booking.
        String newUid = "bk-" + UUID.randomUUID();
        Instant newStart = start.plus(2, ChronoUnit.HOURS);
        booking("booking.rescheduled", newUid, uid, newStart, phone);
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(newUid) == 2 && pending(uid) == 0);

        clock.advance(Duration.ofHours(3)); // the old reminder time has passed; the new one has not
        dispatch();
        assertEquals(0, sentTo(phone).size());

        clock.advance(Duration.ofHours(1).plusMinutes(5)); // new start − 55 min
        dispatch();
        List<StubServer.Request> sent = sentTo(phone);
        assertEquals(1, sent.size());
        Map<String, String> form = form(sent.get(0).body());
        assertEquals(NotificationServiceTestResource.TWILIO_FROM, form.get("From"));
        assertEquals(NotificationServiceTestResource.STATUS_CALLBACK, form.get("StatusCallback"));
        assertTrue(form.get("Body").contains("Bob Guest") && form.get("Body").contains("Ann Host")
                && form.get("Body").contains("https://app.frontdesk.test/join/" + newUid), form.get("Body"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString((NotificationServiceTestResource.TWILIO_SID + ":"
                + NotificationServiceTestResource.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8)),
                sent.get(0).header("Authorization"));
        assertTrue(sent.get(0).path().endsWith("/Accounts/" + NotificationServiceTestResource.TWILIO_SID + "/Messages.json"));
        String sid = database.text("SELECT provider_id FROM delivery WHERE subject_id = ? AND type = 'pre-session-reminder' "
                + "AND status = 'sent'", newUid);
        assertTrue(sid.startsWith("SM"));
        assertEquals("queued", database.text("SELECT provider_status FROM delivery WHERE provider_id = ?", sid),
                "Twilio's first status, from its 201");

        dispatch();
        assertEquals(1, sentTo(phone).size(), "sent once");

        // Twilio's status callbacks: unsigned 400, badly signed 403, signed applied; out-of-order "sent" ignored.
        Map<String, String> delivered = Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid",
                NotificationServiceTestResource.TWILIO_SID, "To", phone);
        callback(delivered, null).then().statusCode(400);
        callback(delivered, "bm90LWEtc2lnbmF0dXJl").then().statusCode(403)
                .contentType("application/problem+json");
        callback(delivered, sign(delivered)).then().statusCode(204);
        Map<String, String> late = Map.of("MessageSid", sid, "MessageStatus", "sent");
        callback(late, sign(late)).then().statusCode(204);
        assertEquals("delivered", database.text("SELECT status FROM delivery WHERE provider_id = ?", sid));

        // The thank-you goes after the end.
        clock.advance(Duration.ofHours(1).plusMinutes(40)); // end (new start + 30 min) + 5 min has passed
        dispatch();
        assertTrue(sentTo(phone).stream().anyMatch(r -> form(r.body()).get("Body").startsWith("Thank you")));
    }

    @Test
    void cancelledBookingsSendNothingAndNoReminderGoesAfterTheStart() throws Throwable {
        String phone = "+1415556" + (1000 + (int) (Math.random() * 8999));
        String cancelled = "bk-" + UUID.randomUUID();
        booking("booking.created", cancelled, null, clock.instant().plus(90, ChronoUnit.MINUTES), phone);
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(cancelled) == 2);
        booking("booking.cancelled", cancelled, null, clock.instant().plus(90, ChronoUnit.MINUTES), phone);
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(cancelled) == 0);
        assertEquals("booking cancelled", database.text(
                "SELECT last_error FROM delivery WHERE subject_id = ? AND type = 'pre-session-reminder'", cancelled));

        String missed = "bk-" + UUID.randomUUID();
        booking("booking.created", missed, null, clock.instant().plus(2, ChronoUnit.HOURS), phone);
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(missed) == 2);
        clock.advance(Duration.ofHours(2).plusMinutes(1)); // the dispatcher was down until after the start
        dispatch();
        assertEquals(0, sentTo(phone).size());
        assertEquals("session already started", database.text(
                "SELECT last_error FROM delivery WHERE subject_id = ? AND type = 'pre-session-reminder' AND status = 'skipped'",
                missed));
    }

    @Test
    void twilioRateLimitsAreRetriedAndAnOptedOutNumberGetsNoMoreSms() throws Throwable {
        String phone = "+1415557" + (1000 + (int) (Math.random() * 8999));
        String first = "bk-" + UUID.randomUUID();
        booking("booking.created", first, null, clock.instant().plus(30, ChronoUnit.MINUTES), phone);
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(first) == 2);

        TWILIO.failNext("POST", "/2010-04-01/Accounts/", new StubServer.Response(429, Map.of("Content-Type",
                "application/json", "Retry-After", "5"), """
                {"code": 20429, "message": "Too Many Requests", "status": 429}"""));
        dispatch();
        assertEquals(1, sentTo(phone).size());
        assertEquals("pending", database.text("SELECT status FROM delivery WHERE subject_id = ? AND type = 'pre-session-reminder'", first));
        clock.advance(Duration.ofSeconds(6));
        dispatch();
        assertEquals(2, sentTo(phone).size());
        assertEquals("sent", database.text("SELECT status FROM delivery WHERE subject_id = ? AND type = 'pre-session-reminder'", first));

        String second = "bk-" + UUID.randomUUID();
        booking("booking.created", second, null, clock.instant().plus(30, ChronoUnit.MINUTES), phone);
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(second) == 2);
        TWILIO.failNext("POST", "/2010-04-01/Accounts/", StubServer.Response.json(400, """
                {"code": 21610, "message": "Attempt to send to unsubscribed recipient", "status": 400,
                 "more_info": "https://www.twilio.com/docs/errors/21610"}"""));
        dispatch();
        assertTrue(database.text("SELECT last_error FROM delivery WHERE subject_id = ? AND type = 'pre-session-reminder'", second)
                .contains("21610"));
        assertEquals(1, database.count("SELECT count(*) FROM sms_opt_out WHERE phone = ?", phone));

        clock.advance(Duration.ofHours(2)); // the thank-yous are due: the number opted out
        int before = sentTo(phone).size();
        dispatch();
        assertEquals(before, sentTo(phone).size());
        assertEquals(2, database.count("SELECT count(*) FROM delivery WHERE recipient = ? AND type = 'post-session-thank-you' "
                + "AND status = 'skipped' AND last_error = 'recipient opted out of SMS'", phone));
    }

    @Test
    void twilioSignatureMatchesTwilioOwnTestVector() {
        assertEquals("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.sign("12345",
                "https://mycompany.com/myapp.php?foo=1&bar=2", Map.of("CallSid", List.of("CA1234567890ABCDE"),
                        "Caller", List.of("+14158675309"), "Digits", List.of("1234"), "From", List.of("+14158675309"),
                        "To", List.of("+18005551212"))));
    }

    @Test
    void templatesAreEditablePerOrganization() {
        String admin = dev.frontdesk.platform.testing.DevTokens.mint(org, "admin-1", "admin");
        given().auth().oauth2(admin).when().get("/api/notifications/sms/templates")
                .then().statusCode(200).body("size()", equalTo(4))
                .body("find { it.key == 'pre-session-reminder' }.name", equalTo("Pre-Session Reminder"));
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"body": "Hello {{memberName}} {{nope}}"}""")
                .when().put("/api/notifications/sms/templates/pre-session-reminder")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"body": "See you at {{startTime}}, {{memberName}}"}""")
                .when().put("/api/notifications/sms/templates/pre-session-reminder")
                .then().statusCode(200).body("customized", equalTo(true)).body("body", equalTo("See you at {{startTime}}, {{memberName}}"));
        given().auth().oauth2(dev.frontdesk.platform.testing.DevTokens.mint("other-" + org, "admin-2", "admin"))
                .when().get("/api/notifications/sms/templates/pre-session-reminder")
                .then().statusCode(200).body("customized", equalTo(false));
        given().auth().oauth2(admin).when().get("/api/notifications/sms/templates/no-such").then().statusCode(404);
        given().auth().oauth2(dev.frontdesk.platform.testing.DevTokens.mint(org, "staff-1", "staff"))
                .when().get("/api/notifications/sms/templates").then().statusCode(403);
    }

    @Test
    void eachSeatHasItsOwnRemindersAndACancelledSeatLosesOnlyItsOwn() throws Throwable {
        String tomas = "+1415557" + (1000 + (int) (Math.random() * 8999));
        String lena = "+1415558" + (1000 + (int) (Math.random() * 8999));
        String uid = "bk-" + UUID.randomUUID();
        Instant start = clock.instant().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String tomasSeat = member("tomas@example.org", "Tomas Rivera", tomas, "America/Chicago");
        String lenaSeat = member("lena@example.net", "Lena Park", lena, "Asia/Seoul");
        seated("booking.created", uid, null, start, "CREATED", false, tomasSeat);
        seated("booking.members.changed", uid, null, start, "CREATED", false, tomasSeat, lenaSeat);
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(uid) == 4);
        assertEquals("lena@example.net,tomas@example.org", database.text("SELECT string_agg(DISTINCT member_key, ',' "
                + "ORDER BY member_key) FROM delivery WHERE subject_id = ?", uid));

        // The host moves the seated booking in place (same uid): every seat's reminders move with it.
        Instant later = start.plus(1, ChronoUnit.HOURS);
        seated("booking.rescheduled", uid, uid, later, "CREATED", false, tomasSeat, lenaSeat);
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count("SELECT count(*) FROM delivery "
                + "WHERE subject_id = ? AND type = 'pre-session-reminder' AND status = 'pending' AND due_at = ?", uid,
                java.time.OffsetDateTime.ofInstant(later.minus(1, ChronoUnit.HOURS), java.time.ZoneOffset.UTC)) == 2);

        // Lena cancels her seat: her reminders go, Tomas's stay.
        seated("booking.members.changed", uid, null, later, "CREATED", false, tomasSeat);
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(uid) == 2);
        assertEquals("seat cancelled,seat cancelled", database.text("SELECT string_agg(last_error, ',') FROM delivery "
                + "WHERE subject_id = ? AND member_key = 'lena@example.net'", uid));

        clock.advance(Duration.ofHours(3).plusMinutes(5)); // later − 55 min
        dispatch();
        assertEquals(0, sentTo(lena).size());
        List<StubServer.Request> sent = sentTo(tomas);
        assertEquals(1, sent.size());
        String body = form(sent.get(0).body()).get("Body");
        // Tomas's own name and time zone (Chicago, not the first member's or Berlin).
        assertTrue(body.contains("Tomas Rivera") && body.contains("CST"), body);

        // Lena books her seat again: her reminders come back.
        seated("booking.members.changed", uid, null, later, "CREATED", false, tomasSeat, lenaSeat);
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count("SELECT count(*) FROM delivery WHERE "
                + "subject_id = ? AND member_key = 'lena@example.net' AND status = 'pending'", uid) == 2);
    }

    @Test
    void aHostsRequestRescheduleOrAReplacementWaitingForConfirmationSaySoOnTheSkippedReminders() {
        String phone = "+1415559" + (1000 + (int) (Math.random() * 8999));
        String asked = "bk-" + UUID.randomUUID();
        String replaced = "bk-" + UUID.randomUUID();
        Instant start = clock.instant().plus(3, ChronoUnit.HOURS);
        String seat = member("jonas@example.de", "Jonas Weber", phone, "Europe/Berlin");
        seated("booking.created", asked, null, start, "CREATED", false, seat);
        seated("booking.created", replaced, null, start, "CREATED", false, seat);
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(asked) == 2 && pending(replaced) == 2);
        seated("booking.cancelled", asked, null, start, "CANCELLED", true, seat);
        kafka.publish("frontdesk.bookings", "frontdesk.booking.cancelled.v1", replaced, """
                {"uid": "%s", "org": "%s", "status": "RESCHEDULED", "startAt": "%s",
                 "reason": "rescheduled to bk-new, waiting for the host's confirmation", "members": [%s]}"""
                .formatted(replaced, org, start, seat));
        await().atMost(Duration.ofSeconds(15)).until(() -> pending(asked) == 0 && pending(replaced) == 0);
        assertEquals("the host asked the member to book again", database.text(
                "SELECT last_error FROM delivery WHERE subject_id = ? AND type = 'pre-session-reminder'", asked));
        assertEquals("booking rescheduled to bk-new, waiting for the host's confirmation", database.text(
                "SELECT last_error FROM delivery WHERE subject_id = ? AND type = 'pre-session-reminder'", replaced));
    }

    private static String member(String email, String name, String phone, String timeZone) {
        return """
                {"key": "%s", "name": "%s", "email": "%s", "phone": "%s", "timeZone": "%s"}"""
                .formatted(email, name, email, phone, timeZone);
    }

    /** A booking event as booking-webhook-service sends it since seats: with the list of members still booked. */
    private void seated(String type, String uid, String previousUid, Instant start, String status,
            boolean rescheduleRequested, String... members) {
        kafka.publish("frontdesk.bookings", "frontdesk." + type + ".v1", uid, """
                {"uid": "%s", "org": "%s", "status": "%s", "title": "Group onboarding", "startAt": "%s", "endAt": "%s",
                 "hostName": "Priya Raman", "memberJoinUrl": "https://app.frontdesk.test/join/%s", "previousUid": %s,
                 "members": [%s], "rescheduleRequested": %s}"""
                .formatted(uid, org, status, start, start.plus(1, ChronoUnit.HOURS), uid,
                        previousUid == null ? "null" : "\"" + previousUid + "\"", String.join(", ", members),
                        rescheduleRequested));
    }

    private void booking(String type, String uid, String previousUid, Instant start, String phone) {
        kafka.publish("frontdesk.bookings", "frontdesk." + type + ".v1", uid, """
                {"uid": "%s", "org": "%s", "status": "%s", "title": "Intro call", "startAt": "%s", "endAt": "%s",
                 "hostName": "Ann Host", "hostEmail": "ann@example.com", "memberName": "Bob Guest",
                 "memberEmail": "bob@example.com", "memberPhone": "%s", "memberTimeZone": "Europe/Berlin",
                 "memberJoinUrl": "https://app.frontdesk.test/join/%s", "previousUid": %s}"""
                .formatted(uid, org, type.endsWith("cancelled") ? "cancelled" : "accepted", start,
                        start.plus(30, ChronoUnit.MINUTES), phone, uid,
                        previousUid == null ? "null" : "\"" + previousUid + "\""));
    }

    private long pending(String uid) {
        return database.count("SELECT count(*) FROM delivery WHERE subject_id = ? AND channel = 'sms' AND status = 'pending'", uid);
    }

    private void dispatch() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> dispatch.dispatchDue());
    }

    private static List<StubServer.Request> sentTo(String phone) {
        return TWILIO.requests("POST", "/2010-04-01/Accounts/").stream()
                .filter(r -> phone.equals(form(r.body()).get("To"))).toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static String sign(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return TwilioSignature.sign(NotificationServiceTestResource.TWILIO_TOKEN,
                NotificationServiceTestResource.STATUS_CALLBACK, multi);
    }

    private static io.restassured.response.Response callback(Map<String, String> params, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded").formParams(params);
        if (signature != null) {
            request = request.header("X-Twilio-Signature", signature);
        }
        return request.when().post("/webhooks/twilio/status");
    }
}

package dev.frontdesk.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.frontdesk.notification.service.DispatchJob;
import dev.frontdesk.platform.testing.TwilioStub;
import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.StubServer;
import dev.frontdesk.platform.testing.TestClock;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** After a session: staff dashboards, the "Inactive 48h Reminder" and the "Holiday Message" campaign. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class BookingFollowUpTest {

    private static StubServer TWILIO;

    @TestHTTPResource
    URI base;

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
    void staffSeeBookingChangesLive() {
        SocketWarmUp.awaitFanOut(base);
        String uid = "bk-" + UUID.randomUUID();
        try (Sockets staff = Sockets.user(base, DevTokens.mint(org, "staff-" + UUID.randomUUID(), "staff"), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> database.count(
                    "SELECT count(*) FROM socket WHERE org = ? AND kind = 'user'", org) == 1);
            booking("booking.created", uid, "bob@example.com", "+14155550111", Instant.now().plus(1, ChronoUnit.DAYS));
            assertEquals("booking.created", staff.await("booking-updated", "uid", uid).path("payload").path("event").asText());
        }
    }

    @Test
    void theInactiveReminderGoesOnceAfter48hUnlessTheMemberBookedAgain() throws Throwable {
        String idle = "+1415558" + (1000 + (int) (Math.random() * 8999));
        String loyal = "+1415559" + (1000 + (int) (Math.random() * 8999));
        Instant start = clock.instant().minus(2, ChronoUnit.HOURS);
        String idleUid = "bk-" + UUID.randomUUID();
        String loyalUid = "bk-" + UUID.randomUUID();
        booking("booking.created", idleUid, "idle@example.com", idle, start);
        booking("booking.created", loyalUid, "loyal@example.com", loyal, start);
        booking("booking.completed", idleUid, "idle@example.com", idle, start);
        booking("booking.completed", loyalUid, "loyal@example.com", loyal, start);
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count("SELECT count(*) FROM delivery WHERE type = "
                + "'inactive-48h-reminder' AND subject_id IN (?, ?) AND status = 'pending'", idleUid, loyalUid) == 2);
        String again = "bk-" + UUID.randomUUID();
        booking("booking.created", again, "loyal@example.com", loyal, start.plus(7, ChronoUnit.DAYS));
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count("SELECT count(*) FROM booking WHERE uid = ?", again) == 1);

        clock.advance(Duration.ofHours(46)); // the session ended 1.5 h ago: 48 h after it is 46.5 h from now
        dispatch();
        assertEquals(0, inactiveSentTo(idle));

        clock.advance(Duration.ofHours(1));
        dispatch();
        dispatch();
        assertEquals(1, inactiveSentTo(idle), "once");
        assertEquals(0, inactiveSentTo(loyal));
        assertEquals("skipped: member booked again", database.text("SELECT status || ': ' || coalesce(last_error, '') "
                + "FROM delivery WHERE subject_id = ? AND type = 'inactive-48h-reminder'", loyalUid));
    }

    @Test
    void theHolidayCampaignReachesEveryMemberWithAPhoneOnceAndNeverAnOptedOutNumber() throws Throwable {
        String admin = DevTokens.mint(org, "admin-1", "admin");
        String ann = "+1415560" + (1000 + (int) (Math.random() * 8999));
        String bob = "+1415561" + (1000 + (int) (Math.random() * 8999));
        String optedOut = "+1415562" + (1000 + (int) (Math.random() * 8999));
        Instant later = clock.instant().plus(10, ChronoUnit.DAYS);
        booking("booking.created", "bk-" + UUID.randomUUID(), "ann@example.com", ann, later);
        booking("booking.created", "bk-" + UUID.randomUUID(), "ann@example.com", ann, later.plus(1, ChronoUnit.DAYS));
        booking("booking.created", "bk-" + UUID.randomUUID(), "bob@example.com", bob, later);
        booking("booking.created", "bk-" + UUID.randomUUID(), "carl@example.com", optedOut, later);
        booking("booking.created", "bk-" + UUID.randomUUID(), "dora@example.com", null, later);
        database.execute("INSERT INTO sms_opt_out (phone, reason, opted_out_at) VALUES (?, 'twilio 21610', now())", optedOut);
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count("SELECT count(*) FROM booking WHERE org = ?", org) == 5);

        given().auth().oauth2(admin).contentType("application/json").body("{\"campaign\": \"holidays-2026\"}")
                .when().post("/api/notifications/sms/campaigns/holiday")
                .then().statusCode(202).body("members", equalTo(3)).body("queued", equalTo(2)).body("optedOut", equalTo(1));
        given().auth().oauth2(admin).contentType("application/json").body("{\"campaign\": \"holidays-2026\"}")
                .when().post("/api/notifications/sms/campaigns/holiday")
                .then().statusCode(202).body("queued", equalTo(0));
        given().auth().oauth2(admin).contentType("application/json").body("{\"campaign\": \"no spaces!\"}")
                .when().post("/api/notifications/sms/campaigns/holiday").then().statusCode(400);

        dispatch();
        assertEquals(1, holidaySentTo(ann));
        assertEquals(1, holidaySentTo(bob));
        assertEquals(0, holidaySentTo(optedOut));
    }

    private void booking(String type, String uid, String email, String phone, Instant start) {
        kafka.publish("frontdesk.bookings", "frontdesk." + type + ".v1", uid, """
                {"uid": "%s", "org": "%s", "status": "%s", "title": "Session", "startAt": "%s", "endAt": "%s",
                 "hostName": "Ann Host", "memberName": "Member", "memberEmail": "%s", "memberPhone": %s,
                 "memberTimeZone": "UTC", "memberJoinUrl": "https://app.frontdesk.test/join/%s"}"""
                .formatted(uid, org, type.endsWith("completed") ? "completed" : "accepted", start,
                        start.plus(30, ChronoUnit.MINUTES), email, phone == null ? "null" : "\"" + phone + "\"", uid));
    }

    private long inactiveSentTo(String phone) {
        return sentTo(phone, "how did your session");
    }

    private long holidaySentTo(String phone) {
        return sentTo(phone, "Happy holidays");
    }

    private static long sentTo(String phone, String text) {
        return TWILIO.requests("POST", "/2010-04-01/Accounts/").stream()
                .map(r -> URLDecoder.decode(r.body(), StandardCharsets.UTF_8))
                .filter(body -> body.contains("To=" + phone) && body.contains(text)).count();
    }

    private void dispatch() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> dispatch.dispatchDue());
    }
}

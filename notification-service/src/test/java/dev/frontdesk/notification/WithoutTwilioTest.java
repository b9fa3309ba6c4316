package dev.frontdesk.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.frontdesk.notification.service.DispatchJob;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import dev.frontdesk.platform.testing.Management;

/** Without Twilio credentials the service runs; due SMS are recorded as skipped with the reason, never sent. */
@QuarkusTest
@WithTestResource(value = NotificationServiceTestResource.class, initArgs = @ResourceArg(name = "twilio", value = "off"))
class WithoutTwilioTest {

    @Inject
    DispatchJob dispatch;

    private final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private final TestDatabase database = TestDatabase.forSchema("notifications");

    @Test
    void dueSmsAreSkippedWithTheReason() throws Throwable {
        String uid = "bk-" + UUID.randomUUID();
        Instant start = Instant.now().plus(30, ChronoUnit.MINUTES);
        kafka.publish("frontdesk.bookings", "frontdesk.booking.created.v1", uid, """
                {"uid": "%s", "org": "org-no-twilio", "status": "accepted", "startAt": "%s", "endAt": "%s",
                 "memberName": "Bob", "memberPhone": "+14155550123", "memberTimeZone": "UTC"}"""
                .formatted(uid, start, start.plus(30, ChronoUnit.MINUTES)));
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count(
                "SELECT count(*) FROM delivery WHERE subject_id = ? AND type = 'pre-session-reminder'", uid) == 1);
        VertxContextSupport.subscribeAndAwait(() -> dispatch.dispatchDue());
        assertEquals("skipped: twilio not configured", database.text("SELECT status || ': ' || last_error FROM delivery "
                + "WHERE subject_id = ? AND type = 'pre-session-reminder'", uid));
        Management.given().when().get("/q/health/ready").then().statusCode(200);
    }
}

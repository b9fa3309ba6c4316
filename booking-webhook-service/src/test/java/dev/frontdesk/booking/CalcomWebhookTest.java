package dev.frontdesk.booking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Cal.com's deliveries, with the fixture bodies byte for byte and real signatures. */
@QuarkusTest
@WithTestResource(BookingServiceTestResource.class)
class CalcomWebhookTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String BOOKINGS = "frontdesk.bookings";
    private static final String CREATED_UID = "qZ3kT8vN2pLm5xWc";
    private static final String RESCHEDULED_UID = "Hk7Yp2Qs9dVb4nRe";
    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private static final TestDatabase db = TestDatabase.forSchema("bookings");
    private static final ObjectMapper json = new ObjectMapper();

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void createdThenRescheduledThenCancelledEachOnceWithItsEvents() throws Exception {
        Calcom cal = new Calcom();
        String created = Calcom.fixture("booking-created.json");
        cal.deliver(created).statusCode(200).body("outcome", equalTo("applied"));
        cal.deliver(created).statusCode(200).body("outcome", equalTo("duplicate"));

        given().auth().oauth2(cal.staff).get("/api/bookings/" + CREATED_UID).then().statusCode(200)
                .body("booking.status", equalTo("CREATED"))
                .body("booking.calcomId", equalTo(81234))
                .body("booking.startAt", equalTo("2026-03-05T15:00:00Z"))
                .body("booking.memberName", equalTo("Sam Member"))
                .body("booking.memberPhone", equalTo("+14155550123"))
                .body("booking.memberTimeZone", equalTo("America/New_York"))
                .body("booking.hostEmail", equalTo("dana.host@example.com"))
                // Cal Video made the room: kept, no second one.
                .body("booking.roomSource", equalTo("calcom"))
                .body("booking.roomUrl", equalTo("https://app.cal.com/video/qZ3kT8vN2pLm5xWc"))
                .body("memberJoinLink", containsString("uid=" + CREATED_UID));
        JsonNode createdEvent = json.readTree(kafka.await(BOOKINGS, event("frontdesk.booking.created.v1", cal.org,
                CREATED_UID), 1, EVENTS).get(0).value());
        assertEquals("+14155550123", createdEvent.get("memberPhone").asText());
        assertTrue(createdEvent.get("memberJoinUrl").asText().contains("signature="));

        String rescheduled = Calcom.fixture("booking-rescheduled.json");
        cal.deliver(rescheduled).statusCode(200).body("outcome", equalTo("applied"));
        cal.deliver(rescheduled).statusCode(200).body("outcome", equalTo("duplicate"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + CREATED_UID).then()
                .body("booking.status", equalTo("RESCHEDULED")).body("booking.rescheduledTo", equalTo(RESCHEDULED_UID));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + RESCHEDULED_UID).then()
                .body("booking.status", equalTo("CREATED")).body("booking.rescheduledFrom", equalTo(CREATED_UID))
                .body("booking.startAt", equalTo("2026-03-06T16:00:00Z"));
        JsonNode moved = json.readTree(kafka.await(BOOKINGS, event("frontdesk.booking.rescheduled.v1", cal.org,
                RESCHEDULED_UID), 1, EVENTS).get(0).value());
        assertEquals(CREATED_UID, moved.get("previousUid").asText());

        cal.deliver(Calcom.fixture("booking-cancelled.json")).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + RESCHEDULED_UID).then()
                .body("booking.status", equalTo("CANCELLED"))
                .body("booking.cancellationReason", equalTo("Travelling that week"));
        kafka.await(BOOKINGS, event("frontdesk.booking.cancelled.v1", cal.org, RESCHEDULED_UID), 1, EVENTS);

        assertEquals(1, kafka.readAll(BOOKINGS, event("frontdesk.booking.created.v1", cal.org, CREATED_UID),
                Duration.ofSeconds(1)).size(), "the replay added nothing");
        assertEquals(3, db.count("SELECT count(*) FROM webhook_receipt r JOIN webhook_endpoint e ON e.id = r.endpoint_id"
                + " WHERE e.org_id = ?", cal.org));
    }

    @Test
    void theEndpointsSecretIsStoredSealedAndStillVerifiesDeliveries() {
        Calcom cal = new Calcom();
        String stored = db.text("SELECT secret FROM webhook_endpoint WHERE org_id = ?", cal.org);
        org.junit.jupiter.api.Assertions.assertTrue(stored.startsWith("fd1:") && !stored.contains(cal.secret), stored);
        cal.deliver(Calcom.fixture("booking-cancelled.json")).statusCode(200);
        cal.deliver(Calcom.fixture("booking-cancelled.json"), Calcom.sign("not-the-secret", "x")).statusCode(401);
    }

    @Test
    void aCancelOvertakingItsCreateWins() {
        Calcom cal = new Calcom();
        cal.deliver(Calcom.fixture("booking-cancelled.json")).statusCode(200);
        // The booking the cancel named is created later, by an older delivery: it stays cancelled.
        cal.deliver(Calcom.fixture("booking-rescheduled.json")).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + RESCHEDULED_UID).then()
                .body("booking.status", equalTo("CANCELLED"))
                .body("booking.title", equalTo("Coaching session between Dana Host and Sam Member"))
                .body("booking.memberPhone", equalTo("+14155550123"));
        assertEquals(0, kafka.readAll(BOOKINGS, event("frontdesk.booking.rescheduled.v1", cal.org, RESCHEDULED_UID),
                Duration.ofSeconds(1)).size());
    }

    @Test
    void theFlatMeetingEndedBodyCompletesTheBooking() {
        Calcom cal = new Calcom();
        cal.deliver(Calcom.fixture("booking-rescheduled.json")).statusCode(200);
        cal.deliver(Calcom.fixture("meeting-ended.json")).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + RESCHEDULED_UID).then()
                .body("booking.status", equalTo("COMPLETED"));
        kafka.await(BOOKINGS, event("frontdesk.booking.completed.v1", cal.org, RESCHEDULED_UID), 1, EVENTS);
    }

    @Test
    void forgedUnsignedAndWronglySignedDeliveriesAre401AndStoreNothing() {
        Calcom cal = new Calcom();
        Calcom other = new Calcom();
        String body = Calcom.fixture("booking-created.json");
        // The answer names the signature (Cal.com's delivery log shows it), never a bearer-token challenge.
        cal.deliver(body, null).statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", nullValue())
                .body("errors[0].field", equalTo("X-Cal-Signature-256"))
                .body("detail", containsString("X-Cal-Signature-256 is missing"));
        cal.deliver(body, "no-secret-provided").statusCode(401)
                .body("detail", equalTo("X-Cal-Signature-256 does not match the body under this endpoint's secret."));
        cal.deliver(body, Calcom.sign(other.secret, body)).statusCode(401);
        cal.deliver(body, Calcom.sign(cal.secret, body + " ")).statusCode(401);
        cal.deliver(body.replace("Sam Member", "Mallory"), Calcom.sign(cal.secret, body)).statusCode(401);
        assertEquals(0, db.count("SELECT count(*) FROM booking WHERE org_id = ?", cal.org));
        assertEquals(0, db.count("SELECT count(*) FROM webhook_receipt r JOIN webhook_endpoint e ON e.id = r.endpoint_id"
                + " WHERE e.org_id = ?", cal.org));
        given().contentType("application/json").body(body).header("X-Cal-Signature-256", Calcom.sign(cal.secret, body))
                .post("/webhooks/calcom/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void pingUnknownTriggersMalformedAndOversizedBodies() {
        Calcom cal = new Calcom();
        cal.deliver(Calcom.fixture("ping.json")).statusCode(200).body("outcome", equalTo("ping"));
        String form = "{\"triggerEvent\": \"FORM_SUBMITTED\", \"createdAt\": \"2026-03-01T09:00:00Z\", \"payload\": {}}";
        cal.deliver(form).statusCode(200).body("outcome", equalTo("ignored"));
        cal.deliver(form).statusCode(200).body("outcome", equalTo("duplicate"));
        cal.deliver("{\"triggerEvent\": ").statusCode(400).contentType(PROBLEM);
        cal.deliver("{\"createdAt\": \"2026-03-01T09:00:00Z\"}").statusCode(400).contentType(PROBLEM);
        String huge = "{\"triggerEvent\": \"BOOKING_CREATED\", \"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        cal.deliver(huge).statusCode(413).contentType(PROBLEM);
        assertEquals(0, db.count("SELECT count(*) FROM booking WHERE org_id = ?", cal.org));
        assertEquals(1, db.count("SELECT count(*) FROM webhook_receipt r JOIN webhook_endpoint e ON e.id = r.endpoint_id"
                + " WHERE e.org_id = ? AND r.outcome = 'ignored'", cal.org));
    }

    @Test
    void lenientTimesAndTheHostsDashboard() {
        Calcom cal = new Calcom();
        String noMillisPlusOffset = Calcom.fixture("booking-created.json")
                .replace("\"startTime\": \"2026-03-05T15:00:00Z\"", "\"startTime\": \"2026-03-05T15:00:00.000+00:00\"");
        cal.deliver(noMillisPlusOffset).statusCode(200);
        given().auth().oauth2(cal.staff).queryParam("from", "2026-03-05").queryParam("to", "2026-03-06")
                .get("/api/bookings").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].uid", equalTo(CREATED_UID))
                .body("items[0].startAt", equalTo("2026-03-05T15:00:00Z"));
        given().auth().oauth2(cal.staff).queryParam("status", "CANCELLED").get("/api/bookings").then()
                .body("total", equalTo(0));
        given().auth().oauth2(cal.staff).queryParam("status", "GONE").get("/api/bookings").then().statusCode(400);
        given().auth().oauth2(DevTokens.mint(cal.org, "sam", "client")).get("/api/bookings").then().statusCode(403);
        given().auth().oauth2(new Calcom().staff).get("/api/bookings/" + CREATED_UID).then().statusCode(404);
        given().auth().oauth2(cal.admin).get("/api/bookings/webhooks").then().statusCode(200)
                .body("[0].secret", nullValue()).body("[0].url", not(nullValue()));

        // An admin removes the URL: Cal.com's next delivery is refused, another org cannot remove it.
        String id = cal.url.substring(cal.url.lastIndexOf('/') + 1);
        given().auth().oauth2(new Calcom().admin).delete("/api/bookings/webhooks/" + id).then().statusCode(404);
        given().auth().oauth2(cal.staff).delete("/api/bookings/webhooks/" + id).then().statusCode(403);
        given().auth().oauth2(cal.admin).delete("/api/bookings/webhooks/" + id).then().statusCode(204);
        cal.deliver(Calcom.fixture("booking-cancelled.json")).statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(cal.admin).get("/api/bookings/webhooks").then().body("size()", equalTo(0));
    }

    @Test
    void aRequestedBookingWaitsForConfirmationARejectedOneClosesAndNoShowsAreRecorded() {
        Calcom cal = new Calcom();
        String requested = Calcom.fixture("booking-created.json").replace("\"BOOKING_CREATED\"", "\"BOOKING_REQUESTED\"")
                .replace("\"status\": \"ACCEPTED\"", "\"status\": \"PENDING\"");
        cal.deliver(requested).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + CREATED_UID).then().body("booking.status", equalTo("PENDING"));
        // The host accepts: Cal.com sends BOOKING_CREATED with status ACCEPTED.
        cal.deliver(Calcom.fixture("booking-created.json")).statusCode(200);
        given().auth().oauth2(cal.staff).get("/api/bookings/" + CREATED_UID).then().body("booking.status", equalTo("CREATED"));
        kafka.await(BOOKINGS, event("frontdesk.booking.created.v1", cal.org, CREATED_UID), 1, EVENTS);

        String noShow = """
                {"triggerEvent": "BOOKING_NO_SHOW_UPDATED", "createdAt": "2026-03-05T16:00:00.000Z",
                 "payload": {"message": "x", "bookingUid": "%s", "bookingId": 81234,
                             "attendees": [{"email": "sam.member@example.org", "noShow": true}]}}""".formatted(CREATED_UID);
        cal.deliver(noShow).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + CREATED_UID).then().body("booking.memberNoShow", equalTo(true));

        Calcom other = new Calcom();
        other.deliver(requested).statusCode(200);
        String rejected = Calcom.fixture("booking-cancelled.json").replace("\"BOOKING_CANCELLED\"", "\"BOOKING_REJECTED\"")
                .replace("Hk7Yp2Qs9dVb4nRe", CREATED_UID).replace("cancellationReason", "rejectionReason");
        other.deliver(rejected).statusCode(200);
        given().auth().oauth2(other.staff).get("/api/bookings/" + CREATED_UID).then()
                .body("booking.status", equalTo("REJECTED")).body("booking.cancellationReason", equalTo("Travelling that week"));
    }

    static Predicate<ConsumerRecord<String, byte[]>> event(String type, String org, String uid) {
        return KafkaTestClient.event(type, uid)
                .and(record -> KafkaTestClient.value(record).contains("\"org\":\"" + org + "\""));
    }

    static void awaitStatus(String token, String uid, String status) {
        await().atMost(EVENTS).untilAsserted(() -> given().auth().oauth2(token).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo(status)));
    }
}

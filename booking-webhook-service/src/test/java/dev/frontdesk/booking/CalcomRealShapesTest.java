package dev.frontdesk.booking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.platform.testing.Fixtures;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Cal.com's deliveries in the shapes production sends (INTEGRATIONS.md §1.5, §1.10; the real-world fixtures rebuilt
 * from Cal.com's seat handling and bug reports): seats, reschedules needing confirmation, a seated booking moved in
 * place, the host's "request reschedule", phones only in the SMS-reminder field.
 */
@QuarkusTest
@WithTestResource(BookingServiceTestResource.class)
class CalcomRealShapesTest {

    private static final String BOOKINGS = "frontdesk.bookings";
    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private static final ObjectMapper json = new ObjectMapper();
    private static final TestDatabase db = TestDatabase.forSchema("bookings");

    private final Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private final String uid = "seat" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void eachSeatIsItsOwnMemberAndASeatsCancelLeavesTheBookingToTheOthers() throws Exception {
        Calcom cal = new Calcom();
        cal.deliver(realWorld("c01-seat1-created.json", 1)).statusCode(200).body("outcome", equalTo("applied"));
        cal.deliver(realWorld("c01-seat2-created.json", 2)).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then().statusCode(200)
                .body("booking.status", equalTo("CREATED"))
                .body("booking.seatsPerTimeSlot", equalTo(4))
                .body("booking.memberName", equalTo("Tomas Rivera"))
                .body("members.key", equalTo(List.of("tomas.rivera@example.org", "lena.park@example.net")))
                .body("members.phone", equalTo(List.of("+14155550101", "+14155550102")))
                .body("members.timeZone", equalTo(List.of("America/Chicago", "Asia/Seoul")))
                .body("members.seatUid", equalTo(List.of("seat-1-" + uid, "seat-2-" + uid)))
                .body("members.status", equalTo(List.of("booked", "booked")));
        JsonNode created = event("frontdesk.booking.created.v1", cal, 1).get(0);
        assertEquals(List.of("tomas.rivera@example.org"), keys(created));
        JsonNode seatAdded = event("frontdesk.booking.members.changed.v1", cal, 1).get(0);
        assertEquals(List.of("tomas.rivera@example.org", "lena.park@example.net"), keys(seatAdded));
        assertEquals("+14155550102", seatAdded.get("members").get(1).get("phone").asText());

        // Lena cancels her seat: only hers. The booking stays for Tomas, and the host can still join.
        cal.deliver(realWorld("c01-seat2-cancelled.json", 3)).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo("CREATED"))
                .body("members.status", equalTo(List.of("booked", "cancelled")))
                .body("booking.memberName", equalTo("Tomas Rivera"));
        JsonNode seatCancelled = event("frontdesk.booking.members.changed.v1", cal, 2).get(1);
        assertEquals(List.of("tomas.rivera@example.org"), keys(seatCancelled));
        // The outbox is written in the webhook's transaction: after the 200, what is not there was never announced.
        assertEquals(2, outboxed("frontdesk.booking.members.changed.v1"));
        assertEquals(0, outboxed("frontdesk.booking.cancelled.v1"));
        given().auth().oauth2(cal.staff).post("/api/bookings/" + uid + "/join/host").then().statusCode(200)
                .body("roomUrl", equalTo("https://app.cal.com/video/" + uid));
        // A join request is what hostJoined says (the seed's meaning); the room's own report stays apart.
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.hostJoined", equalTo(true))
                .body("booking.hostParticipantJoinedAt", equalTo(null));

        // The last seat cancels: now the booking is cancelled.
        cal.deliver(realWorld("c01-seat2-cancelled.json", 4).replace("lena.park@example.net", "tomas.rivera@example.org"))
                .statusCode(200);
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then().body("booking.status", equalTo("CANCELLED"));
        event("frontdesk.booking.cancelled.v1", cal, 1);
    }

    @Test
    void aSeatsCancelOvertakingItsCreateKeepsTheSeatCancelled() throws Exception {
        Calcom cal = new Calcom();
        cal.deliver(realWorld("c01-seat1-created.json", 1)).statusCode(200);
        cal.deliver(realWorld("c01-seat2-cancelled.json", 3)).statusCode(200);
        cal.deliver(realWorld("c01-seat2-created.json", 2)).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo("CREATED"))
                .body("members.key", equalTo(List.of("tomas.rivera@example.org", "lena.park@example.net")))
                .body("members.status", equalTo(List.of("booked", "cancelled")));
        assertEquals(0, outboxed("frontdesk.booking.members.changed.v1"), "no seat was booked for Lena");
    }

    @Test
    void twoSeatsDeliveredInTheSameMillisecondAreTwoSeatsAndAReplayIsNone() {
        Calcom cal = new Calcom();
        cal.deliver(realWorld("c01-seat1-created.json", 1)).statusCode(200).body("outcome", equalTo("applied"));
        cal.deliver(realWorld("c01-seat2-created.json", 1)).statusCode(200).body("outcome", equalTo("applied"));
        // Cal.com's retry of seat 2 with the body re-serialized (same trigger, uid, createdAt and seat).
        cal.deliver(realWorld("c01-seat2-created.json", 1).replace("\"description\":\"\",", ""))
                .statusCode(200).body("outcome", equalTo("duplicate"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("members.status", equalTo(List.of("booked", "booked")));
    }

    @Test
    void anAttendeeMovingTheirSeatToAnotherSlotLeavesTheBookingToTheOthers() throws Exception {
        // Cal.com (issue 10631): BOOKING_RESCHEDULED with the new slot's uid, rescheduleUid the seated booking, and
        // only the attendee who moved.
        Calcom cal = new Calcom();
        String uid2 = uid + "n";
        cal.deliver(realWorld("c01-seat1-created.json", 1)).statusCode(200);
        cal.deliver(realWorld("c01-seat2-created.json", 2)).statusCode(200);
        String moved = realWorld("c01-seat2-created.json", 3).replace("\"BOOKING_CREATED\"", "\"BOOKING_RESCHEDULED\"")
                .replace("\"uid\":\"" + uid + "\"", "\"uid\":\"" + uid2 + "\",\"rescheduleUid\":\"" + uid + "\"");
        cal.deliver(moved).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo("CREATED"))
                .body("booking.rescheduledTo", equalTo(null))
                .body("members.status", equalTo(List.of("booked", "cancelled")));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid2).then()
                .body("booking.status", equalTo("CREATED"))
                .body("members.key", equalTo(List.of("lena.park@example.net")));
        // Lena's seat leaves the first booking; the new booking announces itself with her, taking no one's reminders.
        JsonNode left = event("frontdesk.booking.members.changed.v1", cal, 2).get(1);
        assertEquals(List.of("tomas.rivera@example.org"), keys(left));
        JsonNode created = json.readTree(kafka.await(BOOKINGS, CalcomWebhookTest.event("frontdesk.booking.created.v1",
                cal.org, uid2), 1, EVENTS).get(0).value());
        assertEquals(List.of("lena.park@example.net"), keys(created));
        assertTrue(created.get("previousUid").isNull(), created.toString());
    }

    @Test
    void aSeatsCancelArrivingBeforeAnyCreateCancelsOnlyThatSeat() {
        Calcom cal = new Calcom();
        cal.deliver(realWorld("c01-seat2-cancelled.json", 3)).statusCode(200);
        cal.deliver(realWorld("c01-seat1-created.json", 1)).statusCode(200);
        cal.deliver(realWorld("c01-seat2-created.json", 2)).statusCode(200);
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo("CREATED"))
                .body("members.key", equalTo(List.of("lena.park@example.net", "tomas.rivera@example.org")))
                .body("members.status", equalTo(List.of("cancelled", "booked")));
    }

    @Test
    void oddAttendeeListsAreNoOneNeverA5xx() {
        Calcom cal = new Calcom();
        List<String> odd = List.of("{\"email\":\"a@example.org\"}", "\"text\"", "[1, null, \"x\", []]", "null");
        for (int i = 0; i < odd.size(); i++) {
            String body = realWorld("c01-seat1-created.json", i + 1).replaceFirst("\"attendees\":\\[\\{.*?}],",
                    "\"attendees\":" + java.util.regex.Matcher.quoteReplacement(odd.get(i)) + ",");
            cal.deliver(body).statusCode(200).body("outcome", equalTo("applied"));
        }
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then().statusCode(200)
                .body("booking.status", equalTo("CREATED")).body("members.size()", equalTo(0));
    }

    @Test
    void theHostCancellingASeatedBookingCancelsItForEveryone() {
        Calcom cal = new Calcom();
        cal.deliver(realWorld("c01-seat1-created.json", 1)).statusCode(200);
        cal.deliver(realWorld("c01-seat2-created.json", 2)).statusCode(200);
        String both = realWorld("c01-seat2-cancelled.json", 3).replace("\"attendees\":[{",
                "\"attendees\":[{\"email\":\"tomas.rivera@example.org\",\"name\":\"Tomas Rivera\"},{");
        cal.deliver(both).statusCode(200);
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo("CANCELLED"))
                .body("booking.cancellationReason", equalTo("Conflict at work"));
    }

    @Test
    void aHostMovingASeatedBookingInPlaceMovesItsTimesAndKeepsItsMembers() throws Exception {
        Calcom cal = new Calcom();
        cal.deliver(realWorld("c01-seat1-created.json", 1)).statusCode(200);
        Instant later = start.plus(1, ChronoUnit.DAYS);
        String moved = realWorld("c01-seat1-created.json", 2).replace("\"BOOKING_CREATED\"", "\"BOOKING_RESCHEDULED\"")
                .replace("\"startTime\":\"" + start, "\"startTime\":\"" + later)
                .replace("\"endTime\":\"" + start.plus(1, ChronoUnit.HOURS),
                        "\"endTime\":\"" + later.plus(1, ChronoUnit.HOURS))
                .replace("\"uid\":\"" + uid + "\"", "\"uid\":\"" + uid + "\",\"rescheduleUid\":\"" + uid + "\"");
        cal.deliver(moved).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo("CREATED"))
                .body("booking.startAt", equalTo(later.toString()))
                .body("booking.rescheduledTo", equalTo(null))
                .body("members.status", equalTo(List.of("booked")));
        JsonNode rescheduled = event("frontdesk.booking.rescheduled.v1", cal, 1).get(0);
        assertEquals(uid, rescheduled.get("previousUid").asText());
        assertEquals(later.toString(), rescheduled.get("startAt").asText());
    }

    @Test
    void aRescheduleNeedingConfirmationClosesTheOriginalAndWaitsForTheHost() throws Exception {
        Calcom cal = new Calcom();
        String uid2 = uid + "b";
        cal.deliver(realWorld("c03-created.json", 1)).statusCode(200);
        cal.deliver(realWorld("c03-requested-reschedule.json", 2).replace("__UID2__", uid2)).statusCode(200)
                .body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo("RESCHEDULED"))
                .body("booking.rescheduledTo", equalTo(uid2));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid2).then()
                .body("booking.status", equalTo("PENDING"))
                .body("booking.rescheduledFrom", equalTo(uid))
                .body("booking.startAt", equalTo(start.plus(1, ChronoUnit.DAYS).toString()));
        // The original's reminders close now (notification-service skips them on this event), not at confirmation.
        JsonNode closed = event("frontdesk.booking.cancelled.v1", cal, 1).get(0);
        assertEquals("RESCHEDULED", closed.get("status").asText());
        assertTrue(closed.get("reason").asText().contains(uid2), closed.toString());

        // The host confirms: the replacement is CREATED and announced.
        String confirmed = realWorld("c03-requested-reschedule.json", 3).replace("__UID2__", uid2)
                .replace("\"BOOKING_REQUESTED\"", "\"BOOKING_CREATED\"").replace("\"status\":\"PENDING\"",
                        "\"status\":\"ACCEPTED\"");
        cal.deliver(confirmed).statusCode(200);
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid2).then().body("booking.status", equalTo("CREATED"));
        kafka.await(BOOKINGS, CalcomWebhookTest.event("frontdesk.booking.created.v1", cal.org, uid2), 1, EVENTS);
    }

    @Test
    void theHostsRequestRescheduleCancelsAndSaysSo() throws Exception {
        Calcom cal = new Calcom();
        cal.deliver(realWorld("c03-created.json", 1)).statusCode(200);
        String requestReschedule = realWorld("c01-seat2-cancelled.json", 2)
                .replace("\"seatsPerTimeSlot\":4", "\"seatsPerTimeSlot\":null")
                .replace("\"cancellationReason\":\"Conflict at work\"",
                        "\"cancellationReason\":\"Can we find another day?\",\"requestReschedule\":true,"
                                + "\"cancelledBy\":\"priya.host@example.com\"");
        cal.deliver(requestReschedule).statusCode(200);
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo("CANCELLED"))
                .body("booking.rescheduleRequested", equalTo(true))
                .body("booking.cancellationReason", equalTo("Can we find another day?"));
        JsonNode cancelled = event("frontdesk.booking.cancelled.v1", cal, 1).get(0);
        assertTrue(cancelled.get("rescheduleRequested").asBoolean());
    }

    @Test
    void aPhoneOnlyInTheSmsReminderFieldReachesTheMember() throws Exception {
        Calcom cal = new Calcom();
        cal.deliver(realWorld("c05-created-sms-reminder-number.json", 1)).statusCode(200);
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.memberPhone", equalTo("+14155550142"))
                .body("members[0].phone", equalTo("+14155550142"));
        JsonNode created = event("frontdesk.booking.created.v1", cal, 1).get(0);
        assertEquals("+14155550142", created.get("memberPhone").asText());
        assertEquals("+14155550142", created.get("members").get(0).get("phone").asText());
    }

    @Test
    void theWebhookUrlAnAdminPastesIntoCalcomIsAbsolute() {
        Calcom cal = new Calcom();
        assertTrue(cal.url.matches("http://localhost:[0-9]+/webhooks/calcom/[0-9a-f-]{36}"), cal.url);
        // Behind the gateway: the address the admin used, as the gateway forwards it.
        given().auth().oauth2(cal.admin).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "api.frontdesk.example").get("/api/bookings/webhooks").then()
                .statusCode(200).body("[0].url", startsWith("https://api.frontdesk.example/webhooks/calcom/"));
    }

    /** A real-world fixture with fresh values: this test's uid and session, the delivery's time in order. */
    private String realWorld(String name, int delivery) {
        return Fixtures.text("real-world/" + name)
                .replace("__UID__", uid)
                .replace("__SEAT1__", "seat-1-" + uid).replace("__SEAT2__", "seat-2-" + uid)
                .replace("__START__", start.toString())
                .replace("__END__", start.plus(1, ChronoUnit.HOURS).toString())
                .replace("__START2__", start.plus(1, ChronoUnit.DAYS).toString())
                .replace("__END2__", start.plus(1, ChronoUnit.DAYS).plus(30, ChronoUnit.MINUTES).toString())
                .replaceAll("__T[0-9]__", Instant.parse("2026-11-01T10:00:00Z").plusSeconds(delivery).toString());
    }

    private List<JsonNode> event(String type, Calcom cal, int count) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (var record : kafka.await(BOOKINGS, CalcomWebhookTest.event(type, cal.org, uid), count, EVENTS)) {
            events.add(json.readTree(record.value()));
        }
        return events;
    }

    /** Events of this test's booking recorded in the outbox (written in the webhook's own transaction). */
    private long outboxed(String type) {
        return db.count("SELECT count(*) FROM outbox WHERE type = ? AND message_key = ?", type, uid);
    }

    private static List<String> keys(JsonNode event) {
        List<String> keys = new ArrayList<>();
        event.get("members").forEach(member -> keys.add(member.get("key").asText()));
        return keys;
    }
}

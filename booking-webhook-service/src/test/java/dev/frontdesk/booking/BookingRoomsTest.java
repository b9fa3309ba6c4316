package dev.frontdesk.booking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.booking.service.RoomAssignmentJob;
import dev.frontdesk.platform.testing.CallServiceStub;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.StubServer;
import dev.frontdesk.platform.testing.TestClock;
import dev.frontdesk.platform.testing.TestDatabase;
import dev.frontdesk.platform.webhook.HmacSha256;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** A room per booking from call-service (a stub speaking its rooms API), join links, and what rooms report back. */
@QuarkusTest
@WithTestResource(BookingServiceTestResource.class)
class BookingRoomsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String BOOKINGS = "frontdesk.bookings";
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String LOCAL_JOIN_SECRET = "frontdesk-local-join-links-not-for-production";
    private static final CallServiceStub callService = CallServiceStub.instance();
    private static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private static final ObjectMapper json = new ObjectMapper();

    @Inject
    TestClock clock;

    @Inject
    RoomAssignmentJob roomJob;

    private Calcom cal;
    private String uid;

    @BeforeEach
    void booking() {
        callService.server.reset();
        cal = new Calcom();
        uid = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aBookingGetsItsRoomFromCallServiceAndTheMemberJoinsWithTheSignedLink() throws Exception {
        cal.deliver(Calcom.createdWithoutCalVideo(uid)).statusCode(200);
        awaitRoom("ACTIVE");

        JsonNode body = callService.server.requests("POST", "/api/rooms").stream()
                .map(request -> callService.read(request.body()))
                .filter(request -> request.get("name").asText().equals("bk-" + uid)).findFirst().orElseThrow();
        assertEquals("bk-" + uid, body.get("name").asText());
        assertEquals(Calcom.SESSION_DAY + "T16:45:00Z", body.get("expiresAt").asText(), "the session's end plus an hour");
        assertEquals("member-" + uid, body.get("guest").get("id").asText());
        assertEquals("Sam Member", body.get("guest").get("name").asText());
        kafka.await(BOOKINGS, CalcomWebhookTest.event("frontdesk.booking.room.assigned.v1", cal.org, uid), 1, SOON);

        Map<String, String> link = memberLink();
        given().contentType("application/json").body(memberJoin(link))
                .post("/api/bookings/" + uid + "/join/member").then().statusCode(200)
                .body("roomUrl", equalTo("https://frontdesk-test.daily.co/bk-" + uid + "?t=guest-token-bk-" + uid))
                .body("roomUrl", not(containsString("owner")));
        given().auth().oauth2(cal.staff).post("/api/bookings/" + uid + "/join/host").then().statusCode(200)
                .body("roomUrl", containsString("owner-token"));
        kafka.await(BOOKINGS, CalcomWebhookTest.event("frontdesk.booking.joined.v1", cal.org, uid), 2, SOON);
        assertEquals(1, callService.server.requests("POST", "/api/rooms").stream()
                .filter(request -> request.body().contains("bk-" + uid)).count(), "joining used the room made");
    }

    @Test
    void tamperedExpiredAndForeignLinksLetNobodyIn() {
        cal.deliver(Calcom.createdWithoutCalVideo(uid)).statusCode(200);
        Map<String, String> link = memberLink();

        Map<String, String> tampered = new HashMap<>(link);
        tampered.put("expires", String.valueOf(Long.parseLong(link.get("expires")) + 3600));
        given().contentType("application/json").body(memberJoin(tampered))
                .post("/api/bookings/" + uid + "/join/member").then().statusCode(403).contentType(PROBLEM)
                .body("status", equalTo(403)).body("reason", equalTo("invalid"));

        long past = Instant.now().minusSeconds(60).getEpochSecond();
        Map<String, String> expired = new HashMap<>(link);
        expired.put("expires", String.valueOf(past));
        expired.put("signature", sign(cal.org, uid, past));
        given().contentType("application/json").body(memberJoin(expired))
                .post("/api/bookings/" + uid + "/join/member").then().statusCode(403)
                .body("detail", equalTo("This join link has expired.")).body("reason", equalTo("expired"))
                .body("title", equalTo("Forbidden"));

        // A valid link for a booking id that does not exist, and the host's door without a token.
        long later = Instant.now().plusSeconds(3600).getEpochSecond();
        Map<String, String> unknown = Map.of("org", cal.org, "expires", String.valueOf(later), "signature",
                sign(cal.org, "nope", later));
        given().contentType("application/json").body(memberJoin(unknown))
                .post("/api/bookings/nope/join/member").then().statusCode(404).contentType(PROBLEM);
        given().post("/api/bookings/" + uid + "/join/host").then().statusCode(401);
    }

    @Test
    void whenCallServiceIsDownTheBookingWaitsAndTheRoomComesLaterOrOnJoin() {
        for (int i = 0; i < 200; i++) {
            callService.server.failNext("POST", "/api/rooms", CallServiceStub.DOWN);
        }
        cal.deliver(Calcom.createdWithoutCalVideo(uid)).statusCode(200).body("outcome", equalTo("applied"));
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo("CREATED")).body("history.what", hasItem("BOOKING_CREATED"));
        // The job tried (reaching the failing call-service, or stopped by the open breaker) and will try again.
        TestDatabase db = TestDatabase.forSchema("bookings");
        await().atMost(SOON).until(() -> db.count("SELECT count(*) FROM booking WHERE org_id = ? AND uid = ?"
                + " AND room_status = 'NOT_CREATED' AND room_attempts >= 1 AND room_last_error IS NOT NULL"
                + " AND room_next_attempt IS NOT NULL", cal.org, uid) == 1);
        given().contentType("application/json").body(memberJoin(memberLink()))
                .post("/api/bookings/" + uid + "/join/member").then().statusCode(503).contentType(PROBLEM);

        callService.server.reset();
        // Back up: once the breaker lets a trial through, the member's join makes the room (the seed's fallback),
        // or the job has made it already; either way there is one room.
        Map<String, String> link = memberLink();
        await().atMost(SOON).untilAsserted(() -> given().contentType("application/json").body(memberJoin(link))
                .post("/api/bookings/" + uid + "/join/member").then().statusCode(200)
                .body("roomUrl", containsString("bk-" + uid)));
        awaitRoom("ACTIVE");
        assertEquals(1, callService.rooms.keySet().stream().filter(name -> name.equals("bk-" + uid)).count());
    }

    @Test
    void whenCallServiceKeepsRefusingTheJobStopsAsking() {
        for (int i = 0; i < 50; i++) {
            callService.server.failNext("POST", "/api/rooms", new StubServer.Response(400,
                    Map.of("Content-Type", "application/problem+json"), "{\"status\":400,\"detail\":\"bad\"}"));
        }
        cal.deliver(Calcom.createdWithoutCalVideo(uid)).statusCode(200);
        TestDatabase db = TestDatabase.forSchema("bookings");
        await().atMost(SOON).until(() -> db.count("SELECT count(*) FROM booking WHERE org_id = ? AND uid = ?"
                + " AND room_next_attempt IS NULL AND room_attempts = 5 AND room_last_error LIKE '%400%'", cal.org, uid) == 1);
        long asked = callService.server.requests("POST", "/api/rooms").stream()
                .filter(request -> request.body().contains("bk-" + uid)).count();
        assertEquals(5, asked, "no retries of a refused request beyond the five");
        callService.server.reset();
    }

    @Test
    void aCancelledBookingLosesItsRoomAndCannotBeJoined() {
        cal.deliver(Calcom.createdWithoutCalVideo(uid)).statusCode(200);
        awaitRoom("ACTIVE");
        String cancelled = Calcom.soon(Calcom.fixture("booking-cancelled.json").replace("Hk7Yp2Qs9dVb4nRe", uid));
        cal.deliver(cancelled).statusCode(200);
        await().atMost(SOON).untilAsserted(() -> assertEquals(1,
                callService.server.requests("DELETE", "/api/rooms/bk-" + uid).size()));
        awaitRoom("ENDED");
        // The page tells "cancelled" from "not open yet" by the problem's bookingStatus, not by its prose.
        given().contentType("application/json").body(memberJoin(memberLink()))
                .post("/api/bookings/" + uid + "/join/member").then().statusCode(409).contentType(PROBLEM)
                .body("status", equalTo(409)).body("bookingStatus", equalTo("CANCELLED"))
                .body("instance", equalTo("/api/bookings/" + uid + "/join/member"));
        given().auth().oauth2(cal.staff).post("/api/bookings/" + uid + "/join/host").then().statusCode(409)
                .contentType(PROBLEM).body("bookingStatus", equalTo("CANCELLED"));
    }

    @Test
    void aBookingWaitingForTheHostsConfirmationIsNotOpenYet() {
        String requested = Calcom.createdWithoutCalVideo(uid).replace("\"BOOKING_CREATED\"", "\"BOOKING_REQUESTED\"")
                .replace("\"status\": \"ACCEPTED\"", "\"status\": \"PENDING\"");
        cal.deliver(requested).statusCode(200);
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then().body("booking.status", equalTo("PENDING"));
        given().contentType("application/json").body(memberJoin(memberLink()))
                .post("/api/bookings/" + uid + "/join/member").then().statusCode(409).contentType(PROBLEM)
                .body("bookingStatus", equalTo("PENDING"))
                .body("detail", equalTo("The booking is waiting for the host's confirmation."));
    }

    @Test
    void aSessionMonthsAheadGetsItsRoomTwoWeeksBeforeItStarts() {
        String later = Calcom.createdWithoutCalVideo(uid).replace("\"" + Calcom.SESSION_DAY + "T",
                "\"" + LocalDate.now(ZoneOffset.UTC).plusDays(60) + "T");
        cal.deliver(later).statusCode(200);
        kafka.await(BOOKINGS, CalcomWebhookTest.event("frontdesk.booking.created.v1", cal.org, uid), 1, SOON);
        runRoomJob();
        given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then().body("booking.roomStatus", equalTo("NOT_CREATED"));

        clock.advance(Duration.ofDays(47));
        try {
            runRoomJob();
            awaitRoom("ACTIVE");
        } finally {
            clock.reset();
        }
    }

    @Test
    void aRescheduleMovesTheRoomToTheNewBooking() {
        cal.deliver(Calcom.createdWithoutCalVideo(uid)).statusCode(200);
        awaitRoom("ACTIVE");
        String newUid = "n" + uid.substring(1);
        String moved = Calcom.soon(Calcom.fixture("booking-rescheduled.json")).replace("qZ3kT8vN2pLm5xWc", uid)
                .replace("Hk7Yp2Qs9dVb4nRe", newUid)
                .replace("\"location\": \"integrations:daily\"", "\"location\": \"Frontdesk video\"");
        cal.deliver(moved).statusCode(200);
        await().atMost(SOON).untilAsserted(() -> {
            given().auth().oauth2(cal.staff).get("/api/bookings/" + newUid).then()
                    .body("booking.roomStatus", equalTo("ACTIVE")).body("booking.roomUrl", containsString("bk-" + newUid));
            given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                    .body("booking.status", equalTo("RESCHEDULED")).body("booking.roomStatus", equalTo("ENDED"));
        });
        assertEquals(1, callService.server.requests("DELETE", "/api/rooms/bk-" + uid).size());
    }

    @Test
    void roomEventsMarkWhoJoinedAndCompleteTheBooking() {
        cal.deliver(Calcom.createdWithoutCalVideo(uid)).statusCode(200);
        awaitRoom("ACTIVE");
        String room = "bk-" + uid;
        // Someone else's room of the same name (names are unique per owner): it changes nothing here.
        kafka.publish("frontdesk.calls", "frontdesk.room.ended.v1", room, """
                {"roomName": "%s", "org": "%s", "roomOwner": "user:mallory", "endedAt": "2026-03-05T15:02:00Z", "durationSeconds": 1}"""
                .formatted(room, cal.org));
        kafka.publish("frontdesk.calls", "frontdesk.room.participant.joined.v1", room, """
                {"roomName": "%s", "org": "%s", "roomOwner": "user:mallory", "participant": "host-%s", "owner": true, "joinedAt": "2026-03-05T15:00:30Z"}"""
                .formatted(room, cal.org, uid));
        kafka.publish("frontdesk.calls", "frontdesk.room.participant.joined.v1", room, """
                {"roomName": "%s", "org": "%s", "roomOwner": "service:booking-webhook-service", "participant": "member-%s", "owner": false, "joinedAt": "2026-03-05T15:01:00Z"}"""
                .formatted(room, cal.org, uid));
        await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.memberJoined", equalTo(true)).body("booking.hostJoined", equalTo(false))
                .body("booking.roomStatus", equalTo("ACTIVE"))
                .body("booking.memberJoinedAt", equalTo("2026-03-05T15:01:00Z")));
        kafka.publish("frontdesk.calls", "frontdesk.room.ended.v1", room, """
                {"roomName": "%s", "org": "%s", "roomOwner": "service:booking-webhook-service", "endedAt": "2026-03-05T15:40:00Z", "durationSeconds": 2340}""".formatted(room, cal.org));
        await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .body("booking.status", equalTo("COMPLETED")).body("booking.roomStatus", equalTo("ENDED")));
        kafka.await(BOOKINGS, CalcomWebhookTest.event("frontdesk.booking.completed.v1", cal.org, uid), 1, SOON);
    }

    @Test
    void calVideosOwnerTokenIsTheHostsAlone() {
        String body = Calcom.soon(Calcom.fixture("booking-created.json")).replace("qZ3kT8vN2pLm5xWc", uid)
                .replace("\"customInputs\": {},", """
                        "customInputs": {},
                        "videoCallData": {"type": "daily_video", "id": "calvid-room", "password": "OWNER-TOKEN-123",
                                          "url": "https://cal.daily.co/calvid-room"},""");
        cal.deliver(body).statusCode(200);
        given().contentType("application/json").body(memberJoin(memberLink()))
                .post("/api/bookings/" + uid + "/join/member").then().statusCode(200)
                .body("roomUrl", equalTo("https://cal.daily.co/calvid-room"));
        given().auth().oauth2(cal.staff).post("/api/bookings/" + uid + "/join/host").then().statusCode(200)
                .body("roomUrl", equalTo("https://cal.daily.co/calvid-room?t=OWNER-TOKEN-123"));
        assertEquals(0, callService.server.requests("POST", "/api/rooms").stream()
                .filter(request -> request.body().contains(uid)).count(), "Cal Video's room is kept");
    }

    /** One run of the room job, as the scheduler runs it. */
    private void runRoomJob() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> roomJob.work());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitRoom(String status) {
        await().atMost(SOON).untilAsserted(() -> given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then()
                .statusCode(200).body("booking.roomStatus", equalTo(status)));
    }

    /** The member's link as the dashboard (and booking.created) gives it, split into its query parameters. */
    private Map<String, String> memberLink() {
        String link = given().auth().oauth2(cal.staff).get("/api/bookings/" + uid).then().statusCode(200)
                .extract().path("memberJoinLink");
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String memberJoin(Map<String, String> link) {
        return "{\"org\": \"%s\", \"expires\": %s, \"signature\": \"%s\"}".formatted(link.get("org"),
                link.get("expires"), link.get("signature"));
    }

    private static String sign(String org, String uid, long expires) {
        return HmacSha256.hex(LOCAL_JOIN_SECRET.getBytes(StandardCharsets.UTF_8),
                (org + "\n" + uid + "\nmember\n" + expires).getBytes(StandardCharsets.UTF_8));
    }
}

package dev.frontdesk.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.Fixtures;
import dev.frontdesk.platform.testing.StubServer;
import dev.frontdesk.platform.webhook.HmacSha256;

/**
 * A Cal.com booking becomes a video session across booking-webhook-service (signed webhooks, join links),
 * call-service (the room) and notification-service (the SMS reminder at a Twilio stub), through the gateway.
 */
@ExtendWith(SharedStacks.class)
@Order(5)
class BookingFlowSystemTest {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String PHONE = "+14155550123";

    private static StubServer twilio;
    private static SystemStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(SharedStacks.BookingFlow flow) {
        stack = flow.stack();
        twilio = flow.twilio();
    }

    /** The SMS deliveries about a booking, from the delivery log. */
    private static JsonNode smsAbout(String admin, String uid) throws Exception {
        return stack.json("GET", "/api/notifications/deliveries?channel=sms&subjectId=" + uid, admin, null, 200)
                .path("items");
    }

    private HttpResponse<String> deliver(String url, String secret, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.url(URI.create(url).getPath())))
                .header("Content-Type", "application/json")
                .header("X-Cal-Signature-256", HmacSha256.hex(secret.getBytes(StandardCharsets.UTF_8),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedBookingGetsARoomItsRescheduleMovesRoomAndReminderJoinLinksWorkTwilioRemindsOnceAndACancelClosesIt()
            throws Exception {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.mint(org, "ada", "admin");
        String staff = DevTokens.mint(org, "sam", "staff");
        JsonNode endpoint = stack.json("POST", "/api/bookings/webhooks", admin, null, 201);
        String url = endpoint.path("url").asText();
        String secret = endpoint.path("secret").asText();
        // What the admin pastes into Cal.com: the gateway's own address, as it forwarded the admin's request.
        assertTrue(url.startsWith(stack.url("/webhooks/calcom/")), url);

        // A session in three hours: its pre-session reminder (start − 1 h) waits.
        String first = "sys" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        Instant firstStart = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        String created = Fixtures.text("calcom/booking-created.json").replace("qZ3kT8vN2pLm5xWc", first)
                .replace("\"location\": \"integrations:daily\"", "\"location\": \"Frontdesk video\"")
                .replace("2026-03-05T15:00:00Z", firstStart.toString())
                .replace("2026-03-05T15:45:00Z", firstStart.plus(Duration.ofMinutes(45)).toString());
        // Cal.com retries a delivery it got no answer for: the same body ten times, in parallel, is one booking.
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(10);
        List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 10; i++) {
            senders.submit(() -> {
                try {
                    statuses.add(deliver(url, secret, created).statusCode());
                } catch (Exception e) {
                    statuses.add(-1);
                }
            });
        }
        senders.shutdown();
        assertTrue(senders.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(List.of(200), statuses.stream().distinct().toList(), statuses.toString());
        await().atMost(SOON).until(() -> "ACTIVE".equals(stack.json("GET", "/api/bookings/" + first, staff, null, 200)
                .path("booking").path("roomStatus").asText()));
        await().atMost(SOON).until(() -> smsAbout(admin, first).toString().contains("\"pending\""));

        // The member moves it to 40 minutes from now (a new uid, Cal.com's reschedule): the old booking closes, the
        // new one gets its room, and the pending reminder moves with it — due at once now, sent once.
        String uid = "sys" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        Instant newStart = Instant.now().plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        String rescheduled = Fixtures.text("calcom/booking-rescheduled.json").replace("Hk7Yp2Qs9dVb4nRe", uid)
                .replace("qZ3kT8vN2pLm5xWc", first)
                .replace("\"location\": \"integrations:daily\"", "\"location\": \"Frontdesk video\"")
                .replace("2026-03-06T16:00:00.000Z", newStart.toString())
                .replace("2026-03-06T16:45:00.000Z", newStart.plus(Duration.ofMinutes(45)).toString())
                .replace("2026-03-05T15:00:00.000Z", firstStart.toString())
                .replace("2026-03-05T15:45:00.000Z", firstStart.plus(Duration.ofMinutes(45)).toString());
        assertEquals(200, deliver(url, secret, rescheduled).statusCode());
        await().atMost(SOON).until(() -> "RESCHEDULED".equals(stack.json("GET", "/api/bookings/" + first, staff, null,
                200).path("booking").path("status").asText()));

        await().atMost(SOON).until(() -> "ACTIVE".equals(stack.json("GET", "/api/bookings/" + uid, staff, null, 200)
                .path("booking").path("roomStatus").asText()));
        JsonNode detail = stack.json("GET", "/api/bookings/" + uid, staff, null, 200);
        String link = detail.path("memberJoinLink").asText();
        assertTrue(link.contains("uid=" + uid), link);

        // The member opens the link from the reminder: its signed parameters get the guest URL.
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        JsonNode member = stack.json("POST", "/api/bookings/" + uid + "/join/member", null, """
                {"org":"%s","expires":%s,"signature":"%s"}""".formatted(query.get("org"), query.get("expires"),
                query.get("signature")), 200);
        String guestUrl = member.toString();
        assertTrue(guestUrl.contains("bk-" + uid + "-"), guestUrl);
        stack.json("POST", "/api/bookings/" + uid + "/join/member", null, """
                {"org":"%s","expires":%s,"signature":"%s"}""".formatted(query.get("org"), query.get("expires"),
                "0".repeat(64)), 403);
        stack.json("POST", "/api/bookings/" + uid + "/join/host", staff, null, 200);

        // Twilio received the reminder once, to the member's phone.
        await().atMost(SOON).until(() -> twilio.requests("POST", "/2010-04-01/Accounts/").stream()
                .anyMatch(request -> URLDecoder.decode(request.body(), StandardCharsets.UTF_8).contains(PHONE)));
        assertEquals(1, twilio.requests("POST", "/2010-04-01/Accounts/").stream()
                .filter(request -> URLDecoder.decode(request.body(), StandardCharsets.UTF_8).contains(PHONE)).count());
        System.out.println("[booking] SMS deliveries after the reschedule: old " + smsAbout(admin, first) + ", new "
                + smsAbout(admin, uid));
        assertFalse(smsAbout(admin, first).toString().contains("\"pending\""), "nothing left pending on the old uid");

        String cancelled = Fixtures.text("calcom/booking-cancelled.json").replace("Hk7Yp2Qs9dVb4nRe", uid);
        assertEquals(200, deliver(url, secret, cancelled).statusCode());
        await().atMost(SOON).until(() -> "CANCELLED".equals(stack.json("GET", "/api/bookings/" + uid, staff, null, 200)
                .path("booking").path("status").asText()));
        stack.json("POST", "/api/bookings/" + uid + "/join/host", staff, null, 409);
    }

    @Test
    void aSeatedBookingRemindsEachSeatStillBookedOnceAfterTheHostMovesIt() throws Exception {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.mint(org, "ada", "admin");
        String staff = DevTokens.mint(org, "sam", "staff");
        JsonNode endpoint = stack.json("POST", "/api/bookings/webhooks", admin, null, 201);
        String url = endpoint.path("url").asText();
        String secret = endpoint.path("secret").asText();
        String uid = "seat" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String tomas = "+1415555" + (1000 + (int) (Math.random() * 8999));
        String lena = "+1415556" + (1000 + (int) (Math.random() * 8999));
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        java.util.function.BiFunction<String, Integer, String> seat = (name, delivery) -> Fixtures
                .text("real-world/" + name).replace("__UID__", uid).replace("__SEAT1__", "s1-" + uid)
                .replace("__SEAT2__", "s2-" + uid).replace("__START__", start.toString())
                .replace("__END__", start.plus(Duration.ofHours(1)).toString())
                .replace("+14155550101", tomas).replace("+14155550102", lena)
                .replaceAll("__T[0-9]__", Instant.parse("2026-11-01T10:00:00Z").plusSeconds(delivery).toString());

        // Two seats are booked; Lena cancels hers. The booking stays for Tomas.
        assertEquals(200, deliver(url, secret, seat.apply("c01-seat1-created.json", 1)).statusCode());
        assertEquals(200, deliver(url, secret, seat.apply("c01-seat2-created.json", 2)).statusCode());
        await().atMost(SOON).until(() -> smsAbout(admin, uid).size() == 4);
        assertEquals(200, deliver(url, secret, seat.apply("c01-seat2-cancelled.json", 3)).statusCode());
        await().atMost(SOON).until(() -> smsAbout(admin, uid).toString().contains("seat cancelled"));
        assertEquals("CREATED", stack.json("GET", "/api/bookings/" + uid, staff, null, 200).path("booking")
                .path("status").asText());

        // The host moves the seated booking in place to 40 minutes from now: Tomas's reminder is due at once.
        Instant soon = Instant.now().plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        String moved = seat.apply("c01-seat1-created.json", 4).replace("\"BOOKING_CREATED\"", "\"BOOKING_RESCHEDULED\"")
                .replace(start.toString(), soon.toString())
                .replace(start.plus(Duration.ofHours(1)).toString(), soon.plus(Duration.ofHours(1)).toString())
                .replace("\"uid\":\"" + uid + "\"", "\"uid\":\"" + uid + "\",\"rescheduleUid\":\"" + uid + "\"");
        assertEquals(200, deliver(url, secret, moved).statusCode());
        await().atMost(SOON).until(() -> smsTo(tomas) == 1);
        String body = twilio.requests("POST", "/2010-04-01/Accounts/").stream()
                .map(request -> URLDecoder.decode(request.body(), StandardCharsets.UTF_8))
                .filter(text -> text.contains(tomas)).findFirst().orElseThrow();
        assertTrue(body.contains("Tomas Rivera"), body);
        assertEquals(0, smsTo(lena), "a cancelled seat gets no reminder");
        assertEquals(1, smsTo(tomas), "sent once");
    }

    @Test
    void aBookingDeliveredWhileTheBrokerIsDownGetsItsRoomAtOnceAndItsReminderOnceWhenTheBrokerIsBack() throws Exception {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.mint(org, "ada", "admin");
        String staff = DevTokens.mint(org, "sam", "staff");
        JsonNode endpoint = stack.json("POST", "/api/bookings/webhooks", admin, null, 201);
        SystemStack.Frames dashboard = stack.socket("/ws/notifications", staff);
        String phone = "+14155550199";
        String uid = "sys" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        Instant start = Instant.now().plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        String created = Fixtures.text("calcom/booking-created.json").replace("qZ3kT8vN2pLm5xWc", uid)
                .replace(PHONE, phone)
                .replace("\"location\": \"integrations:daily\"", "\"location\": \"Frontdesk video\"")
                .replace("2026-03-05T15:00:00Z", start.toString())
                .replace("2026-03-05T15:45:00Z", start.plus(Duration.ofMinutes(45)).toString());

        stack.stack.stopKafka();
        try {
            // Accepted and stored with its events in the outbox; the room comes from call-service over HTTP.
            assertEquals(200, deliver(endpoint.path("url").asText(), endpoint.path("secret").asText(), created)
                    .statusCode());
            await().atMost(SOON).until(() -> "ACTIVE".equals(stack.json("GET", "/api/bookings/" + uid, staff, null,
                    200).path("booking").path("roomStatus").asText()));
            assertEquals(0, smsTo(phone), "no reminder without the broker");
        } finally {
            stack.stack.startKafka();
        }
        // The broker is back: the reminder goes once, staff hear of the booking once.
        await().atMost(Duration.ofSeconds(90)).until(() -> dashboard.count("booking-updated",
                p -> uid.equals(p.path("uid").asText()) && "booking.created".equals(p.path("event").asText())) == 1);
        await().atMost(SOON).until(() -> smsTo(phone) == 1);
        await().atMost(SOON).until(() -> smsAbout(admin, uid).toString().contains("\"sent\""));
        assertEquals(1, smsTo(phone));
        assertEquals(1, dashboard.count("booking-updated", p -> uid.equals(p.path("uid").asText())
                && "booking.created".equals(p.path("event").asText())));
    }

    private static long smsTo(String phone) {
        return twilio.requests("POST", "/2010-04-01/Accounts/").stream()
                .filter(request -> URLDecoder.decode(request.body(), StandardCharsets.UTF_8).contains(phone)).count();
    }
}

package dev.frontdesk.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.Fixtures;
import dev.frontdesk.platform.testing.StubServer;
import dev.frontdesk.platform.webhook.HmacSha256;

/**
 * The booking join page ({@code /join}) in headless Chromium: a member taps the link in the SMS reminder Twilio was
 * asked to send and lands in the booking's room; a tampered or expired link, or a cancelled booking, says why; a host
 * signs in and gets the host's room.
 */
@ExtendWith({ SharedStacks.class, Browser.PerTest.class })
@Order(6)
class JoinPageBrowserSystemTest {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static final Pattern JOIN_LINK = Pattern.compile("https?://\\S+/join\\?\\S+");

    private static SystemStack stack;
    private static StubServer twilio;
    private final HttpClient http = HttpClient.newHttpClient();

    private String org;
    private String admin;
    private String staff;
    private String webhookUrl;
    private String webhookSecret;

    @BeforeAll
    static void start(SharedStacks.BookingFlow flow) {
        stack = flow.stack();
        twilio = flow.twilio();
    }

    /** A booking in 40 minutes for a member with this phone: its reminder is due at once. Its uid. */
    private String booking(String phone) throws Exception {
        org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        admin = DevTokens.mint(org, "ada", "admin");
        staff = DevTokens.mint(org, "sam", "staff");
        JsonNode endpoint = stack.json("POST", "/api/bookings/webhooks", admin, null, 201);
        webhookUrl = endpoint.path("url").asText();
        webhookSecret = endpoint.path("secret").asText();
        String uid = "sys" + UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        Instant start = Instant.now().plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        String created = Fixtures.text("calcom/booking-created.json").replace("qZ3kT8vN2pLm5xWc", uid)
                .replace("+14155550123", phone)
                .replace("\"location\": \"integrations:daily\"", "\"location\": \"Frontdesk video\"")
                .replace("2026-03-05T15:00:00Z", start.toString())
                .replace("2026-03-05T15:45:00Z", start.plus(Duration.ofMinutes(45)).toString());
        assertEquals(200, deliver(created));
        await().atMost(SOON).until(() -> "ACTIVE".equals(stack.json("GET", "/api/bookings/" + uid, staff, null, 200)
                .path("booking").path("roomStatus").asText()));
        return uid;
    }

    private int deliver(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.url(URI.create(webhookUrl).getPath())))
                .header("Content-Type", "application/json")
                .header("X-Cal-Signature-256", HmacSha256.hex(webhookSecret.getBytes(StandardCharsets.UTF_8),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** The join link in the SMS reminder Twilio was asked to send to this phone. */
    private static String reminderLink(String phone) {
        String sms = await().atMost(SOON).until(() -> twilio.requests("POST", "/2010-04-01/Accounts/").stream()
                .map(request -> URLDecoder.decode(request.body(), StandardCharsets.UTF_8))
                .filter(body -> body.contains(phone)).findFirst().orElse(null), java.util.Objects::nonNull);
        Matcher link = JOIN_LINK.matcher(sms);
        assertTrue(link.find(), sms);
        return link.group();
    }

    private static WebElement state(Browser browser, String expected) {
        return await().atMost(SOON).ignoreExceptions().until(() -> browser.driver.findElement(By.id("state")),
                state -> expected.equals(state.getAttribute("data-state")));
    }

    private static String query(String link, String name) {
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " not in " + link);
    }

    @Test
    void aMemberTapsTheLinkInTheirReminderAndSeesTheRoom(Browser member) throws Exception {
        String phone = "+1415555" + (1000 + (int) (Math.random() * 8999));
        String uid = booking(phone);
        String link = reminderLink(phone);
        assertTrue(link.startsWith(stack.url("/join?")), link);

        member.driver.get(link);
        state(member, "open");
        String room = member.driver.findElement(By.id("room")).getAttribute("src");
        assertTrue(room.contains("bk-" + uid + "-"), room);
        assertEquals(room, member.driver.findElement(By.id("room-link")).getAttribute("href"));
        assertTrue(stack.json("GET", "/api/bookings/" + uid, staff, null, 200).path("booking").path("memberJoined")
                .asBoolean(), "the booking records that the member asked to join");
    }

    @Test
    void aTamperedOrExpiredLinkAndACancelledBookingEachSayWhy(Browser member) throws Exception {
        String phone = "+1415556" + (1000 + (int) (Math.random() * 8999));
        String uid = booking(phone);
        String link = reminderLink(phone);
        String signature = query(link, "signature");

        String tampered = link.replace(signature, (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1));
        member.driver.get(tampered);
        assertTrue(state(member, "invalid").getText().contains("not valid"), member.driver.findElement(By.id("state")).getText());
        assertTrue(member.driver.findElements(By.id("room")).isEmpty());

        // Signed as the service signs (the local stack's development secret), but an hour past its expiry.
        long expired = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
        String secret = stack.stack.developmentSettings().get("FRONTDESK_BOOKINGS_JOIN_LINK_SECRET");
        String expiredLink = stack.url("/join?org=" + org + "&uid=" + uid + "&expires=" + expired + "&signature="
                + HmacSha256.hex(secret.getBytes(StandardCharsets.UTF_8),
                        (org + "\n" + uid + "\nmember\n" + expired).getBytes(StandardCharsets.UTF_8)));
        member.driver.get(expiredLink);
        assertTrue(state(member, "expired").getText().toLowerCase().contains("expired"),
                member.driver.findElement(By.id("state")).getText());

        // The member's booking is cancelled in Cal.com: the same reminder link now says so.
        assertEquals(200, deliver(Fixtures.text("calcom/booking-cancelled.json").replace("Hk7Yp2Qs9dVb4nRe", uid)));
        await().atMost(SOON).until(() -> "CANCELLED".equals(stack.json("GET", "/api/bookings/" + uid, staff, null, 200)
                .path("booking").path("status").asText()));
        member.driver.get(link);
        assertTrue(state(member, "cancelled").getText().contains("cancelled"),
                member.driver.findElement(By.id("state")).getText());
        assertTrue(member.driver.findElements(By.id("room")).isEmpty());
    }

    @Test
    void aHostSignsInAndGetsTheHostsRoom(Browser host) throws Exception {
        String uid = booking("+1415557" + (1000 + (int) (Math.random() * 8999)));
        host.driver.get(stack.url("/join?uid=" + uid + "&role=host"));
        state(host, "sign-in");
        host.driver.findElement(By.id("token")).sendKeys(DevTokens.mint(org, "sam", "staff"));
        host.driver.findElement(By.id("sign-in")).click();
        state(host, "open");
        String expected = stack.json("POST", "/api/bookings/" + uid + "/join/host", staff, null, 200)
                .path("roomUrl").asText();
        assertEquals(expected, host.driver.findElement(By.id("room")).getAttribute("src"));
    }
}

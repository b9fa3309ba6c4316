package dev.frontdesk.notification.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.notification.service.NotificationEvents.BookingChanged;
import dev.frontdesk.notification.service.NotificationEvents.CallUpdated;
import dev.frontdesk.notification.service.NotificationEvents.InviteChanged;

/**
 * Every kind of Slack message, built from hostile and huge text in every place people's or vendors' text goes:
 * Slack would post it (within every Block Kit limit), and nothing in it mentions, links or pings anything but our
 * own link. The same rules the Slack stub applies ({@link SlackRules}).
 */
class SlackMessageTest {

    private static final String APP = "https://app.frontdesk.test";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Instant START = Instant.parse("2026-03-04T14:00:00Z");

    private final SlackPosts posts = new SlackPosts(JSON, Optional.of(APP + "/"), Clock.systemUTC());

    /** A message kind, built with three pieces of outside text in the places that kind shows them. */
    enum Kind {
        INVITE_SENT, CALL_MISSED, BOOKING_CREATED, BOOKING_CANCELLED;

        Map<String, Object> build(SlackPosts posts, String a, String b, String c) {
            return switch (this) {
                case INVITE_SENT -> posts.inviteSentMessage(new InviteChanged("inv-1", c, "org-1", "site-1", "s-1",
                        null, "https://meet.example/x", "invited", "staff-1", a, b, START, START, START, null));
                case CALL_MISSED -> posts.callMissedMessage(new CallUpdated(c, "org-1", "staff-1", "client-1", "MISSED",
                        "RINGING", "system", START, null, START, null, a, b));
                case BOOKING_CREATED -> posts.bookingCreatedMessage(booking(c, a, b, c, null));
                case BOOKING_CANCELLED -> posts.bookingCancelledMessage(booking("bk-1", a, b, null, c));
            };
        }

        private static BookingChanged booking(String uid, String member, String host, String title, String reason) {
            Map<String, Object> event = new HashMap<>();
            event.put("uid", uid);
            event.put("org", "org-1");
            event.put("status", "CREATED");
            event.put("title", title);
            event.put("startAt", START.toString());
            event.put("endAt", START.plusSeconds(1800).toString());
            event.put("hostName", host);
            event.put("memberName", member);
            event.put("reason", reason);
            return JSON.convertValue(event, BookingChanged.class); // as the event arrives
        }
    }

    /** Text people have typed into names, titles and messages to make Slack ping, link or break. */
    static final List<String> HOSTILE = List.of("<!channel> Robin Vale", "<!here>", "<!everyone>", "<@U024BE7LH>",
            "<#C024BE7LR|general>", "<!subteam^SAZ94GDB8>", "<!date^1392734382^{date}|x>",
            "<https://evil.example|Your invoice>", "<mailto:ceo@example.com|CEO>", "&lt;!channel&gt;", "Tom & Jerry",
            "a > b < c", "<<!channel>>", "@channel @here #general https://evil.example", "*bold* _it_ `code` ~s~",
            "> quoted\n> again", "trailing &", "&amp;", "😀 Émilie 名前", "line\nbreak\r\nagain");

    static Stream<Arguments> hostileTextInEveryPlace() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (String text : HOSTILE) {
                cases.add(Arguments.of(kind, text));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource
    void hostileTextInEveryPlace(Kind kind, String text) throws Exception {
        for (int place = 0; place < 3; place++) {
            String[] pieces = { "Ann", "Bob", "c-1" };
            pieces[place] = text;
            JsonNode message = check(kind.build(posts, pieces[0], pieces[1], pieces[2]));
            String shown = message.path("text").asText() + "\n"
                    + message.path("blocks").path(0).path("text").path("text").asText();
            // Whole and escaped: the text is all there, as text (an invite's message is quoted line by line).
            String expected = SlackMessage.escape(text);
            if (kind == Kind.INVITE_SENT && place == 1) {
                expected = expected.replace("\n", "\n> ");
            }
            assertTrue(shown.contains(expected), kind + " place " + place + ": " + shown);
        }
    }

    static Stream<Arguments> hugeTextInEveryPlace() {
        List<String> huge = List.of("x".repeat(100_000), "&".repeat(100_000), "<".repeat(5_000),
                "😀".repeat(60_000), "<!channel>".repeat(10_000), "a\n".repeat(50_000), "é&<>".repeat(20_000));
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (String text : huge) {
                cases.add(Arguments.of(kind, text.substring(0, 12), text));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}…")
    @MethodSource
    void hugeTextInEveryPlace(Kind kind, String start, String text) throws Exception {
        for (int place = 0; place < 3; place++) {
            String[] pieces = { "Ann", "Bob", "c-1" };
            pieces[place] = text;
            JsonNode message = check(kind.build(posts, pieces[0], pieces[1], pieces[2]));
            assertTrue(message.toString().contains(SlackMessage.MARKER), "cut with a marker: " + kind + " " + place);
        }
        // All three huge at once.
        check(kind.build(posts, text, text, text));
    }

    /** A property: whatever people type, anywhere, the message is postable and carries no live markup. */
    @Test
    void randomTextAnywhereNeverBreaksTheRules() throws Exception {
        List<String> alphabet = List.of("<", ">", "&", "!", "@", "#", "|", "^", "channel", "here", "U024", "amp;",
                "lt;", "gt;", "https://evil.example", "😀", "é", "\n", " ", "*", "_", "`", "~", ">", "x");
        Random random = new Random(20261129);
        for (int i = 0; i < 400; i++) {
            String[] pieces = new String[3];
            for (int p = 0; p < 3; p++) {
                int length = random.nextInt(10) < 8 ? random.nextInt(40) : random.nextInt(20_000);
                StringBuilder text = new StringBuilder();
                for (int n = 0; n < length; n++) {
                    text.append(alphabet.get(random.nextInt(alphabet.size())));
                }
                pieces[p] = text.toString();
            }
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            check(kind.build(posts, pieces[0], pieces[1], pieces[2]));
        }
    }

    @Test
    void theC06BookingOfAMemberNamedChannelIsPostedAsText() throws Exception {
        // Cal.com booking c06 (real-world fixtures): the attendee typed "<!channel> Robin Vale" as their name.
        JsonNode message = JSON.valueToTree(posts.bookingCreatedMessage(Kind.booking("bk-c06", "<!channel> Robin Vale",
                "Priya Raman", "Intro between Priya Raman and <!channel> Robin Vale", null)));
        assertEquals("Session booked: &lt;!channel&gt; Robin Vale with Priya Raman, 4 Mar 14:00 UTC",
                message.path("text").asText());
        assertEquals("*Session booked*\n&lt;!channel&gt; Robin Vale with Priya Raman, 4 Mar 14:00 UTC\n"
                + "Intro between Priya Raman and &lt;!channel&gt; Robin Vale\n"
                + "<https://app.frontdesk.test/bookings/bk-c06|Open booking>",
                message.path("blocks").path(0).path("text").path("text").asText());
    }

    @Test
    void aSeatedBookingNamesItsMembersStillBooked() throws Exception {
        String members = java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(i -> """
                {"key": "m%d@example.org", "name": "<@U%d> Seat %d"}""".formatted(i, i, i))
                .collect(java.util.stream.Collectors.joining(","));
        BookingChanged seated = JSON.readValue("""
                {"uid": "bk-seats", "org": "org-1", "status": "CREATED", "startAt": "%s", "hostName": "Priya Raman",
                 "memberName": "<@U1> Seat 1", "members": [%s]}""".formatted(START, members), BookingChanged.class);
        JsonNode message = JSON.valueToTree(posts.bookingCreatedMessage(seated));
        assertEquals("Session booked: &lt;@U1&gt; Seat 1, &lt;@U2&gt; Seat 2, &lt;@U3&gt; Seat 3 and 2 more with "
                + "Priya Raman, 4 Mar 14:00 UTC", message.path("text").asText());
        check(posts.bookingCreatedMessage(seated));
    }

    @Test
    void aMissedCallNamesThePeopleWhenTheirNamesAreKnownAndTheirIdsOtherwise() {
        JsonNode named = JSON.valueToTree(posts.callMissedMessage(new CallUpdated("c-1", "org-1", "staff-0", "client-0",
                "MISSED", "RINGING", "system", START, null, START, null, "Dana Host", "Carl <Client>")));
        assertEquals("*Missed call*\nDana Host → Carl &lt;Client&gt; (nobody answered)\n"
                + "<https://app.frontdesk.test/calls/c-1|Open call>",
                named.path("blocks").path(0).path("text").path("text").asText());
        JsonNode byId = JSON.valueToTree(posts.callMissedMessage(new CallUpdated("c-1", "org-1", "staff-0", "client-0",
                "MISSED", "RINGING", "system", START, null, START, null, null, " ")));
        assertEquals("Missed call c-1 from staff-0 to client-0", byId.path("text").asText());
    }

    @ParameterizedTest(name = "fit({0}, {1}) = {2}")
    @CsvSource(delimiterString = " , ", value = {
            "abcdef , 6 , abcdef",
            "abcdefg , 6 , abcde…",
            "ab&amp;cd , 5 , ab…",
            "ab&amp;cd , 7 , ab…",
            "ab&amp;cd , 8 , ab&amp;…",
            "&lt;&lt; , 5 , &lt;…",
            "ab<https://x|y>cd , 8 , ab…",
            "ab<https://x|y>cd , 16 , ab<https://x|y>…",
            "a😀b , 3 , a…",
            "a😀b , 4 , a😀b" })
    void mrkdwnIsCutNeverInsideAnEntityALinkOrACharacter(String mrkdwn, int max, String expected) {
        assertEquals(expected, SlackMessage.fit(mrkdwn, max));
    }

    @ParameterizedTest(name = "cut({0}, {1}) = {2}")
    @CsvSource(delimiterString = " , ", value = { "abc , 3 , abc", "abcd , 3 , ab…", "a😀b , 3 , a…", "😀😀 , 3 , 😀…" })
    void plainTextIsCutNeverInsideACharacter(String text, int max, String expected) {
        assertEquals(expected, SlackMessage.cut(text, max));
    }

    /** The message as Slack reads it: postable, verbatim mrkdwn, no live markup but our link. */
    private static JsonNode check(Map<String, Object> built) throws Exception {
        JsonNode message = JSON.readTree(JSON.writeValueAsString(built));
        assertEquals(List.of(), SlackRules.violations(message), message.toString().substring(0,
                Math.min(300, message.toString().length())));
        assertEquals(List.of(), SlackRules.foreignMarkup(message.path("text").asText(), APP + "/"));
        for (JsonNode block : message.path("blocks")) {
            JsonNode text = block.path("text");
            assertEquals("mrkdwn", text.path("type").asText());
            assertTrue(text.path("verbatim").asBoolean(), "no automatic parsing of @here, #channel, URLs");
            assertEquals(List.of(), SlackRules.foreignMarkup(text.path("text").asText(), APP + "/"));
        }
        return message;
    }
}

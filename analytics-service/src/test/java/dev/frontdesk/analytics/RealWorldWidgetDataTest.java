package dev.frontdesk.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.platform.testing.Fixtures;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.RandomText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Widget events as real browsers send them: control characters (NUL too, in metadata names, values and
 * {@code \u0000} escapes), unpaired surrogates, very long page URLs and user agents. They are stored cleaned and cut,
 * never refused and never a 5xx.
 */
@QuarkusTest
@WithTestResource(AnalyticsServiceTestResource.class)
class RealWorldWidgetDataTest {

    private static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void close() {
        kafka.close();
    }

    /** c08: a %00 in a UTM parameter, decoded by the page, puts a NUL into the widget's metadata. */
    @Test
    void c08AWidgetOpenWithANulInItsMetadataIsStoredWithoutIt() throws Exception {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        String eventId = UUID.randomUUID().toString();
        String body = Fixtures.text("real-world/c08-widget-open-nul.json").replace("__KEY__", w.key)
                .replace("__SESSION__", UUID.randomUUID().toString()).replace("__HOST__", "shop.example.com")
                .replace("__NOW__", Instant.now().toString()).replace("__EVENT__", eventId);
        w.send(body).statusCode(202).body("accepted", equalTo(1));
        // The widget's retry (same event id), this time as a beacon.
        Widget.browser("https://shop.example.com").contentType("text/plain;charset=UTF-8").body(body)
                .post("/api/analytics/events").then().statusCode(202).body("accepted", equalTo(0))
                .body("duplicates", equalTo(1));

        assertEquals(1, w.stored("event_id = ? AND type = 'widget_open'", "e_" + eventId));
        assertEquals(JSON.readTree("{\"utm_source\":\"newsletter\",\"utm_campaign\":\"springsale\",\"launcher\":\"bubble\"}"),
                JSON.readTree(Widget.db.text("SELECT metadata::text FROM widget_event WHERE site_id = ?", w.siteId)));
        // %00 in the URL is three characters of the URL, not a NUL: kept as sent.
        assertEquals("https://shop.example.com/pricing?utm_source=newsletter&utm_campaign=spring%00sale",
                Widget.db.text("SELECT page_url FROM widget_event WHERE site_id = ?", w.siteId));
    }

    /** A hostile value in one place of an event; what is stored there. */
    record Case(String name, String pageUrlJson, String metadataJson, String userAgent, String storedPageUrl,
            String storedMetadata, String storedUserAgent) {
    }

    @Test
    void hostileTextFromBrowsersIsStoredCleanedAndCut() throws Exception {
        String page = "https://shop.example.com/cart?gclid=";
        String longQuery = "Cj0KCQiA".repeat(1000); // 8,000 characters of click id and cart state
        String longAgent = Widget.BROWSER + " [FBAN/FBIOS;FBAV/444.0.0.32.118;" + "FBXX/abcdef;".repeat(60) + "]";
        List<Case> cases = List.of(
                new Case("NUL escape in a metadata value", null, "{\"utm\":\"a\\u0000b\"}", null, null,
                        "{\"utm\":\"ab\"}", null),
                new Case("NUL in a metadata name", null, "{\"ut\\u0000m\":\"x\"}", null, null, "{\"utm\":\"x\"}", null),
                new Case("C0 controls kept tab and line feed", null, "{\"t\":\"a\\u0001\\u001fb\\tc\\nd\"}", null, null,
                        "{\"t\":\"ab\\tc\\nd\"}", null),
                new Case("unpaired surrogates", "\"https://shop.example.com/\\ud800x\"", "{\"s\":\"\\udc00\"}", null,
                        "https://shop.example.com/\ufffdx", "{\"s\":\"\ufffd\"}", null),
                new Case("an emoji kept whole", "\"https://shop.example.com/\\ud83d\\ude00\"", null, null,
                        "https://shop.example.com/\ud83d\ude00", null, null),
                new Case("a page URL of 8 KB", "\"" + page + longQuery + "\"", null, null,
                        (page + longQuery).substring(0, 4096), null, null),
                new Case("a NUL in the page URL", "\"https://shop.example.com/a\\u0000b\"", null, null,
                        "https://shop.example.com/ab", null, null),
                new Case("metadata strings and names cut", null,
                        "{\"" + "k".repeat(300) + "\":\"" + "v".repeat(3000) + "\",\"n\":[\"" + "w".repeat(600) + "\",7]}", null,
                        null, "{\"" + "k".repeat(128) + "\":\"" + "v".repeat(512) + "\",\"n\":[\"" + "w".repeat(512) + "\",7]}",
                        null),
                // Four strings cut to 512 make 2,077 characters: "d" no longer fits in 2 KB, "e" still does.
                new Case("metadata over 2 KB keeps the fields that fit", null,
                        "{\"a\":\"" + "x".repeat(600) + "\",\"b\":\"" + "y".repeat(600) + "\",\"c\":\"" + "z".repeat(600)
                                + "\",\"d\":\"" + "q".repeat(600) + "\",\"e\":1}", null, null,
                        "{\"a\":\"" + "x".repeat(512) + "\",\"b\":\"" + "y".repeat(512) + "\",\"c\":\"" + "z".repeat(512)
                                + "\",\"e\":1}", null),
                new Case("a user agent of 1 KB", null, null, longAgent, null, null, longAgent.substring(0, 512)),
                new Case("an odd but real user agent", null, null, "Mozilla/5.0 (Linux; Android 12; moto g(60) Build/S2RI32.32-20-9; wv)\t"
                        + "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36", null, null,
                        "Mozilla/5.0 (Linux; Android 12; moto g(60) Build/S2RI32.32-20-9; wv)\t"
                                + "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36"));
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        for (Case c : cases) {
            String session = "s-" + UUID.randomUUID();
            String event = "{\"widgetId\":\"" + w.key + "\",\"sessionId\":\"" + session + "\",\"eventType\":\"widget_open\","
                    + "\"timestamp\":\"" + Instant.now() + "\",\"eventId\":\"e-" + UUID.randomUUID() + "\""
                    + (c.pageUrlJson() == null ? "" : ",\"pageUrl\":" + c.pageUrlJson())
                    + (c.metadataJson() == null ? "" : ",\"metadata\":" + c.metadataJson()) + "}";
            for (String type : List.of("application/json", "text/plain;charset=UTF-8")) {
                given().header("Origin", "https://shop.example.com")
                        .header("User-Agent", c.userAgent() == null ? Widget.BROWSER : c.userAgent())
                        .contentType(type).body(event).post("/api/analytics/events").then()
                        .statusCode(202).body("accepted", equalTo(type.startsWith("application") ? 1 : 0));
            }
            assertEquals(1, w.stored("session_id = ?", session), c.name());
            if (c.storedPageUrl() != null) {
                assertEquals(c.storedPageUrl(), Widget.db.text(
                        "SELECT page_url FROM widget_event WHERE site_id = ? AND session_id = ?", w.siteId, session), c.name());
            }
            if (c.storedMetadata() != null) {
                assertEquals(JSON.readTree(c.storedMetadata()), JSON.readTree(Widget.db.text(
                        "SELECT metadata::text FROM widget_event WHERE site_id = ? AND session_id = ?", w.siteId, session)),
                        c.name());
            }
            if (c.storedUserAgent() != null) {
                assertEquals(c.storedUserAgent(), Widget.db.text(
                        "SELECT user_agent FROM widget_event WHERE site_id = ? AND session_id = ?", w.siteId, session), c.name());
            }
        }
    }

    @Test
    void randomTextInEveryFieldNeverGivesA5xx() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int accepted = 0;
        List<String> failures = new ArrayList<>();
        for (int run = 0; run < 150; run++) {
            String event = "{\"widgetId\":\"" + w.key + "\",\"sessionId\":" + RandomText.json(random, 60)
                    + ",\"eventType\":\"widget_load\",\"pageUrl\":" + RandomText.json(random, random.nextInt(5) == 0 ? 9000 : 80)
                    + ",\"eventId\":" + RandomText.json(random, 60) + ",\"visitorId\":" + RandomText.json(random, 60)
                    + ",\"callId\":" + RandomText.json(random, 60) + ",\"metadata\":{" + RandomText.json(random, 20) + ":"
                    + RandomText.json(random, random.nextInt(5) == 0 ? 3000 : 50) + "," + RandomText.json(random, 20) + ":[" + RandomText.json(random, 50)
                    + "]}}";
            int status = given().header("Origin", "https://shop.example.com").header("User-Agent", RandomText.header(random))
                    .contentType(random.nextBoolean() ? "application/json" : "text/plain;charset=UTF-8").body(event)
                    .post("/api/analytics/events").then().extract().statusCode();
            if (status >= 500 && failures.size() < 3) {
                failures.add("seed " + seed + ", run " + run + ": " + status + " for "
                        + event.substring(0, Math.min(event.length(), 300)));
            }
            accepted += status == 202 ? 1 : 0;
        }
        assertEquals(List.of(), failures);
        assertTrue(accepted > 50, accepted + " of 150 accepted (seed " + seed + ")");
        assertEquals(0, w.stored("length(page_url) > 4096 OR length(user_agent) > 512"), "seed " + seed);
    }
}

package dev.frontdesk.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.testing.Fixtures;
import dev.frontdesk.platform.testing.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import dev.frontdesk.platform.testing.Management;

/** Widget events in, as fetch and sendBeacon send them, from allowed and other origins. */
@QuarkusTest
@WithTestResource(AnalyticsServiceTestResource.class)
class IngestTest {

    private static final String PROBLEM = "application/problem+json";
    private static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void jsonEventsAndBatchesAreStoredOnceEach() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        w.send(w.event("widget_load", "s1", Instant.now())).statusCode(202)
                .header("Access-Control-Allow-Origin", "https://shop.example.com")
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0));

        String open = w.event("widget_open", "s1", Instant.now());
        String batch = "[" + open + "," + w.event("call_start", "s1", Instant.now()) + "," + open + "]";
        w.send(batch).statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(1));
        w.send(batch).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(3));

        assertEquals(3, w.stored(""));
        assertEquals(3, w.stored("source = 'widget' AND user_agent = ?", Widget.BROWSER));
    }

    @Test
    void aSendBeaconBodyIsTextPlain() {
        Widget w = Widget.site(kafka, true, false, "*.example.com");
        String beacon = Fixtures.text("widget/beacon-call-end.txt").replace("wdg_demo_01", w.key)
                .replace("2026-03-05T15:31:07.412Z", Instant.now().toString());
        Widget.browser("https://shop.example.com").contentType("text/plain;charset=UTF-8").body(beacon)
                .post("/api/analytics/events").then().statusCode(202).body("accepted", equalTo(1));
        assertEquals(1, w.stored("source = 'beacon' AND type = 'call_end' AND event_id = ?",
                "e_9a1b2c3d-0000-4000-8000-000000000001"));
    }

    @Test
    void clientTimesAreClampedToASaneWindow() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        w.send(w.event("widget_load", "old", Instant.parse("2020-01-01T00:00:00Z"))).statusCode(202);
        w.send(w.event("widget_load", "future", Instant.now().plusSeconds(86400 * 3))).statusCode(202);
        w.send(w.event("widget_load", "fine", Instant.now().minusSeconds(3600))).statusCode(202);
        assertEquals(2, w.stored("clamped"));
        assertEquals(1, w.stored("session_id = 'old' AND occurred_at > now() - interval '25 hours'"));
        assertEquals(1, w.stored("session_id = 'future' AND occurred_at < now() + interval '1 minute'"));
        assertEquals(1, w.stored("session_id = 'fine' AND NOT clamped"));
    }

    @Test
    void badShapesAre400AndTooManyEvents413AndNothingIsStored() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        w.send(w.event("widget_explode", "s1", Instant.now())).statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("eventType"));
        w.send("{\"widgetId\": \"" + w.key + "\", \"eventType\": \"widget_load\"}").statusCode(400)
                .body("detail", containsString("sessionId: is required"));
        w.send("[" + w.event("widget_load", "s1", Instant.now()) + ", 42]").statusCode(400)
                .body("detail", containsString("[1].event"));
        w.send("not json").statusCode(400);
        w.send("[]").statusCode(400);
        w.send(w.event("widget_load", "s1", Instant.now()).replace("\"sessionId\"",
                "\"metadata\": \"utm_source=x\", \"sessionId\"")).statusCode(400)
                .body("detail", containsString("metadata: must be an object"));
        List<String> many = new ArrayList<>(Collections.nCopies(101, w.event("widget_load", "s1", Instant.now())));
        w.send("[" + String.join(",", many) + "]").statusCode(413).contentType(PROBLEM);
        Widget other = Widget.site(kafka, true, false, "shop.example.com");
        w.send("[" + w.event("widget_load", "s1", Instant.now()) + "," + other.event("widget_load", "s1", Instant.now())
                + "]").statusCode(400).body("detail", containsString("one widget"));
        assertEquals(0, w.stored(""));
    }

    @Test
    void unknownInactiveDemoAndForeignOrigins() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com", "*.example.org");
        Widget.browser("https://evil.example.net").contentType("application/json")
                .body(w.event("widget_load", "s1", Instant.now())).post("/api/analytics/events").then()
                .statusCode(403).contentType(PROBLEM);
        Widget.browser("https://example.org").contentType("application/json")
                .body(w.event("widget_load", "s1", Instant.now())).post("/api/analytics/events").then()
                .statusCode(403);
        Widget.browser("https://blog.example.org").contentType("application/json")
                .body(w.event("widget_load", "s1", Instant.now())).post("/api/analytics/events").then()
                .statusCode(202);
        // No Origin, as some browsers send beacons: the Referer's host decides.
        given().header("User-Agent", Widget.BROWSER).header("Referer", "https://shop.example.com/checkout")
                .contentType("text/plain").body(w.event("widget_open", "s1", Instant.now()))
                .post("/api/analytics/events").then().statusCode(202);
        assertEquals(2, w.stored(""));

        Widget unknown = new Widget();
        unknown.send(unknown.event("widget_load", "s1", Instant.now())).statusCode(404).contentType(PROBLEM);

        w.publish(kafka, false, false, "shop.example.com");
        w.send(w.event("widget_load", "s2", Instant.now())).statusCode(403)
                .body("detail", equalTo("This widget is not active."));

        Widget demo = Widget.site(kafka, true, true, "shop.example.com");
        demo.send(demo.event("widget_load", "s1", Instant.now())).statusCode(202)
                .body("demo", equalTo(true)).body("accepted", equalTo(0));
        assertEquals(0, demo.stored(""));
    }

    @Test
    void botsAndHeadlessBrowsersAreCountedNotStored() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        String batch = "[" + w.event("widget_load", "s1", Instant.now()) + "," + w.event("widget_open", "s1", Instant.now()) + "]";
        for (String agent : List.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")) {
            given().header("Origin", "https://shop.example.com").header("User-Agent", agent)
                    .contentType("application/json").body(batch).post("/api/analytics/events").then()
                    .statusCode(202).body("filteredBots", equalTo(2)).body("accepted", equalTo(0));
        }
        assertEquals(0, w.stored(""));
        assertEquals(4, Widget.db.count("SELECT coalesce(sum(count), 0) FROM filtered_bots WHERE site_id = ?", w.siteId));
    }

    @Test
    void theCorsPreflightAnswersTheSitesOwnOriginsOnly() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        given().header("Origin", "https://shop.example.com").header("Access-Control-Request-Method", "POST")
                .queryParam("widgetId", w.key).options("/api/analytics/events").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://shop.example.com")
                .header("Access-Control-Allow-Headers", containsString("Content-Type"));
        given().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST")
                .queryParam("widgetId", w.key).options("/api/analytics/events").then().statusCode(403);
    }

    @Test
    void anErasedVisitorsEventsNoLongerNameThem() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        String visitor = "v_" + UUID.randomUUID();
        w.send(w.event("widget_load", "s1", Instant.now()).replace("\"sessionId\"", "\"visitorId\": \"" + visitor
                + "\", \"sessionId\"")).statusCode(202);
        assertEquals(1, w.stored("visitor_id = ?", visitor));
        kafka.publish("frontdesk.visitors", "frontdesk.visitor.erased.v1", visitor,
                "{\"visitorId\": \"" + visitor + "\", \"org\": \"" + w.org + "\"}");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> w.stored("visitor_id = ?", visitor) == 0);
        assertEquals(1, w.stored("session_id = 's1'"), "the event stays for billing, without the visitor");
    }

    @Test
    void ingestionIsMeasured() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        w.send(w.event("widget_load", "s1", Instant.now())).statusCode(202);
        w.send(w.event("widget_nope", "s1", Instant.now())).statusCode(400);
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("frontdesk_analytics_events_accepted_total"))
                .body(containsString("frontdesk_analytics_events_rejected_total{reason=\"invalid\"}"));
    }

    @Test
    void aRequestWhoseEventsCouldNotBeStoredIsNotAcknowledged() {
        Widget w = Widget.site(kafka, true, false, "shop.example.com");
        String event = w.event("call_start", "s1", Instant.now());
        // The store fails between accepting the request and writing it (as if the database went away).
        Widget.db.execute("REVOKE INSERT ON widget_event FROM analytics");
        try {
            int status = w.send(event).extract().statusCode();
            assertEquals(true, status >= 500, "no 2xx for events that were not stored, got " + status);
        } finally {
            Widget.db.execute("GRANT INSERT ON widget_event TO analytics");
        }
        assertEquals(0, w.stored(""));
        // The widget retries (same event id): stored once.
        w.send(event).statusCode(202).body("accepted", equalTo(1));
        w.send(event).statusCode(202).body("accepted", equalTo(0));
        assertEquals(1, w.stored("session_id = ?", "s1"));
    }
}

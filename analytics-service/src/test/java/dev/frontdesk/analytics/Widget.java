package dev.frontdesk.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestDatabase;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** A site as visitor-service publishes it, and a browser on one of its pages sending widget events. */
final class Widget {

    static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    static final TestDatabase db = TestDatabase.forSchema("analytics");

    final UUID siteId = UUID.randomUUID();
    final String org = "org-" + siteId.toString().substring(0, 8);
    final String key = "pk_" + siteId.toString().replace("-", "").substring(0, 20);

    /** Publishes the site on frontdesk.sites and waits until analytics has it. */
    static Widget site(KafkaTestClient kafka, boolean active, boolean demo, String... domains) {
        Widget widget = new Widget();
        widget.publish(kafka, active, demo, domains);
        return widget;
    }

    void publish(KafkaTestClient kafka, boolean active, boolean demo, String... domains) {
        long before = db.count("SELECT coalesce(sum(revision), 0) FROM site WHERE id = ?", siteId);
        kafka.publish("frontdesk.sites", "frontdesk.site.upserted.v1", siteId.toString(), """
                {"siteId": "%s", "org": "%s", "publishableKey": "%s", "allowedDomains": [%s],
                 "active": %s, "demo": %s, "updatedAt": "%s"}""".formatted(siteId, org, key,
                String.join(", ", Arrays.stream(domains).map(d -> "\"" + d + "\"").toList()), active, demo,
                Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(
                () -> db.count("SELECT coalesce(sum(revision), 0) FROM site WHERE id = ?", siteId) > before);
    }

    /** One event as the widget's fetch sends it. */
    String event(String type, String sessionId, Instant at) {
        return """
                {"widgetId": "%s", "sessionId": "%s", "eventType": "%s", "pageUrl": "https://shop.example.com/pricing",
                 "timestamp": "%s", "eventId": "e_%s"}""".formatted(key, sessionId, type, at, UUID.randomUUID());
    }

    String callStart(String sessionId, Instant at, String callId) {
        return """
                {"widgetId": "%s", "sessionId": "%s", "eventType": "call_start", "timestamp": "%s",
                 "eventId": "e_%s", "callId": "%s"}""".formatted(key, sessionId, at, UUID.randomUUID(), callId);
    }

    static RequestSpecification browser(String origin) {
        return given().header("Origin", origin).header("User-Agent", BROWSER);
    }

    ValidatableResponse send(String json) {
        return browser("https://shop.example.com").contentType("application/json").body(json)
                .post("/api/analytics/events").then();
    }

    long stored(String where, Object... params) {
        Object[] all = new Object[params.length + 1];
        all[0] = siteId;
        System.arraycopy(params, 0, all, 1, params.length);
        return db.count("SELECT count(*) FROM widget_event WHERE site_id = ?" + (where.isEmpty() ? "" : " AND " + where), all);
    }
}

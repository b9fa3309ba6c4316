package dev.frontdesk.visitor;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestClock;
import dev.frontdesk.platform.testing.TestDatabase;
import dev.frontdesk.platform.webhook.HmacSha256;
import dev.frontdesk.visitor.privacy.RetentionJob;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class ConversationAndPrivacyTest {

    @Inject
    TestClock clock;

    @Inject
    RetentionJob retention;

    private final TestDatabase db = TestDatabase.forSchema("visitor");

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void conversationsLinkToTheirVisitorOrWorkWithoutOne() {
        Widget site = Widget.create("org-conv-1", "www.conv1.example");
        String newVisitor = "v_" + UUID.randomUUID();
        String conversation = site.request(null).body(Map.of("visitorId", newVisitor, "subject", "Pricing",
                "message", "Hello?")).post("/api/conversations").then().statusCode(201)
                .body("visitorId", equalTo(newVisitor)).extract().path("id");
        // The visitor was created by it.
        given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/" + newVisitor + "/conversations").then()
                .statusCode(200).body("id", equalTo(java.util.List.of(conversation)));

        given().auth().oauth2(Widget.staff(site.org())).contentType("application/json").body(Map.of("text", "Hi, how can I help?"))
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(201)
                .body("sender", equalTo("staff"));
        site.request(newVisitor).body(Map.of("text", "Thanks")).post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).body("sender", equalTo("visitor")).body("senderId", equalTo(newVisitor));
        site.request(newVisitor).get("/api/conversations/" + conversation + "/messages").then().statusCode(200)
                .body("text", equalTo(java.util.List.of("Hello?", "Hi, how can I help?", "Thanks")));

        // Nobody else reads it: another visitor of the site, another org's staff, another site's widget.
        site.request("v_" + UUID.randomUUID()).get("/api/conversations/" + conversation + "/messages").then().statusCode(404);
        given().auth().oauth2(Widget.staff("org-conv-other")).get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(404);
        Widget.create("org-conv-1b", "www.conv1b.example").request(newVisitor)
                .get("/api/conversations/" + conversation + "/messages").then().statusCode(404);
        given().get("/api/conversations/" + conversation + "/messages").then().statusCode(401);

        // Without a visitor id: still a conversation.
        site.request(null).body(Map.of("message", "Anonymous question")).post("/api/conversations").then()
                .statusCode(201).body("visitorId", nullValue());
        site.request(null).body(Map.of("visitorId", "bogus")).post("/api/conversations").then().statusCode(400);
        site.request(newVisitor).body(Map.of("text", "")).post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(400);
    }

    @Test
    void exportHasEverythingAndEraseRemovesItAndTellsTheOthers() {
        Widget site = Widget.create("org-gdpr-1", "www.gdpr1.example");
        String visitor = site.view(null, "/private-page");
        site.request(visitor).body(Map.of("message", "My account number is 42")).post("/api/conversations").then().statusCode(201);
        site.request(visitor).body(Map.of("externalId", "u-9", "email", "eve@example.com", "signature",
                HmacSha256.hex(site.identitySecret().getBytes(StandardCharsets.UTF_8), "u-9".getBytes(StandardCharsets.UTF_8))))
                .post("/api/visitors/identify").then().statusCode(200);
        String admin = Widget.admin(site.org());

        given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/" + visitor + "/export").then().statusCode(403);
        given().auth().oauth2(Widget.admin("org-gdpr-other")).get("/api/visitors/" + visitor + "/export").then().statusCode(404);
        given().auth().oauth2(admin).get("/api/visitors/" + visitor + "/export").then().statusCode(200)
                .body("visitor.id", equalTo(visitor)).body("pageViews[0].url", containsString("/private-page"))
                .body("messages[0].body", equalTo("My account number is 42")).body("conversations", hasSize(1))
                .body("contact.email", equalTo("eve@example.com")).body("invites", hasSize(0));

        given().auth().oauth2(Widget.admin("org-gdpr-other")).delete("/api/visitors/" + visitor).then().statusCode(404);
        given().auth().oauth2(admin).delete("/api/visitors/" + visitor).then().statusCode(204);
        UUID id = UUID.fromString(visitor.substring(2));
        assertEquals(0, db.count("SELECT count(*) FROM visitor WHERE id = ?", id));
        assertEquals(0, db.count("SELECT count(*) FROM page_view WHERE visitor_id = ?", id));
        assertEquals(0, db.count("SELECT count(*) FROM conversation WHERE visitor_id = ?", id));
        assertEquals(0, db.count("SELECT count(*) FROM contact WHERE external_id = 'u-9'"));
        given().auth().oauth2(admin).get("/api/visitors/" + visitor).then().statusCode(404);
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            String erased = KafkaTestClient.value(kafka.await("frontdesk.visitors",
                    KafkaTestClient.event("frontdesk.visitor.erased.v1", visitor), 1, Duration.ofSeconds(30)).get(0));
            assertThat(erased, equalTo("{\"visitorId\":\"" + visitor + "\",\"org\":\"org-gdpr-1\"}"));
        }
    }

    @Test
    void retentionPurgesOnlyAnonymousVisitorsPastTheirOrganizationsSetting() {
        Widget site = Widget.create("org-ret-1", "www.ret1.example");
        given().auth().oauth2(Widget.admin(site.org())).contentType("application/json").body(Map.of("retentionDays", 30))
                .put("/api/sites/organization").then().statusCode(200).body("retentionDays", equalTo(30));
        given().auth().oauth2(Widget.admin(site.org())).contentType("application/json").body(Map.of("retentionDays", 0))
                .put("/api/sites/organization").then().statusCode(400);
        Widget defaults = Widget.create("org-ret-2", "www.ret2.example"); // 90 days

        String old = site.view(null, "/");
        String known = site.view(null, "/");
        site.request(known).body(Map.of("externalId", "kept", "signature",
                HmacSha256.hex(site.identitySecret().getBytes(StandardCharsets.UTF_8), "kept".getBytes(StandardCharsets.UTF_8))))
                .post("/api/visitors/identify").then().statusCode(200);
        String otherOrg = defaults.view(null, "/");
        clock.advance(Duration.ofDays(20));
        String recent = site.view(null, "/");

        clock.advance(Duration.ofDays(11)); // old: 31 days, recent: 11 days, otherOrg: 31 of 90 days
        // The scheduled run (30 s after start, on the same moved clock) may share the work with this one, as another
        // replica's would (SKIP LOCKED): what counts is that the old visitor goes, whichever run takes it.
        retention.run().await().indefinitely();
        await().atMost(Duration.ofSeconds(10)).until(() -> count(old) == 0);
        assertEquals(1, count(known));
        assertEquals(1, count(recent));
        assertEquals(1, count(otherOrg));
        assertEquals(0, (int) retention.run().await().indefinitely());
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            kafka.await("frontdesk.visitors", KafkaTestClient.event("frontdesk.visitor.erased.v1", old), 1, Duration.ofSeconds(30));
        }
    }

    private long count(String visitor) {
        return db.count("SELECT count(*) FROM visitor WHERE id = ?", UUID.fromString(visitor.substring(2)));
    }
}

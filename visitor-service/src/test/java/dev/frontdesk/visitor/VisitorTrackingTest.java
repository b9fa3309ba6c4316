package dev.frontdesk.visitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
import dev.frontdesk.visitor.visitors.PresenceJob;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class VisitorTrackingTest {

    private static final String ID = "v_[0-9a-f-]{36}";

    @Inject
    TestClock clock;

    @Inject
    PresenceJob presence;

    private final TestDatabase db = TestDatabase.forSchema("visitor");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aFirstPageViewIssuesAnIdAndAnnouncesTheVisitor() {
        Widget site = Widget.create("org-track-1", "shop.track1.example");
        String id = site.request(null).body(Map.of("type", "page_view", "url", "https://shop.track1.example/pricing",
                "title", "Pricing", "referrer", "https://google.com/", "company", "Acme", "timezone", "Europe/Berlin"))
                .post("/api/visitors/track").then().statusCode(200)
                .header("X-Visitor-Id", matchesPattern(ID)).header("Access-Control-Allow-Origin", "https://shop.track1.example")
                .body("issued", equalTo(true)).body("recorded", equalTo(true))
                .extract().path("visitorId");
        assertThat(id, matchesPattern(ID));

        // The same browser keeps its id; a second page view counts.
        site.request(id).body(Map.of("type", "page_view", "url", "https://shop.track1.example/checkout"))
                .post("/api/visitors/track").then().statusCode(200).body("visitorId", equalTo(id)).body("issued", equalTo(false));

        given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/" + id).then().statusCode(200)
                .body("state", equalTo("active")).body("pageViews", equalTo(2)).body("visitPageViews", equalTo(2))
                .body("currentUrl", equalTo("https://shop.track1.example/checkout")).body("company", equalTo("Acme"))
                .body("timezone", equalTo("Europe/Berlin")).body("referrer", equalTo("https://google.com/"))
                .body("returning", equalTo(false)).body("visits", equalTo(1));
        given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/" + id + "/pages").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].url", equalTo("https://shop.track1.example/checkout"))
                .body("items[1].url", equalTo("https://shop.track1.example/pricing"))
                .body("items[1].seconds", notNullValue());

        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            String seen = KafkaTestClient.value(kafka.await("frontdesk.visitors",
                    KafkaTestClient.event("frontdesk.visitor.seen.v1", id).and(r -> KafkaTestClient.value(r).contains("checkout")),
                    1, Duration.ofSeconds(30)).get(0));
            assertThat(seen, allOf(containsString("\"state\":\"active\""), containsString("\"org\":\"org-track-1\""),
                    containsString("\"visitPageViews\":2")));
        }
    }

    @Test
    void concurrentHeartbeatsSharingCommitsEachGetTheirOwnOutcome() throws Exception {
        Widget shop = Widget.create("org-track-burst", "shop.burst.example");
        Widget other = Widget.create("org-track-burst", "other.burst.example");
        java.util.List<String> own = new java.util.ArrayList<>();
        java.util.List<String> foreign = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            own.add(shop.view(null, "/p" + i));
            foreign.add(other.view(null, "/p" + i));
        }
        long foreignSeen = db.count("SELECT sum(extract(epoch FROM last_seen_at) * 1000000)::bigint FROM visitor "
                + "WHERE site_id = ?::uuid", other.siteId());
        // Heartbeats on the shop's site at once, so that the service writes many of them per commit (in visitor id
        // order, not the order they came in): the shop's visitors keep their ids, the other site's get new ones.
        java.util.concurrent.ExecutorService browsers = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            java.util.List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 20; i++) {
                    for (String id : java.util.List.of(own.get(i), foreign.get(i))) {
                        answers.add(browsers.submit(() -> shop.request(id)
                                .body(Map.of("type", "heartbeat", "visible", true)).post("/api/visitors/track")));
                    }
                }
            }
            int issued = 0;
            for (int i = 0; i < answers.size(); i++) {
                io.restassured.response.Response answer = answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode(), answer.asString());
                String sent = (i % 2 == 0 ? own : foreign).get((i / 2) % 20);
                if (i % 2 == 0) {
                    assertEquals(sent, answer.path("visitorId"), "a shop visitor keeps its id");
                    assertEquals(false, (Boolean) answer.path("issued"));
                } else {
                    assertNotEquals(sent, answer.path("visitorId"), "another site's visitor is not this site's");
                    assertEquals(true, (Boolean) answer.path("issued"));
                    issued++;
                }
            }
            assertEquals(40, issued);
        } finally {
            browsers.shutdownNow();
        }
        assertEquals(20, db.count("SELECT count(*) FROM visitor WHERE site_id = ?::uuid AND id::text = ANY (?)",
                shop.siteId(), own.stream().map(id -> id.substring(2)).toArray(String[]::new)));
        assertEquals(foreignSeen, db.count("SELECT sum(extract(epoch FROM last_seen_at) * 1000000)::bigint FROM visitor "
                + "WHERE site_id = ?::uuid", other.siteId()), "the other site's visitors were left alone");
        assertEquals(60, db.count("SELECT count(*) FROM visitor WHERE site_id = ?::uuid", shop.siteId()),
                "the shop's 20 visitors and the 40 it issued");
    }

    @Test
    void onlyVisibleTimeCountsAndEachIntervalIsCapped() {
        Widget site = Widget.create("org-track-2", "www.track2.example");
        String id = site.view(null, "/");
        clock.advance(Duration.ofSeconds(20));
        site.heartbeat(id, true); // +20 s (visible since the page view)
        clock.advance(Duration.ofSeconds(30));
        site.heartbeat(id, false); // +30 s (visible until now), hidden from now on
        clock.advance(Duration.ofSeconds(40));
        site.heartbeat(id, true); // +0: hidden during the interval
        clock.advance(Duration.ofMinutes(5));
        site.heartbeat(id, true); // +60 s: capped

        int seconds = given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/" + id).then().statusCode(200)
                .body("pageViews", equalTo(1)).extract().path("timeOnSiteSeconds");
        assertThat(seconds, allOf(greaterThanOrEqualTo(110), lessThan(113)));
    }

    @Test
    void aVisitAfterThirtyQuietMinutesMakesAReturningVisitor() {
        Widget site = Widget.create("org-track-3", "www.track3.example");
        String once = site.view(null, "/a");
        String twice = site.view(null, "/a");
        clock.advance(Duration.ofHours(2));
        site.view(twice, "/b");
        clock.advance(Duration.ofHours(4));
        site.view(twice, "/c");

        given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/" + twice).then().statusCode(200)
                .body("visits", equalTo(3)).body("returning", equalTo(true)).body("visitPageViews", equalTo(1))
                .body("pageViews", equalTo(3));
        // 2 unique visitors, 1 returning; gaps 2 h and 4 h → mean 3 h.
        given().auth().oauth2(Widget.staff(site.org())).queryParam("siteId", site.siteId())
                .get("/api/visitors/stats").then().statusCode(200)
                .body("uniqueVisitors", equalTo(2)).body("returningVisitors", equalTo(1)).body("newVisitors", equalTo(1))
                .body("returnRate", equalTo(0.5f)).body("visits", equalTo(4))
                .body("meanSecondsBetweenVisits", allOf(org.hamcrest.Matchers.greaterThan(10795f), lessThan(10805f)));
        assertNotEquals(once, twice);
    }

    @Test
    void presenceGoesIdleThenLeftAndBackWithEvents() {
        Widget site = Widget.create("org-track-4", "www.track4.example");
        String id = site.view(null, "/");
        String staff = Widget.staff(site.org());
        given().auth().oauth2(staff).get("/api/visitors/live").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(id));

        clock.advance(Duration.ofMinutes(11));
        presence.settle().await().indefinitely();
        given().auth().oauth2(staff).get("/api/visitors/" + id).then().body("state", equalTo("idle"));
        given().auth().oauth2(staff).queryParam("state", "idle").get("/api/visitors").then().body("items.id", org.hamcrest.Matchers.hasItem(id));

        clock.advance(Duration.ofMinutes(10));
        presence.settle().await().indefinitely();
        given().auth().oauth2(staff).get("/api/visitors/" + id).then().body("state", equalTo("left"));
        given().auth().oauth2(staff).get("/api/visitors/live").then().body("items.id", not(org.hamcrest.Matchers.hasItem(id)));

        // Back with a visible heartbeat only: the job announces it.
        site.heartbeat(id, true);
        presence.settle().await().indefinitely();
        given().auth().oauth2(staff).get("/api/visitors/" + id).then().body("state", equalTo("active"));

        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            kafka.await("frontdesk.visitors", KafkaTestClient.event("frontdesk.visitor.idle.v1", id), 1, Duration.ofSeconds(30));
            kafka.await("frontdesk.visitors", KafkaTestClient.event("frontdesk.visitor.left.v1", id), 1, Duration.ofSeconds(30));
            // The page view and the return.
            kafka.await("frontdesk.visitors", KafkaTestClient.event("frontdesk.visitor.seen.v1", id), 2, Duration.ofSeconds(30));
        }
        // The row records what dashboards were told last.
        assertEquals(1, db.count("SELECT count(*) FROM visitor WHERE id = ? AND state = 'active'", UUID.fromString(id.substring(2))));
    }

    @Test
    void searchFiltersByStateCompanyAndPage() {
        Widget site = Widget.create("org-track-5", "www.track5.example");
        String acme = site.request(null).body(Map.of("type", "page_view", "url", "https://www.track5.example/docs/api",
                "company", "Acme 100%")).post("/api/visitors/track").then().statusCode(200).extract().path("visitorId");
        String globex = site.request(null).body(Map.of("type", "page_view", "url", "https://www.track5.example/pricing",
                "company", "Globex")).post("/api/visitors/track").then().statusCode(200).extract().path("visitorId");
        String staff = Widget.staff(site.org());
        given().auth().oauth2(staff).queryParam("company", "acme 100%").get("/api/visitors").then().statusCode(200)
                .body("items.id", equalTo(java.util.List.of(acme)));
        given().auth().oauth2(staff).queryParam("url", "/pricing").get("/api/visitors").then()
                .body("items.id", equalTo(java.util.List.of(globex)));
        given().auth().oauth2(staff).queryParam("state", "active").get("/api/visitors").then().body("total", equalTo(2));
        given().auth().oauth2(staff).queryParam("state", "left").get("/api/visitors").then().body("total", equalTo(0));
        given().auth().oauth2(staff).queryParam("state", "asleep").get("/api/visitors").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void requestsFromElsewhereOrForInactiveSitesAreRefusedAndNothingIsStored() {
        Widget site = Widget.create("org-track-6", "www.track6.example");
        long before = db.count("SELECT count(*) FROM visitor WHERE org_id = 'org-track-6'");
        given().header("X-Org-Key", site.key()).header("Origin", "https://evil.example").contentType("application/json")
                .body(Map.of("type", "page_view", "url", "https://evil.example/")).post("/api/visitors/track")
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("X-Org-Key", "pk_unknown").header("Origin", site.origin()).contentType("application/json")
                .body(Map.of("type", "heartbeat")).post("/api/visitors/track").then().statusCode(401);
        given().header("Origin", site.origin()).contentType("application/json")
                .body(Map.of("type", "heartbeat")).post("/api/visitors/track").then().statusCode(401);
        // A bot is answered but not recorded.
        given().header("X-Org-Key", site.key()).header("Origin", site.origin()).contentType("application/json")
                .header("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)")
                .body(Map.of("type", "page_view", "url", "https://www.track6.example/")).post("/api/visitors/track")
                .then().statusCode(200).body("recorded", equalTo(false));
        assertEquals(before, db.count("SELECT count(*) FROM visitor WHERE org_id = 'org-track-6'"));

        // Deactivated: refused at once on this replica.
        given().auth().oauth2(Widget.admin(site.org())).contentType("application/json")
                .body(Map.of("name", "Off", "allowedDomains", java.util.List.of("www.track6.example"), "active", false))
                .put("/api/sites/" + site.siteId()).then().statusCode(200).body("active", equalTo(false));
        site.request(null).body(Map.of("type", "page_view", "url", "https://www.track6.example/"))
                .post("/api/visitors/track").then().statusCode(403);
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            kafka.await("frontdesk.sites", r -> site.siteId().equals(r.key()) && KafkaTestClient.value(r).contains("\"active\":false"),
                    1, Duration.ofSeconds(30));
        }
    }

    @Test
    void badInputIsA4xxAndStoresNothing() {
        Widget site = Widget.create("org-track-7", "www.track7.example");
        site.request(null).body("{\"type\":\"page_view\",\"url\":\"https://www.track7.example/\",\"colour\":\"red\"}")
                .post("/api/visitors/track").then().statusCode(400).contentType("application/problem+json");
        site.request(null).body("{\"type\":\"heartbeat\",\"visible\":\"very\"}")
                .post("/api/visitors/track").then().statusCode(400).contentType("application/problem+json");
        site.request(null).body("{\"type\":\"jump\"}").post("/api/visitors/track").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("type"));
        site.request(null).body("{\"type\":\"page_view\"}").post("/api/visitors/track").then().statusCode(400);
        site.request(null).body("not json").post("/api/visitors/track").then().statusCode(400);
        site.request(null).body("{\"type\":\"page_view\",\"url\":\"https://www.track7.example/" + "x".repeat(1_100_000) + "\"}")
                .post("/api/visitors/track").then().statusCode(413);
        assertEquals(0, db.count("SELECT count(*) FROM visitor WHERE org_id = 'org-track-7'"));

        // A malformed id is replaced, not an error.
        site.request("12345").body(Map.of("type", "heartbeat")).post("/api/visitors/track").then().statusCode(200)
                .body("issued", equalTo(true)).body("visitorId", matchesPattern(ID));
    }

    @Test
    void aLocalDevelopmentSiteWithAPortIsAllowed() {
        Widget site = Widget.create("org-track-12", "localhost:3000");
        given().header("X-Org-Key", site.key()).header("Origin", "http://localhost:3000").contentType("application/json")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0")
                .body(Map.of("type", "page_view", "url", "http://localhost:3000/")).post("/api/visitors/track")
                .then().statusCode(200).body("recorded", equalTo(true));
    }

    @Test
    void anotherSitesVisitorIdIsNeverTouched() {
        Widget mine = Widget.create("org-track-8", "www.track8.example");
        Widget theirs = Widget.create("org-track-8b", "www.track8b.example");
        String theirVisitor = theirs.view(null, "/secret");
        String answered = mine.request(theirVisitor).body(Map.of("type", "page_view", "url", "https://www.track8.example/"))
                .post("/api/visitors/track").then().statusCode(200).body("issued", equalTo(true)).extract().path("visitorId");
        assertNotEquals(theirVisitor, answered);
        given().auth().oauth2(Widget.staff(theirs.org())).get("/api/visitors/" + theirVisitor).then()
                .body("pageViews", equalTo(1)).body("currentUrl", equalTo("https://www.track8b.example/secret"));
        given().auth().oauth2(Widget.staff(mine.org())).get("/api/visitors/" + theirVisitor).then().statusCode(404);
        given().auth().oauth2(Widget.staff(mine.org())).get("/api/visitors/" + theirVisitor + "/pages").then().statusCode(404);
    }

    @Test
    void aBeaconPageLeaveCarriesKeyAndIdInItsBody() {
        Widget site = Widget.create("org-track-9", "www.track9.example");
        String id = site.view(null, "/article");
        clock.advance(Duration.ofSeconds(15));
        given().header("Origin", site.origin()).contentType("text/plain;charset=UTF-8")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0")
                .body("{\"type\":\"page_leave\",\"siteKey\":\"" + site.key() + "\",\"visitorId\":\"" + id + "\"}")
                .post("/api/visitors/track").then().statusCode(200).body("visitorId", equalTo(id));
        given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/" + id + "/pages").then()
                // 15 s moved by the test clock, plus the real time the two requests took (the clock follows it).
                .body("items[0].leftAt", notNullValue())
                .body("items[0].seconds", org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(15))
                        .and(org.hamcrest.Matchers.lessThan(25)));
        // A preflight from any origin is answered; the request itself is what is checked.
        given().header("Origin", site.origin()).header("Access-Control-Request-Method", "POST")
                .options("/api/visitors/track").then().statusCode(204)
                .header("Access-Control-Allow-Headers", containsString("X-Visitor-Id"));
    }

    @Test
    void identifyMergesAnonymousHistoryButNeverTwoContacts() {
        Widget site = Widget.create("org-track-10", "www.track10.example");
        String laptop = site.view(null, "/before-login");
        String phone = site.view(null, "/on-the-phone");
        String staff = Widget.staff(site.org());

        site.request(laptop).body(identity(site, "user-1", "forged")).post("/api/visitors/identify").then().statusCode(400);
        site.request(laptop).body(Map.of("externalId", "user-1", "signature", "0".repeat(64)))
                .post("/api/visitors/identify").then().statusCode(403);
        site.request(laptop).body(identity(site, "user-1", null)).post("/api/visitors/identify").then().statusCode(200)
                .body("outcome", equalTo("IDENTIFIED")).body("visitorId", equalTo(laptop));
        site.request(phone).body(identity(site, "user-1", null)).post("/api/visitors/identify").then().statusCode(200)
                .body("outcome", equalTo("IDENTIFIED"));
        // The contact's history: both browsers' pages.
        given().auth().oauth2(staff).get("/api/visitors/" + laptop + "/pages").then().body("total", equalTo(2));
        given().auth().oauth2(staff).get("/api/visitors/" + laptop).then().body("contact.externalId", equalTo("user-1"))
                .body("contact.name", equalTo("Ada"));
        given().auth().oauth2(staff).queryParam("q", "ada@").get("/api/visitors").then().body("total", equalTo(2));

        // Someone else logs in on the laptop: a new visitor, user-1's history stays with user-1.
        String other = site.request(laptop).body(identity(site, "user-2", null)).post("/api/visitors/identify").then()
                .statusCode(200).body("outcome", equalTo("SWITCHED")).extract().path("visitorId");
        assertNotEquals(laptop, other);
        given().auth().oauth2(staff).get("/api/visitors/" + laptop).then().body("contact.externalId", equalTo("user-1"));
        given().auth().oauth2(staff).get("/api/visitors/" + other).then().body("contact.externalId", equalTo("user-2"));
        given().auth().oauth2(staff).get("/api/visitors/" + other + "/pages").then().body("total", equalTo(0));
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            kafka.await("frontdesk.visitors", KafkaTestClient.event("frontdesk.visitor.identified.v1", laptop), 1, Duration.ofSeconds(30));
        }
    }

    private static Map<String, Object> identity(Widget site, String externalId, String signature) {
        return Map.of("externalId", externalId, "email", "ada@example.com", "name", "Ada", "signature",
                signature != null ? signature : HmacSha256.hex(site.identitySecret().getBytes(StandardCharsets.UTF_8),
                        externalId.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void onlyStaffOfTheOrganizationReadVisitors() {
        Widget site = Widget.create("org-track-11", "www.track11.example");
        String id = site.view(null, "/");
        given().get("/api/visitors/" + id).then().statusCode(401);
        given().auth().oauth2(dev.frontdesk.platform.testing.DevTokens.mint(site.org(), "client-1", "client"))
                .get("/api/visitors/" + id).then().statusCode(403);
        given().auth().oauth2(Widget.staff("org-somebody-else")).get("/api/visitors/" + id).then().statusCode(404);
        given().auth().oauth2(Widget.staff(site.org())).get("/api/visitors/not-an-id").then().statusCode(400);
        given().auth().oauth2(Widget.staff("org-somebody-else")).get("/api/visitors").then().body("items", hasSize(0));
    }
}

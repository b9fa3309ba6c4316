package dev.frontdesk.visitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.testing.Fixtures;
import dev.frontdesk.platform.testing.TestDatabase;
import dev.frontdesk.platform.testing.RandomText;
import dev.frontdesk.platform.webhook.HmacSha256;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Inputs as real browsers, sites and the seed send them: hostile text in tracking data (stored cleaned and cut,
 * never refused, never a 5xx), placeholder identities, user agents of phones and crawlers, allowed domains with
 * ports, and the seed's invite body.
 */
@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class RealWorldInputTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String PHONE = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0.0.0 Mobile Safari/537.36";

    private final TestDatabase db = TestDatabase.forSchema("visitor");

    /** One page view with a hostile value (as JSON text) and what must be stored for it. */
    record Case(String name, String field, String json, String column, String stored) {
    }

    @Test
    void hostileTextFromBrowsersIsStoredCleanedAndCut() {
        Widget site = Widget.create("org-rw-1", "www.rw1.example");
        String page = "https://www.rw1.example/cart?gclid=";
        String clickIds = "Cj0KCQiA".repeat(1000);
        List<Case> cases = List.of(
                new Case("a URL of 8 KB (click ids, cart state)", "url", "\"" + page + clickIds + "\"", "pv.url",
                        (page + clickIds).substring(0, 4096)),
                new Case("a NUL escape in the URL", "url", "\"https://www.rw1.example/a\\u0000b\"", "pv.url",
                        "https://www.rw1.example/ab"),
                new Case("a NUL in the title", "title", "\"Spring\\u0000sale\"", "pv.title", "Springsale"),
                new Case("C0 controls in the title, tab kept", "title", "\"a\\u0001\\u0008\\u001fb\\tc\"", "pv.title",
                        "ab\tc"),
                new Case("an unpaired surrogate in the title", "title", "\"caf\\ud800\"", "pv.title", "caf\ufffd"),
                new Case("a title of 600 characters", "title", "\"" + "T".repeat(600) + "\"", "pv.title", "T".repeat(512)),
                new Case("an emoji on the cut", "title", "\"" + "T".repeat(511) + "\\ud83d\\ude00\"", "pv.title",
                        "T".repeat(511)),
                new Case("a referrer of 5,000 characters", "referrer", "\"https://google.com/?q=" + "q".repeat(5000) + "\"",
                        "pv.referrer", ("https://google.com/?q=" + "q".repeat(5000)).substring(0, 4096)),
                new Case("a NUL and 300 characters in the company", "company", "\"Acme\\u0000" + "c".repeat(300) + "\"",
                        "v.company", ("Acme" + "c".repeat(300)).substring(0, 200)));
        for (Case c : cases) {
            for (String type : List.of("application/json", "text/plain;charset=UTF-8")) {
                String url = c.field().equals("url") ? "" : "\"url\":\"https://www.rw1.example/p\",";
                String body = "{\"type\":\"page_view\"," + url + "\"siteKey\":\"" + site.key() + "\",\"" + c.field()
                        + "\":" + c.json() + "}";
                String visitor = given().header("Origin", site.origin()).header("User-Agent", PHONE).contentType(type)
                        .body(body).post("/api/visitors/track").then().statusCode(200)
                        .body("recorded", equalTo(true)).extract().path("visitorId");
                assertEquals(c.stored(), db.text("SELECT " + c.column() + " FROM page_view pv JOIN visitor v ON v.id = "
                        + "pv.visitor_id WHERE v.id = ?", uuid(visitor)), c.name() + " as " + type);
            }
        }
    }

    @Test
    void oddButRealUserAgentsAreKeptCut() {
        Widget site = Widget.create("org-rw-2", "www.rw2.example");
        String inApp = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Mobile/15E148 [FBAN/FBIOS;FBAV/444.0.0.32.118;FBBV/553395185;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;"
                + "FBSV/17.2;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/5;" + "FBRV/0;".repeat(80) + "]";
        String webView = "Mozilla/5.0 (Linux; Android 12; moto g(60) Build/S2RI32.32-20-9; wv)\tAppleWebKit/537.36 "
                + "(KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36";
        for (String[] agent : List.of(new String[] { inApp, inApp.substring(0, 512) }, new String[] { webView, webView })) {
            String visitor = given().header("X-Org-Key", site.key()).header("Origin", site.origin())
                    .header("User-Agent", agent[0]).contentType("application/json")
                    .body(Map.of("type", "page_view", "url", site.origin() + "/")).post("/api/visitors/track").then()
                    .statusCode(200).body("recorded", equalTo(true)).extract().path("visitorId");
            assertEquals(agent[1], db.text("SELECT user_agent FROM visitor WHERE id = ?", uuid(visitor)));
        }
    }

    @Test
    void randomTextInEveryTrackedFieldNeverGivesA5xx() {
        Widget site = Widget.create("org-rw-3", "www.rw3.example");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int recorded = 0;
        for (int run = 0; run < 150; run++) {
            StringBuilder body = new StringBuilder("{\"type\":\"page_view\",\"siteKey\":\"" + site.key() + "\"");
            body.append(",\"url\":").append(random.nextInt(4) == 0 ? RandomText.json(random, 100)
                    : "\"https://www.rw3.example/" + RandomText.json(random, random.nextInt(5) == 0 ? 9000 : 60).substring(1));
            for (String field : List.of("title", "referrer", "timezone", "locale", "company", "website", "country", "city")) {
                if (random.nextBoolean()) {
                    body.append(",\"").append(field).append("\":").append(RandomText.json(random, random.nextInt(6) == 0 ? 3000 : 60));
                }
            }
            body.append('}');
            int status = given().header("Origin", site.origin()).header("User-Agent", PHONE + " " + run)
                    .contentType(random.nextBoolean() ? "application/json" : "text/plain;charset=UTF-8")
                    .body(body.toString()).post("/api/visitors/track").then().extract().statusCode();
            if (status >= 500 && failures.size() < 3) {
                failures.add("seed " + seed + ", run " + run + ": " + status + " for "
                        + body.substring(0, Math.min(body.length(), 300)));
            }
            recorded += status == 200 ? 1 : 0;
        }
        assertEquals(List.of(), failures);
        assertTrue(recorded > 50, recorded + " of 150 recorded (seed " + seed + ")");
        assertEquals(0, db.count("SELECT count(*) FROM page_view pv JOIN visitor v ON v.id = pv.visitor_id "
                + "WHERE v.org_id = 'org-rw-3' AND (length(pv.url) > 4096 OR length(pv.title) > 512 "
                + "OR length(pv.referrer) > 4096 OR length(v.company) > 200 OR length(v.city) > 100)"), "seed " + seed);
    }

    /** c10: the site's backend signed String(user.id) before the user was loaded, in two people's browsers. */
    @Test
    void c10APlaceholderIdentityFromTwoBrowsersIsRefusedAndMergesNobody() {
        Widget site = Widget.create("org-rw-4", "www.rw4.example");
        String pageView = Fixtures.text("real-world/c10-page-view.json").replace("__HOST__", "www.rw4.example");
        String identify = Fixtures.text("real-world/c10-identify-undefined.json").replace("__SIGNATURE__",
                HmacSha256.hex(site.identitySecret().getBytes(StandardCharsets.UTF_8),
                        "undefined".getBytes(StandardCharsets.UTF_8)));
        for (int browser = 0; browser < 2; browser++) {
            String visitor = site.request(null).body(pageView).post("/api/visitors/track").then().statusCode(200)
                    .body("recorded", equalTo(true)).extract().path("visitorId");
            site.request(visitor).body(identify).post("/api/visitors/identify").then().statusCode(400)
                    .contentType(PROBLEM).body("errors[0].field", equalTo("externalId"))
                    .body("detail", containsString("placeholder"));
            assertEquals(0, db.count("SELECT count(*) FROM visitor WHERE id = ? AND contact_id IS NOT NULL", uuid(visitor)));
        }
        assertEquals(2, db.count("SELECT count(*) FROM visitor WHERE org_id = 'org-rw-4'"));
        assertEquals(0, db.count("SELECT count(*) FROM contact WHERE org_id = 'org-rw-4'"));
        assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE type = 'frontdesk.visitor.identified.v1' "
                + "AND payload::text LIKE '%org-rw-4%'"));
    }

    @Test
    void everyPlaceholderIdIsRefusedAndRealIdsAreNot() {
        Widget site = Widget.create("org-rw-5", "www.rw5.example");
        for (String placeholder : List.of("undefined", "UNDEFINED", " undefined ", "null", "Null", "nil", "<nil>", "None",
                "NaN", "[object Object]", "[object Undefined]", "{}", "[]", "false", "0", "-1", "anonymous", "Anonymous",
                "anon", "guest", "GUEST", "unknown", "user", "visitor", "n/a", "N/A", "na", "nobody", "default")) {
            String visitor = site.view(null, "/");
            site.request(visitor).body(identity(site, placeholder)).post("/api/visitors/identify").then()
                    .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("externalId"));
        }
        for (String blank : List.of("", "   ")) {
            site.request(site.view(null, "/")).body(identity(site, blank)).post("/api/visitors/identify").then()
                    .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("externalId"));
        }
        assertEquals(0, db.count("SELECT count(*) FROM contact WHERE org_id = 'org-rw-5'"));
        for (String real : List.of("user-1", "undefined-42", "00", "10", "nullable", "guest-7", "42")) {
            site.request(site.view(null, "/")).body(identity(site, real)).post("/api/visitors/identify").then()
                    .statusCode(200).body("outcome", equalTo("IDENTIFIED"));
        }
        assertEquals(7, db.count("SELECT count(*) FROM contact WHERE org_id = 'org-rw-5'"));
    }

    @Test
    void identifyTraitsAreCleanedButTheSignedIdMustBeExact() {
        Widget site = Widget.create("org-rw-6", "www.rw6.example");
        String visitor = site.view(null, "/");
        Map<String, Object> ada = new java.util.HashMap<>(identity(site, "user-6"));
        ada.put("name", "Ada\u0000 " + "L".repeat(300));
        site.request(visitor).body(ada).post("/api/visitors/identify").then().statusCode(200);
        assertEquals(("Ada " + "L".repeat(300)).substring(0, 200),
                db.text("SELECT name FROM contact WHERE org_id = 'org-rw-6' AND external_id = 'user-6'"));

        site.request(site.view(null, "/")).body(identity(site, "user\u00007")).post("/api/visitors/identify").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("externalId"))
                .body("detail", containsString("NUL"));
        assertEquals(1, db.count("SELECT count(*) FROM contact WHERE org_id = 'org-rw-6'"));
    }

    @Test
    void phonesAndBrowsersAreRecordedAndCrawlersAreNot() {
        Widget site = Widget.create("org-rw-7", "www.rw7.example");
        for (String browser : List.of(PHONE,
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
                "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
                "Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.0.0 Mobile Safari/537.36",
                "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko")) {
            track(site, browser).then().statusCode(200).body("recorded", equalTo(true));
        }
        for (String crawler : List.of("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "curl/8.4.0",
                "python-requests/2.31.0",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36")) {
            track(site, crawler).then().statusCode(200).body("recorded", equalTo(false));
        }
        assertEquals(5, db.count("SELECT count(*) FROM visitor WHERE org_id = 'org-rw-7'"));
    }

    @Test
    void anAllowedDomainWithAPortAllowsThatPortOnly() {
        String key = given().auth().oauth2(Widget.admin("org-rw-8")).contentType("application/json")
                .body(Map.of("name", "Dev", "allowedDomains", List.of("localhost:3000", "shop.rw8.example:8443",
                        "*.blog.rw8.example")))
                .post("/api/sites").then().statusCode(201).extract().path("site.publishableKey");
        Map<String, Integer> origins = Map.of("http://localhost:3000", 200, "http://localhost:4000", 403,
                "http://localhost", 403, "https://shop.rw8.example:8443", 200, "https://shop.rw8.example", 403,
                "https://shop.rw8.example:443", 403, "https://a.blog.rw8.example", 200, "https://blog.rw8.example", 403);
        origins.forEach((origin, status) -> given().header("X-Org-Key", key)
                .header("Origin", origin).header("User-Agent", PHONE).contentType("application/json")
                .body(Map.of("type", "heartbeat")).post("/api/visitors/track").then().statusCode(status));
        given().auth().oauth2(Widget.admin("org-rw-8")).contentType("application/json")
                .body(Map.of("name", "Bad", "allowedDomains", List.of("localhost:99999"))).post("/api/sites").then()
                .statusCode(400).body("errors.field", hasItem("allowedDomains[0]"));
    }

    @Test
    void theSeedInviteBodyWithItsApiKeyIsAccepted() {
        Widget site = Widget.create("org-rw-9", "www.rw9.example");
        Widget other = Widget.create("org-rw-9", "www.rw9b.example");
        String visitor = site.view(null, "/");
        String staff = Widget.staff(site.org());
        Map<String, Object> video = Map.of("sessionId", "sess-rw9", "roomId", "room-rw9",
                "hostUrl", "https://meet.example/room-rw9?t=host", "guestUrl", "https://meet.example/room-rw9");
        given().auth().oauth2(staff).contentType("application/json")
                .body(Map.of("apiKey", other.key(), "visitorId", visitor, "videoData", video, "status", "invited"))
                .post("/api/visitors/invites").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("apiKey"));
        assertEquals(0, db.count("SELECT count(*) FROM invite WHERE org_id = 'org-rw-9'"));
        given().auth().oauth2(staff).contentType("application/json")
                .body(Map.of("apiKey", site.key(), "visitorId", visitor, "videoData", video, "status", "invited"))
                .post("/api/visitors/invites").then().statusCode(200).body("status", equalTo("invited"))
                .body("sessionId", equalTo("sess-rw9"));
        given().auth().oauth2(staff).contentType("application/json")
                .body(Map.of("apiKey", site.key(), "visitorId", visitor, "videoData", video, "status", "accepted"))
                .post("/api/visitors/invites").then().statusCode(200).body("status", equalTo("accepted"));
        assertEquals(1, db.count("SELECT count(*) FROM invite WHERE org_id = 'org-rw-9' AND status = 'accepted'"));
    }

    /** An unknown field is a problem naming it, never an empty 400: every JSON body the service reads. */
    @Test
    void anUnknownFieldIsAProblemThatNamesIt() {
        Widget site = Widget.create("org-rw-10", "www.rw10.example");
        String visitor = site.view(null, "/");
        String admin = Widget.admin(site.org());
        String staff = Widget.staff(site.org());
        String conversation = site.request(visitor).body(Map.of("subject", "Hi")).post("/api/conversations").then()
                .statusCode(201).extract().path("id");
        String video = "{\"sessionId\":\"s-rw10\",\"roomId\":\"r\",\"hostUrl\":\"https://m.example/r?h\",\"guestUrl\":\"https://m.example/r\"";
        record Attempt(RequestSpecification request, String path, String body, String field) {
        }
        List<Attempt> attempts = List.of(
                new Attempt(given().auth().oauth2(admin), "/api/sites", "{\"name\":\"a\",\"allowedDomains\":[\"a.example\"],\"colour\":1}", "colour"),
                new Attempt(given().auth().oauth2(admin), "/api/sites/organization", "{\"name\":\"a\",\"colour\":1}", "colour"),
                new Attempt(given().auth().oauth2(staff), "/api/visitors/" + visitor + "/invites", "{\"message\":\"a\",\"colour\":1}", "colour"),
                new Attempt(given().auth().oauth2(staff), "/api/visitors/invites",
                        "{\"visitorId\":\"" + visitor + "\",\"videoData\":" + video + "},\"colour\":1}", "colour"),
                new Attempt(given().auth().oauth2(staff), "/api/visitors/invites",
                        "{\"visitorId\":\"" + visitor + "\",\"videoData\":" + video + ",\"colour\":1}}", "videoData.colour"),
                new Attempt(site.request(visitor), "/api/visitors/track", "{\"type\":\"heartbeat\",\"colour\":1}", "colour"),
                new Attempt(site.request(visitor), "/api/visitors/identify",
                        "{\"externalId\":\"u\",\"signature\":\"" + "0".repeat(64) + "\",\"colour\":1}", "colour"),
                new Attempt(site.request(visitor), "/api/conversations", "{\"subject\":\"a\",\"colour\":1}", "colour"),
                new Attempt(site.request(visitor), "/api/conversations/" + conversation + "/messages",
                        "{\"text\":\"a\",\"colour\":1}", "colour"));
        for (Attempt attempt : attempts) {
            boolean put = attempt.path().endsWith("/organization");
            RequestSpecification request = attempt.request().contentType("application/json").body(attempt.body());
            (put ? request.put(attempt.path()) : request.post(attempt.path())).then().statusCode(400)
                    .contentType(PROBLEM).body("errors[0].field", equalTo(attempt.field()))
                    .body("detail", equalTo("Field '" + attempt.field() + "' is not a known field."));
        }
    }

    private Response track(Widget site, String userAgent) {
        return given().header("X-Org-Key", site.key()).header("Origin", site.origin()).header("User-Agent", userAgent)
                .contentType("application/json").body(Map.of("type", "page_view", "url", site.origin() + "/"))
                .post("/api/visitors/track");
    }

    private static Map<String, Object> identity(Widget site, String externalId) {
        return Map.of("externalId", externalId, "email", "ada@example.com", "signature", HmacSha256.hex(
                site.identitySecret().getBytes(StandardCharsets.UTF_8), externalId.getBytes(StandardCharsets.UTF_8)));
    }

    private static UUID uuid(String visitorId) {
        return UUID.fromString(visitorId.substring(2));
    }
}

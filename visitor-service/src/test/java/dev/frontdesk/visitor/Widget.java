package dev.frontdesk.visitor;

import static io.restassured.RestAssured.given;

import java.util.Map;

import dev.frontdesk.platform.testing.DevTokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A site made through the admin API, and requests as its widget would send them from the site's pages. */
record Widget(String org, String siteId, String key, String identitySecret, String origin) {

    static Widget create(String org, String domain) {
        Response created = given().auth().oauth2(admin(org)).contentType("application/json")
                .body(Map.of("name", "Site " + domain, "allowedDomains", java.util.List.of(domain)))
                .post("/api/sites").then().statusCode(201).extract().response();
        return new Widget(org, created.path("site.id"), created.path("site.publishableKey"),
                created.path("identitySecret"), "https://" + domain);
    }

    static String admin(String org) {
        return DevTokens.mint(org, "admin-" + org, "admin");
    }

    static String staff(String org) {
        return DevTokens.mint(org, "staff-" + org, "staff");
    }

    RequestSpecification request(String visitorId) {
        RequestSpecification spec = given().header("X-Org-Key", key).header("Origin", origin)
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36")
                .contentType("application/json");
        return visitorId == null ? spec : spec.header("X-Visitor-Id", visitorId);
    }

    /** A page view; returns the visitor id the server answered with. */
    String view(String visitorId, String path) {
        return request(visitorId).body(Map.of("type", "page_view", "url", origin + path, "title", "Page " + path))
                .post("/api/visitors/track").then().statusCode(200).extract().path("visitorId");
    }

    void heartbeat(String visitorId, boolean visible) {
        request(visitorId).body(Map.of("type", "heartbeat", "visible", visible)).post("/api/visitors/track")
                .then().statusCode(200);
    }
}

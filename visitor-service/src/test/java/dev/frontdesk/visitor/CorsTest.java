package dev.frontdesk.visitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.frontdesk.platform.testing.FrontdeskTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Which pages may read answers: staff APIs only from the configured dashboard origins, whatever the request carries;
 * the widget's requests from each site's allowed domains only.
 */
@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class CorsTest {

    private static final String DASHBOARD = FrontdeskTestResource.DASHBOARD_ORIGIN;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/api/visitors/live", "/api/sites", "/api/visitors/stats", "/api/visitors/invites/stats" })
    void aStaffAnswerIsReadableByTheDashboardOnly(String path) {
        Widget site = Widget.create("org-cors-" + path.hashCode(), "www.cors.example");
        String staff = Widget.admin(site.org());
        given().auth().oauth2(staff).header("Origin", DASHBOARD).get(path).then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(DASHBOARD)).header("Vary", containsString("Origin"));
        // A foreign page, even with the widget's key beside the token, or as an allowed domain of a site.
        for (String origin : new String[] { "https://evil.example", site.origin(), "null" }) {
            given().auth().oauth2(staff).header("Origin", origin).header("X-Org-Key", site.key()).get(path).then()
                    .statusCode(200).header("Access-Control-Allow-Origin", nullValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "https://evil.example", "https://www.cors2.example" })
    void aPreflightForABearerTokenIsAnsweredForTheDashboardOnly(String origin) {
        given().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").options("/api/visitors/live").then()
                .statusCode(204).header("Access-Control-Allow-Origin", equalTo(DASHBOARD))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        Widget.create("org-cors-pre", "www.cors2.example");
        given().header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").options("/api/visitors/live").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}

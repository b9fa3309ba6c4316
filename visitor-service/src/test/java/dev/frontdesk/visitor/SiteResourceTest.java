package dev.frontdesk.visitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class SiteResourceTest {

    @Test
    void onlyAdminsManageSites() {
        given().auth().oauth2(DevTokens.mint("org-1", "staff-1", "staff"))
                .contentType("application/json").body("{\"name\": \"Shop\", \"allowedDomains\": [\"example.com\"]}")
                .post("/api/sites").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void locationNamesTheAddressTheClientUsedBehindTheGateway() {
        // The gateway forwards the public host and scheme; the test client is on loopback, a trusted proxy.
        String location = given().auth().oauth2(DevTokens.mint("org-1", "admin-1", "admin"))
                .header("X-Forwarded-Host", "frontdesk.example.com").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443")
                .contentType("application/json").body("{\"name\": \"Shop\", \"allowedDomains\": [\"example.com\"]}")
                .post("/api/sites").then().statusCode(201)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .extract().header("Location");
        assertThat(location, startsWith("https://frontdesk.example.com/api/sites/"));
    }

    @Test
    void aDuplicatedKeyOrTrailingContentOrUnknownFieldIsRefusedAndNothingIsStored() {
        String admin = DevTokens.mint("org-strict", "admin-1", "admin");
        for (String body : new String[] { "{\"name\":\"a\",\"name\":\"b\",\"allowedDomains\":[\"a.com\"]}",
                "{\"name\":\"a\",\"allowedDomains\":[\"a.com\"]}}}}",
                "{\"name\":\"a\",\"alowedDomains\":[\"a.com\"]}",
                "{\"name\":\"a\\u0000b\",\"allowedDomains\":[\"a.com\"]}",
                "{\"name\":\"a\",\"allowedDomains\":[null]}" }) {
            given().auth().oauth2(admin).contentType("application/json").body(body).post("/api/sites").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"name\":\"a\\u0000b\",\"allowedDomains\":[\"a.com\"]}").post("/api/sites").then()
                .body("errors[0].field", equalTo("name")).body("errors[0].message", equalTo("must not contain a NUL character"));
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"name\":\"a\",\"alowedDomains\":[\"a.com\"]}").post("/api/sites").then()
                .body("errors[0].field", equalTo("alowedDomains"));
        given().auth().oauth2(admin).get("/api/sites").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void badDomainsAreRefusedWithTheFieldNamed() {
        given().auth().oauth2(DevTokens.mint("org-1", "admin-1", "admin"))
                .contentType("application/json").body("{\"name\": \"\", \"allowedDomains\": [\"http://x\"]}")
                .post("/api/sites").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("allowedDomains[0]"));
    }

    @Test
    void theIdentitySecretIsNeverPublished() {
        String id = given().auth().oauth2(DevTokens.mint("org-9", "admin-9", "admin"))
                .contentType("application/json").body("{\"name\": \"Docs\", \"allowedDomains\": [\"docs.example.com\"]}")
                .post("/api/sites").then().statusCode(201).extract().path("site.id");
        given().auth().oauth2(DevTokens.mint("org-9", "admin-9", "admin")).get("/api/sites/" + id)
                .then().statusCode(200).body("name", equalTo("Docs")).body("$", not(hasKey("identitySecret")));
        given().auth().oauth2(DevTokens.mint("org-other", "admin-x", "admin")).get("/api/sites/" + id)
                .then().statusCode(404);

        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            String payload = KafkaTestClient.value(kafka.await("frontdesk.sites", r -> id.equals(r.key()), 1,
                    Duration.ofSeconds(30)).get(0));
            assertThat(payload, containsString("\"publishableKey\":\"pk_"));
            assertThat(payload, not(containsString("sk_")));
        }
    }

    @Test
    void sitesAreListedAndTheIdentitySecretCanBeReplaced() {
        String admin = DevTokens.mint("org-sites-2", "admin-2", "admin");
        String id = given().auth().oauth2(admin).contentType("application/json")
                .body("{\"name\": \"Blog\", \"allowedDomains\": [\"*.blog.example\"], \"demo\": true}")
                .post("/api/sites").then().statusCode(201).body("site.demo", equalTo(true)).extract().path("site.id");
        String first = given().auth().oauth2(admin).get("/api/sites").then().statusCode(200)
                .body("id", hasItem(id)).body("[0]", not(hasKey("identitySecret"))).extract().path("[0].id");
        assertThat(first, equalTo(id));
        given().auth().oauth2(DevTokens.mint("org-sites-3", "admin-3", "admin")).get("/api/sites").then()
                .body("id", not(hasItem(id)));
        String rotated = given().auth().oauth2(admin).post("/api/sites/" + id + "/identity-secret").then().statusCode(200)
                .extract().path("identitySecret");
        assertThat(rotated, containsString("sk_"));
        given().auth().oauth2(DevTokens.mint("org-sites-3", "admin-3", "admin")).post("/api/sites/" + id + "/identity-secret")
                .then().statusCode(404);
        given().auth().oauth2(admin).get("/api/sites/organization").then().statusCode(200)
                .body("retentionDays", equalTo(90));
        given().auth().oauth2(admin).contentType("application/json").body("{\"name\": \"Blog Inc\", \"retentionDays\": 14}")
                .put("/api/sites/organization").then().statusCode(200).body("name", equalTo("Blog Inc"));
        given().auth().oauth2(admin).get("/api/sites/organization").then().body("retentionDays", equalTo(14));
    }
}

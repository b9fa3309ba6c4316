package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class DirectoryResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void staffSeeTheClientsOfTheirCompanyOnlyAndClientsItsStaff() {
        Scenario s = new Scenario();
        String acme = s.company("Acme");
        String globex = s.company("Globex");
        String dana = s.person("dana", acme, "staff", "Dana Host");
        s.person("eve", acme, "staff", "Eve Second");
        s.person("carl", acme, "client", "Carl Client");
        s.person("anna", acme, "client", "Anna Able");
        s.person("gus", globex, "client", "Gus Other");
        String carl = s.token("carl", "client");

        given().auth().oauth2(dana).get("/api/directory/clients").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.name", contains("Anna Able", "Carl Client"))
                .body("items[0].email", equalTo("anna@example.com"))
                .body("items[0].companyId", equalTo(acme));
        given().auth().oauth2(dana).queryParam("q", "CARL").get("/api/directory/clients").then().statusCode(200)
                .body("items.id", contains("carl"));
        given().auth().oauth2(dana).queryParam("size", 1).queryParam("page", 1).get("/api/directory/clients")
                .then().statusCode(200).body("items.id", contains("carl")).body("total", equalTo(2))
                .body("page", equalTo(1)).body("size", equalTo(1));
        given().auth().oauth2(carl).get("/api/directory/staff").then().statusCode(200)
                .body("items.id", contains("dana", "eve"));
        given().auth().oauth2(carl).get("/api/directory/me").then().statusCode(200)
                .body("name", equalTo("Carl Client")).body("role", equalTo("client"));
    }

    @Test
    void aSearchForLikeWildcardsMatchesThemLiterally() {
        Scenario s = new Scenario();
        String acme = s.company("Acme");
        String dana = s.person("dana", acme, "staff", "Dana Host");
        s.person("pct", acme, "client", "100% Client");
        s.person("plain", acme, "client", "Plain Client");
        given().auth().oauth2(dana).queryParam("q", "%").get("/api/directory/clients").then().statusCode(200)
                .body("items.id", contains("pct"));
    }

    @Test
    void onlyAdminsMaintainTheDirectory() {
        Scenario s = new Scenario();
        String acme = s.company("Acme");
        String dana = s.person("dana", acme, "staff", "Dana Host");
        given().auth().oauth2(dana).contentType("application/json").body("{\"name\": \"Mine\"}")
                .post("/api/directory/companies").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(dana).get("/api/directory/users").then().statusCode(403);
    }

    @Test
    void anotherOrganizationsCompanyIsUnknownHere() {
        Scenario mine = new Scenario();
        Scenario theirs = new Scenario();
        String theirCompany = theirs.company("Theirs");
        given().auth().oauth2(mine.adminToken()).contentType("application/json")
                .body("{\"companyId\": \"%s\", \"role\": \"staff\", \"name\": \"X\"}".formatted(theirCompany))
                .put("/api/directory/users/x").then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("No company " + theirCompany + " in this organization."));
        given().auth().oauth2(mine.adminToken()).get("/api/directory/companies").then().statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void badFieldsAreNamedAndADuplicateCompanyIsAConflict() {
        Scenario s = new Scenario();
        String acme = s.company("Acme");
        given().auth().oauth2(s.adminToken()).contentType("application/json")
                .body("""
                        {"companyId": "%s", "role": "boss", "name": "", "email": "not-an-email", "phone": "555"}"""
                        .formatted(acme))
                .put("/api/directory/users/x").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("role")).body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("email")).body("errors.field", hasItem("phone"));
        given().auth().oauth2(s.adminToken()).contentType("application/json").body("{\"name\": \"Acme\"}")
                .post("/api/directory/companies").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aUserIdThatIsNoPlainPathSegmentIsStoredWithAnEncodedLocation() {
        // An identity provider's subject may hold spaces and quotes; the Location header used to fail after the write.
        Scenario s = new Scenario();
        String acme = s.company("Acme");
        given().auth().oauth2(s.adminToken()).contentType("application/json").urlEncodingEnabled(false)
                .body("{\"companyId\": \"%s\", \"role\": \"client\", \"name\": \"Odd Id\"}".formatted(acme))
                .put("/api/directory/users/a%20b'c").then().statusCode(201)
                .header("Location", endsWith("/api/directory/users/a%20b'c")).body("id", equalTo("a b'c"));
        given().auth().oauth2(s.adminToken()).queryParam("role", "client").get("/api/directory/users").then()
                .statusCode(200).body("items.id", contains("a b'c"));
        given().auth().oauth2(s.adminToken()).urlEncodingEnabled(false).put("/api/directory/users/a%00b")
                .then().statusCode(400).contentType(PROBLEM);
        for (String page : new String[] { "1e3", "99999999999999999999", "x" }) {
            given().auth().oauth2(s.adminToken()).queryParam("page", page).get("/api/directory/users")
                    .then().statusCode(400).contentType(PROBLEM);
        }
    }

    @Test
    void anUpdateKeepsTheUserAndARemovedUserIsGone() {
        Scenario s = new Scenario();
        String acme = s.company("Acme");
        s.person("carl", acme, "client", "Carl Client");
        given().auth().oauth2(s.adminToken()).contentType("application/json")
                .body("{\"companyId\": \"%s\", \"role\": \"client\", \"name\": \"Carl Renamed\"}".formatted(acme))
                .put("/api/directory/users/carl").then().statusCode(200).body("name", equalTo("Carl Renamed"));
        given().auth().oauth2(s.adminToken()).queryParam("role", "client").get("/api/directory/users").then()
                .statusCode(200).body("items.name", contains("Carl Renamed"));
        given().auth().oauth2(s.adminToken()).delete("/api/directory/users/carl").then().statusCode(204);
        given().auth().oauth2(s.adminToken()).delete("/api/directory/users/carl").then().statusCode(404)
                .contentType(PROBLEM);
    }
}

package dev.frontdesk.visitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.EventPlumbingContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class VisitorServicePlumbingTest extends EventPlumbingContract {

    @Override
    protected String schema() {
        return "visitor";
    }

    @Override
    protected Expected write() {
        String id = given().auth().oauth2(DevTokens.mint("org-1", "admin-1", "admin"))
                .contentType("application/json")
                .body("{\"name\": \"Shop\", \"allowedDomains\": [\"shop.example.com\", \"*.example.org\"]}")
                .when().post("/api/sites")
                .then().statusCode(201)
                .body("site.publishableKey", startsWith("pk_"))
                .body("identitySecret", startsWith("sk_"))
                .body("site.active", equalTo(true))
                .extract().path("site.id");
        return new Expected("frontdesk.sites", "frontdesk.site.upserted.v1", id);
    }

    @Override
    protected String consumedTopic() {
        return "frontdesk.calls";
    }

    @Override
    protected String consumedType() {
        return "frontdesk.room.ended.v1";
    }

    @Override
    protected String consumedPayload(String subject) {
        return """
                {"roomName": "%s", "roomOwner": "service:visitor-service", "endedAt": "2026-11-22T10:30:00Z", "durationSeconds": 754}""".formatted(subject);
    }

    @Override
    protected long applied(String subject) {
        return database().count("SELECT count(*) FROM room_end WHERE room_name = ?", subject);
    }
}

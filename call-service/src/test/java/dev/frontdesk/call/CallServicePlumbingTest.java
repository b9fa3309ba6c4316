package dev.frontdesk.call;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.EventPlumbingContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class CallServicePlumbingTest extends EventPlumbingContract {

    @Override
    protected String schema() {
        return "calls";
    }

    @Override
    protected Expected write() {
        String name = given().auth().oauth2(DevTokens.mint("org-1", "staff-1", "staff"))
                .contentType("application/json").body("{\"expiresInMinutes\": 30}")
                .when().post("/api/rooms")
                .then().statusCode(201)
                .body("provider", equalTo("jitsi"))
                .body("url", startsWith("https://meet.jit.si/fd-"))
                .extract().path("name");
        return new Expected("frontdesk.calls", "frontdesk.room.created.v1", name);
    }

    @Override
    protected String consumedTopic() {
        return "frontdesk.notifications";
    }

    @Override
    protected String consumedType() {
        return "frontdesk.notification.delivered.v1";
    }

    @Override
    protected String consumedPayload(String subject) {
        return """
                {"recipient": "client-7", "kind": "call", "subjectId": "%s", "deliveredAt": "2026-11-22T10:00:00Z"}"""
                .formatted(subject);
    }

    @Override
    protected long applied(String subject) {
        return database().count("SELECT count(*) FROM call_delivery WHERE call_id = ?", subject);
    }
}

package dev.frontdesk.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.EventPlumbingContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class NotificationServicePlumbingTest extends EventPlumbingContract {

    @Override
    protected String schema() {
        return "notifications";
    }

    @Override
    protected Expected write() {
        String recipient = "user-" + java.util.UUID.randomUUID();
        given().auth().oauth2(DevTokens.mint("org-1", recipient, "staff"))
                .when().post("/api/notifications/test")
                .then().statusCode(202)
                .body("recipient", equalTo(recipient))
                .body("status", equalTo("failed"))
                .body("reason", equalTo("recipient-offline"));
        return new Expected("frontdesk.notifications", "frontdesk.notification.failed.v1", recipient);
    }

    @Override
    protected String consumedTopic() {
        return "frontdesk.calls";
    }

    @Override
    protected String consumedType() {
        return "frontdesk.call.initiated.v1";
    }

    @Override
    protected String consumedPayload(String subject) {
        return """
                {"callId": "%s", "org": "org-1", "calleeId": "client-7", "callerName": "Ada"}""".formatted(subject);
    }

    @Override
    protected long applied(String subject) {
        return database().count("SELECT count(*) FROM delivery WHERE subject_id = ? AND type = 'incoming-call'", subject);
    }
}

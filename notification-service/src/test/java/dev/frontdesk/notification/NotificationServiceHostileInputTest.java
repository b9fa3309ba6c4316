package dev.frontdesk.notification;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.frontdesk.platform.input.PercentDecoding;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.testing.HostileInputContract;
import dev.frontdesk.platform.webhook.TwilioSignature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** notification-service's API under hostile input; Twilio callbacks signed as Twilio signs them where they can be. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class NotificationServiceHostileInputTest extends HostileInputContract {

    @Override
    protected String schema() {
        return "notifications";
    }

    @Override
    protected String exampleBody(Operation operation) {
        if (operation.path().equals("/webhooks/twilio/status")) {
            return "MessageSid=SM0123456789abcdef0123456789abcdef&MessageStatus=delivered&To=%2B15005550006";
        }
        return null;
    }

    @Override
    protected Map<String, String> headers(Operation operation, byte[] body) {
        Map<String, String> headers = super.headers(operation, body);
        if (operation.path().equals("/webhooks/twilio/status")) {
            String signature;
            try {
                signature = TwilioSignature.sign(NotificationServiceTestResource.TWILIO_TOKEN,
                        NotificationServiceTestResource.STATUS_CALLBACK,
                        PercentDecoding.form(new String(body, StandardCharsets.UTF_8)));
            } catch (InvalidRequestException notAForm) {
                signature = "not-signable";
            }
            headers.put("X-Twilio-Signature", signature);
        }
        return headers;
    }
}

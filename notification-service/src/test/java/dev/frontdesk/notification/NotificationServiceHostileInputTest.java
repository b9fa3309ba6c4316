package dev.frontdesk.notification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.input.PercentDecoding;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.testing.HostileInputContract;
import dev.frontdesk.platform.testing.RawHttp;
import dev.frontdesk.platform.webhook.TwilioSignature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** notification-service's API under hostile input; Twilio callbacks signed as Twilio signs them where they can be. */
@QuarkusTest
@WithTestResource(NotificationServiceTestResource.class)
class NotificationServiceHostileInputTest extends HostileInputContract {

    /** The two WebSocket endpoints are not in OpenAPI: their upgrades get the same hostile query values. */
    @Test
    void webSocketUpgradesWithHostileQueriesAreRefusedBelow500() throws Exception {
        Map<String, String> upgrade = Map.of("Connection", "Upgrade", "Upgrade", "websocket", "Sec-WebSocket-Version", "13",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        for (String target : List.of("/ws/visitor?key=%00&visitorId=v_x", "/ws/visitor?key=nope&visitorId=%FF",
                "/ws/visitor?key=pk_x&visitorId=" + "v".repeat(5000), "/ws/visitor?key=%&visitorId=%",
                "/ws/visitor?since=-999999999&key=pk_x&visitorId=v_1", "/ws/notifications?since=%00",
                "/ws/notifications?since=99999999999999999999999", "/ws/visitor/../notifications")) {
            RawHttp.RawResponse response = RawHttp.send("localhost", RestAssured.port, "GET", target, upgrade, null, false);
            assertTrue(response.status() >= 400 && response.status() < 500, target + " → " + response.status());
            assertTrue(response.body().isEmpty() || response.header("content-type").startsWith("application/problem+json"),
                    target + " → " + response.body());
        }
    }

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

package dev.frontdesk.call;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import dev.frontdesk.platform.testing.HostileInputContract;
import dev.frontdesk.platform.webhook.HmacSha256;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class CallServiceHostileInputTest extends HostileInputContract {

    private static final String DAILY_SECRET = "ZnJvbnRkZXNrLXRlc3QtZGFpbHktd2ViaG9vay1zZWNyZXQh";

    @Override
    protected String schema() {
        return "calls";
    }

    @Override
    protected String exampleBody(Operation operation) {
        if (operation.path().equals("/webhooks/daily")) {
            return """
                    {"version":"1.0.0","type":"meeting.ended","id":"ev-1","payload":{"start_ts":1764410000,\
                    "end_ts":1764410600,"meeting_id":"m-1","room":"fd-x"},"event_ts":1764410600}""";
        }
        return null;
    }

    @Override
    protected Map<String, String> headers(Operation operation, byte[] body) {
        if (operation.path().equals("/webhooks/daily")) {
            // Signed as Daily signs (INTEGRATIONS.md §2.7), so the hostile body reaches the parsing behind the check.
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            byte[] signed = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
            byte[] message = new byte[signed.length + body.length];
            System.arraycopy(signed, 0, message, 0, signed.length);
            System.arraycopy(body, 0, message, signed.length, body.length);
            return Map.of("X-Webhook-Timestamp", timestamp, "X-Webhook-Signature",
                    HmacSha256.base64(Base64.getDecoder().decode(DAILY_SECRET), message));
        }
        return super.headers(operation, body);
    }
}

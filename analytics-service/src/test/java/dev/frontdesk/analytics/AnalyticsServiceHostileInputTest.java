package dev.frontdesk.analytics;

import java.util.Map;

import dev.frontdesk.platform.testing.HostileInputContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** analytics-service's API under hostile input; widget events as browsers send them. */
@QuarkusTest
@WithTestResource(AnalyticsServiceTestResource.class)
class AnalyticsServiceHostileInputTest extends HostileInputContract {

    @Override
    protected String schema() {
        return "analytics";
    }

    @Override
    protected String exampleBody(Operation operation) {
        if (operation.path().equals("/api/analytics/events")) {
            return """
                    {"widgetId":"pk_hostile","sessionId":"s-1","eventType":"call_start",\
                    "pageUrl":"https://hostile.example.com/p","timestamp":"2026-11-29T10:00:00Z",\
                    "eventId":"e-1","metadata":{"k":"v"}}""";
        }
        return null;
    }

    @Override
    protected Map<String, String> headers(Operation operation, byte[] body) {
        Map<String, String> headers = super.headers(operation, body);
        if (operation.path().equals("/api/analytics/events")) {
            headers.put("Origin", "https://hostile.example.com");
            headers.put("User-Agent", Widget.BROWSER);
        }
        return headers;
    }
}

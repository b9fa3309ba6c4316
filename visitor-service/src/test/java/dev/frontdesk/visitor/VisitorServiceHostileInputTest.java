package dev.frontdesk.visitor;

import java.util.Map;
import java.util.Set;

import dev.frontdesk.platform.testing.HostileInputContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** visitor-service's API under hostile input, the widget's endpoints with a real site's key and origin. */
@QuarkusTest
@WithTestResource(VisitorServiceTestResource.class)
class VisitorServiceHostileInputTest extends HostileInputContract {

    private Widget widget;

    @Override
    protected String schema() {
        return "visitor";
    }

    /** The presence job publishes seen/idle/left for earlier visitors on its own schedule. */
    @Override
    protected String countedRows(String table) {
        return table.equals("outbox") ? "type NOT IN ('frontdesk.visitor.seen.v1', 'frontdesk.visitor.idle.v1', "
                + "'frontdesk.visitor.left.v1')" : null;
    }

    /** The staff console's files, one name in the metrics (quarkus.micrometer.binder.http-server.match-patterns). */
    @Override
    protected Set<String> pageRoutes() {
        return Set.of("/console/*");
    }

    @Override
    protected Map<String, String> pathValues() {
        return Map.of("id", widget().siteId(), "siteId", widget().siteId());
    }

    @Override
    protected String exampleBody(Operation operation) {
        if (operation.path().equals("/api/visitors/track")) {
            return "{\"type\":\"page_view\",\"url\":\"https://hostile.example.com/p?utm_source=x\",\"title\":\"Page\"}";
        }
        return null;
    }

    @Override
    protected Map<String, String> headers(Operation operation, byte[] body) {
        Map<String, String> headers = super.headers(operation, body);
        if (operation.path().startsWith("/api/visitors/") || operation.path().startsWith("/api/conversations")) {
            // As the widget on the site's pages sends them.
            headers.put("X-Org-Key", widget().key());
            headers.put("Origin", widget().origin());
            headers.put("X-Visitor-Id", "v_2b0f6c9e-6b0e-4a57-9d3f-5f3c1f1e8a11");
            headers.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36");
        }
        return headers;
    }

    private Widget widget() {
        if (widget == null) {
            widget = Widget.create("org-hostile", "hostile.example.com");
        }
        return widget;
    }
}

package dev.frontdesk.analytics;

import java.time.Instant;
import java.util.UUID;

import dev.frontdesk.platform.testing.EventPlumbingContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(AnalyticsServiceTestResource.class)
class AnalyticsServicePlumbingTest extends EventPlumbingContract {

    @Override
    protected String schema() {
        return "analytics";
    }

    /** ARCHITECTURE.md gives analytics-service no topic to publish on. */
    @Override
    protected boolean publishes() {
        return false;
    }

    @Override
    protected Expected write() {
        throw new UnsupportedOperationException("analytics-service publishes no events");
    }

    @Override
    protected String consumedTopic() {
        return "frontdesk.sites";
    }

    @Override
    protected String consumedType() {
        return "frontdesk.site.upserted.v1";
    }

    /** The subject is the site id; each payload is a newer change, so every applied one counts a revision. */
    @Override
    protected String consumedPayload(String subject) {
        return """
                {"siteId": "%s", "org": "org-1", "publishableKey": "pk_%s", "allowedDomains": ["shop.example.com"],
                 "active": true, "demo": false, "updatedAt": "%s"}"""
                .formatted(siteId(subject), subject.hashCode(), Instant.now());
    }

    @Override
    protected long applied(String subject) {
        return database().count("SELECT coalesce(sum(revision), 0) FROM site WHERE id = ?::uuid", siteId(subject).toString());
    }

    private static UUID siteId(String subject) {
        return UUID.nameUUIDFromBytes(subject.getBytes());
    }
}

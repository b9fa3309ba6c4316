package dev.frontdesk.analytics.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;

/** Events analytics-service consumes. It publishes none. */
public final class AnalyticsEvents {

    public static final EventType SITE_UPSERTED = EventType.of(Topics.SITES, "site.upserted", 1);

    public record SiteUpserted(UUID siteId, String org, String publishableKey, List<String> allowedDomains,
            boolean active, boolean demo, Instant updatedAt) {
    }

    private AnalyticsEvents() {
    }
}

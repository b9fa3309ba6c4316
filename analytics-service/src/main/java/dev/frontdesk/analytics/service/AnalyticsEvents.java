package dev.frontdesk.analytics.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Events analytics-service consumes. It publishes none. */
// The records below are the payloads Outbox writes and Inbox reads with Jackson, by reflection, outside Quarkus' REST
// layer: a native image keeps them only if registered (ignoreNested = false: every record nested here).
@RegisterForReflection(ignoreNested = false)
public final class AnalyticsEvents {

    public static final EventType SITE_UPSERTED = EventType.of(Topics.SITES, "site.upserted", 1);
    public static final EventType CALL_ENDED = EventType.of(Topics.CALLS, "call.ended", 1);
    public static final EventType ROOM_ENDED = EventType.of(Topics.CALLS, "room.ended", 1);
    public static final EventType VISITOR_ERASED = EventType.of(Topics.VISITORS, "visitor.erased", 1);

    public record SiteUpserted(UUID siteId, String org, String publishableKey, List<String> allowedDomains,
            boolean active, boolean demo, Instant updatedAt) {
    }

    /** call-service's call.ended: a party (or Daily) ended an answered call. */
    public record CallEnded(String callId, String roomName, Instant endedAt, Integer durationSeconds) {
    }

    /** call-service's room.ended: Daily's meeting.ended, the real duration. */
    public record RoomEnded(String roomName, String roomOwner, String callId, Instant endedAt, Long durationSeconds,
            String providerRoomName) {
    }

    public record VisitorErased(String visitorId) {
    }

    private AnalyticsEvents() {
    }
}

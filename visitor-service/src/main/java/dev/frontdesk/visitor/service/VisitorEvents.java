package dev.frontdesk.visitor.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;

/** Events visitor-service publishes and consumes, with their payloads. */
public final class VisitorEvents {

    public static final EventType SITE_UPSERTED = EventType.of(Topics.SITES, "site.upserted", 1);
    public static final EventType ROOM_ENDED = EventType.of(Topics.CALLS, "room.ended", 1);

    /** The public facts of a site that other services keep in their read models; no secret. */
    public record SiteUpserted(UUID siteId, String org, String name, String publishableKey,
            List<String> allowedDomains, boolean active, boolean demo, Instant updatedAt) {
    }

    public record RoomEnded(String roomName, Instant endedAt, Long durationSeconds) {
    }

    private VisitorEvents() {
    }
}

package dev.frontdesk.visitor.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Events visitor-service publishes and consumes, with their payloads. Visitor events are keyed by visitor id. */
// The records below are the payloads Outbox writes and Inbox reads with Jackson, by reflection, outside Quarkus' REST
// layer: a native image keeps them only if registered (ignoreNested = false: every record nested here).
@RegisterForReflection(ignoreNested = false)
public final class VisitorEvents {

    public static final EventType SITE_UPSERTED = EventType.of(Topics.SITES, "site.upserted", 1);
    public static final EventType VISITOR_SEEN = EventType.of(Topics.VISITORS, "visitor.seen", 1);
    public static final EventType VISITOR_IDLE = EventType.of(Topics.VISITORS, "visitor.idle", 1);
    public static final EventType VISITOR_LEFT = EventType.of(Topics.VISITORS, "visitor.left", 1);
    public static final EventType VISITOR_IDENTIFIED = EventType.of(Topics.VISITORS, "visitor.identified", 1);
    public static final EventType INVITE_SENT = EventType.of(Topics.VISITORS, "visitor.invite.sent", 1);
    public static final EventType INVITE_UPDATED = EventType.of(Topics.VISITORS, "visitor.invite.updated", 1);
    public static final EventType VISITOR_ERASED = EventType.of(Topics.VISITORS, "visitor.erased", 1);
    public static final EventType ROOM_ENDED = EventType.of(Topics.CALLS, "room.ended", 1);

    /** The public facts of a site that other services keep in their read models; no secret. */
    public record SiteUpserted(UUID siteId, String org, String name, String publishableKey,
            List<String> allowedDomains, boolean active, boolean demo, Instant updatedAt) {
    }

    /**
     * A visitor's presence for live dashboards ({@code visitor.seen} also on every page view: the current page
     * changed). {@code visitorId} is the widget's {@code v_<uuid>}.
     */
    public record Presence(String visitorId, String org, UUID siteId, String state, Instant lastSeenAt,
            String currentUrl, String currentTitle, int visitPageViews, Instant visitStartedAt, boolean returning,
            String company, String country, String city) {
    }

    public record Identified(String visitorId, String org, UUID siteId, UUID contactId, String externalId,
            String name) {
    }

    /**
     * A video invite as it now is. The host URL (it carries the owner token) is not in the event: the visitor's
     * widget needs the guest URL only.
     */
    public record InviteChanged(UUID inviteId, String visitorId, String org, UUID siteId, String sessionId,
            String roomId, String guestUrl, String status, String invitedBy, String invitedByName, String message,
            Instant invitedAt, Instant expiresAt, Instant changedAt, Long durationSeconds, UUID resentFrom) {
    }

    /** Everything about this visitor was deleted here; other services erase their share. */
    public record Erased(String visitorId, String org) {
    }

    public record RoomEnded(String roomName, String org, String roomOwner, Instant endedAt, Long durationSeconds) {
    }

    private VisitorEvents() {
    }
}

package dev.frontdesk.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Events notification-service publishes and consumes, with the parts of their payloads it reads. */
// The records below are the payloads Outbox writes and Inbox reads with Jackson, by reflection, outside Quarkus' REST
// layer: a native image keeps them only if registered (ignoreNested = false: every record nested here).
@RegisterForReflection(ignoreNested = false)
public final class NotificationEvents {

    public static final EventType DELIVERED = EventType.of(Topics.NOTIFICATIONS, "notification.delivered", 1);
    public static final EventType FAILED = EventType.of(Topics.NOTIFICATIONS, "notification.failed", 1);

    /**
     * Internal: a socket notification to hand to every replica. Each replica reads this topic in a consumer group of
     * its own and writes the frame to the sockets it holds.
     */
    public static final String FANOUT_TOPIC = Topics.NOTIFICATIONS + ".fanout";
    public static final EventType FANOUT = EventType.of(FANOUT_TOPIC, "notification.fanout", 1);

    public static final EventType SITE_UPSERTED = EventType.of(Topics.SITES, "site.upserted", 1);

    public static final EventType CALL_INITIATED = EventType.of(Topics.CALLS, "call.initiated", 1);
    public static final List<EventType> CALL_UPDATED = List.of(
            EventType.of(Topics.CALLS, "call.ringing", 1),
            EventType.of(Topics.CALLS, "call.answered", 1),
            EventType.of(Topics.CALLS, "call.declined", 1),
            EventType.of(Topics.CALLS, "call.missed", 1),
            EventType.of(Topics.CALLS, "call.cancelled", 1),
            EventType.of(Topics.CALLS, "call.ended", 1));

    public static final EventType INVITE_SENT = EventType.of(Topics.VISITORS, "visitor.invite.sent", 1);
    public static final EventType INVITE_UPDATED = EventType.of(Topics.VISITORS, "visitor.invite.updated", 1);
    public static final List<EventType> VISITOR_PRESENCE = List.of(
            EventType.of(Topics.VISITORS, "visitor.seen", 1),
            EventType.of(Topics.VISITORS, "visitor.idle", 1),
            EventType.of(Topics.VISITORS, "visitor.left", 1));
    public static final EventType VISITOR_ERASED = EventType.of(Topics.VISITORS, "visitor.erased", 1);

    public static final EventType BOOKING_CREATED = EventType.of(Topics.BOOKINGS, "booking.created", 1);
    public static final EventType BOOKING_RESCHEDULED = EventType.of(Topics.BOOKINGS, "booking.rescheduled", 1);
    public static final EventType BOOKING_CANCELLED = EventType.of(Topics.BOOKINGS, "booking.cancelled", 1);
    public static final EventType BOOKING_COMPLETED = EventType.of(Topics.BOOKINGS, "booking.completed", 1);
    public static final EventType BOOKING_MEMBERS_CHANGED = EventType.of(Topics.BOOKINGS, "booking.members.changed", 1);
    public static final List<EventType> BOOKING_CHANGED = List.of(BOOKING_CREATED, BOOKING_RESCHEDULED,
            BOOKING_CANCELLED, BOOKING_MEMBERS_CHANGED, EventType.of(Topics.BOOKINGS, "booking.room.assigned", 1),
            EventType.of(Topics.BOOKINGS, "booking.joined", 1), BOOKING_COMPLETED);

    /**
     * A socket notification reached at least one socket of its recipient. {@code kind} is what it is about
     * ({@code call}, {@code invite}, {@code booking}, {@code test}), {@code subjectId} its id (e.g. the call id),
     * {@code type} the frame type ({@code incoming-call}, …). call-service turns a call RINGING on it.
     */
    public record Delivered(UUID deliveryId, String recipient, String kind, String type, String subjectId,
            Instant deliveredAt) {
    }

    /** A notification could not be delivered: {@code reason} says why (recipient offline, provider error, …). */
    public record Failed(UUID deliveryId, String recipient, String kind, String type, String subjectId,
            String channel, String reason, Instant failedAt) {
    }

    /**
     * One frame for one audience; {@code notificationId} is null for live-only frames (no replay, no delivery).
     * {@code deliverUntil}, when set, is the last instant the frame may reach a socket (a call's ring deadline, an
     * invite's expiry); the notification row may have closed it earlier (the call was answered).
     */
    public record Fanout(String audience, Long notificationId, UUID deliveryId, String type, Instant at,
            JsonNode payload, Instant deliverUntil) {
    }

    public record SiteUpserted(UUID siteId, String org, String publishableKey, List<String> allowedDomains,
            boolean active, Instant updatedAt) {
    }

    public record Party(String id, String name, String avatarUrl, String role) {
    }

    /** {@code roomName}: call-service's name of the call's room; {@code roomUrl} its URL at the provider. */
    public record CallInitiated(String callId, String org, String callerId, String callerName,
            String callerAvatarUrl, Party caller, String calleeId, Party callee, String roomName, String roomUrl,
            String joinUrl, Instant initiatedAt, Instant ringDeadline) {
    }

    /** {@code callerName}/{@code calleeName}: the parties' names in call-service's directory, when it sent them. */
    public record CallUpdated(String callId, String org, String callerId, String calleeId, String status,
            String previousStatus, String actor, Instant at, Instant answeredAt, Instant endedAt,
            Integer durationSeconds, String callerName, String calleeName) {
    }

    public record InviteChanged(String inviteId, String visitorId, String org, String siteId, String sessionId,
            String roomId, String guestUrl, String status, String invitedBy, String invitedByName, String message,
            Instant invitedAt, Instant expiresAt, Instant changedAt, Integer durationSeconds) {
    }

    public record VisitorPresence(String visitorId, String org, String siteId, String state, Instant lastSeenAt,
            String currentUrl, String currentTitle, Integer visitPageViews, Instant visitStartedAt, Boolean returning,
            String company, String country, String city) {
    }

    public record VisitorErased(String visitorId, String org) {
    }

    public record BookingChanged(String uid, String org, String status, String title, Instant startAt, Instant endAt,
            String hostName, String hostEmail, String memberName, String memberEmail, String memberPhone,
            String memberTimeZone, String memberJoinUrl, String previousUid, String reason, List<Member> members,
            Boolean rescheduleRequested) {

        /**
         * The members still booked (one per seat of a seated event type). An event without the list (from a producer
         * before seats) has its single member.
         */
        public List<Member> bookedMembers() {
            if (members != null) {
                return members;
            }
            if (memberName == null && memberEmail == null && memberPhone == null) {
                return List.of();
            }
            return List.of(new Member(memberEmail == null ? "booker" : memberEmail.toLowerCase(java.util.Locale.ROOT),
                    memberName, memberEmail, memberPhone, memberTimeZone));
        }
    }

    /** A member of a booking; {@code key} is the lower-cased email, else {@code seat:<seat uid>}. */
    public record Member(String key, String name, String email, String phone, String timeZone) {
    }

    private NotificationEvents() {
    }
}

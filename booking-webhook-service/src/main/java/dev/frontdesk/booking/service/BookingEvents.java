package dev.frontdesk.booking.service;

import java.time.Instant;
import java.util.List;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Events booking-webhook-service publishes (keyed by booking uid) and consumes, with their payloads. */
// The records below are the payloads Outbox writes and Inbox reads with Jackson, by reflection, outside Quarkus' REST
// layer: a native image keeps them only if registered (ignoreNested = false: every record nested here).
@RegisterForReflection(ignoreNested = false)
public final class BookingEvents {

    public static final EventType BOOKING_CREATED = EventType.of(Topics.BOOKINGS, "booking.created", 1);
    public static final EventType BOOKING_RESCHEDULED = EventType.of(Topics.BOOKINGS, "booking.rescheduled", 1);
    public static final EventType BOOKING_CANCELLED = EventType.of(Topics.BOOKINGS, "booking.cancelled", 1);
    public static final EventType BOOKING_MEMBERS_CHANGED = EventType.of(Topics.BOOKINGS, "booking.members.changed", 1);
    public static final EventType BOOKING_ROOM_ASSIGNED = EventType.of(Topics.BOOKINGS, "booking.room.assigned", 1);
    public static final EventType BOOKING_JOINED = EventType.of(Topics.BOOKINGS, "booking.joined", 1);
    public static final EventType BOOKING_COMPLETED = EventType.of(Topics.BOOKINGS, "booking.completed", 1);

    public static final EventType PARTICIPANT_JOINED = EventType.of(Topics.CALLS, "room.participant.joined", 1);
    public static final EventType ROOM_ENDED = EventType.of(Topics.CALLS, "room.ended", 1);

    /**
     * What notification-service needs to remind the members: who, when (and in which time zone), and the members'
     * signed join link. {@code members} are the people still booked (one per seat of a seated event type; the booker
     * and guests otherwise), each with their own reminders; {@code memberName}… repeat the first of them (the seed's
     * single member). {@code previousUid} is set on a reschedule: the booking this one replaces (the same uid when a
     * seated booking moved in place). {@code rescheduleRequested}: cancelled by the host asking the member to book
     * again (Cal.com's "request reschedule").
     */
    public record BookingChanged(String uid, String org, String status, String title, Instant startAt, Instant endAt,
            String hostName, String hostEmail, String memberName, String memberEmail, String memberPhone,
            String memberTimeZone, String memberJoinUrl, String previousUid, String reason, List<Member> members,
            boolean rescheduleRequested) {
    }

    /** A member of a booking: {@code key} is the lower-cased email (else {@code seat:<seat uid>}). */
    public record Member(String key, String name, String email, String phone, String timeZone) {
    }

    public record RoomAssigned(String uid, String org, String roomName, String roomUrl, String source) {
    }

    public record Joined(String uid, String org, String role, Instant at) {
    }

    public record ParticipantJoined(String roomName, String org, String roomOwner, String participant, Instant joinedAt, Boolean owner) {
    }

    public record RoomEnded(String roomName, String org, String roomOwner, Instant endedAt, Long durationSeconds) {
    }

    private BookingEvents() {
    }
}

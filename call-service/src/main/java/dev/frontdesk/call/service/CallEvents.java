package dev.frontdesk.call.service;

import java.time.Instant;
import java.util.Map;

import dev.frontdesk.call.model.CallStatus;
import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Events call-service publishes and consumes, with their payloads. Call events are keyed by call id, room events by room name. */
// The records below are the payloads Outbox writes and Inbox reads with Jackson, by reflection, outside Quarkus' REST
// layer: a native image keeps them only if registered (ignoreNested = false: every record nested here).
@RegisterForReflection(ignoreNested = false)
public final class CallEvents {

    public static final EventType CALL_INITIATED = EventType.of(Topics.CALLS, "call.initiated", 1);
    public static final EventType ROOM_CREATED = EventType.of(Topics.CALLS, "room.created", 1);
    public static final EventType ROOM_STARTED = EventType.of(Topics.CALLS, "room.started", 1);
    public static final EventType ROOM_PARTICIPANT_JOINED = EventType.of(Topics.CALLS, "room.participant.joined", 1);
    public static final EventType ROOM_PARTICIPANT_LEFT = EventType.of(Topics.CALLS, "room.participant.left", 1);
    public static final EventType ROOM_ENDED = EventType.of(Topics.CALLS, "room.ended", 1);
    public static final EventType ROOM_RECORDING_READY = EventType.of(Topics.CALLS, "room.recording.ready", 1);
    public static final EventType NOTIFICATION_DELIVERED = EventType.of(Topics.NOTIFICATIONS, "notification.delivered", 1);

    /** {@code call.ringing}, {@code call.answered}, … : one event type per status a call can reach. */
    private static final Map<CallStatus, EventType> STATUS_EVENTS = Map.of(
            CallStatus.RINGING, EventType.of(Topics.CALLS, "call.ringing", 1),
            CallStatus.ANSWERED, EventType.of(Topics.CALLS, "call.answered", 1),
            CallStatus.DECLINED, EventType.of(Topics.CALLS, "call.declined", 1),
            CallStatus.MISSED, EventType.of(Topics.CALLS, "call.missed", 1),
            CallStatus.CANCELLED, EventType.of(Topics.CALLS, "call.cancelled", 1),
            CallStatus.ENDED, EventType.of(Topics.CALLS, "call.ended", 1));

    public static EventType statusEvent(CallStatus status) {
        EventType type = STATUS_EVENTS.get(status);
        if (type == null) {
            throw new IllegalArgumentException("No event for a call becoming " + status);
        }
        return type;
    }

    public record Party(String id, String name, String avatarUrl, String role) {
    }

    /** Everything the callee's screen needs to ring: who calls, where to join, until when it rings. */
    public record CallInitiated(String callId, String org, String companyId, String callerId, String callerName,
            String callerAvatarUrl, Party caller, String calleeId, Party callee, String roomName, String roomUrl,
            String joinUrl, Instant initiatedAt, Instant ringDeadline) {
    }

    /**
     * A status change; {@code actor} is the user id, or {@code system}/{@code daily} for server-side changes.
     * {@code callerName}/{@code calleeName} are the parties' names in the directory (null for someone no longer in it),
     * so a post about the call (a missed call in Slack) names people, not ids.
     */
    public record CallUpdated(String callId, String org, String callerId, String calleeId, CallStatus status,
            CallStatus previousStatus, String actor, Instant at, Instant answeredAt, Instant endedAt,
            Integer durationSeconds, String roomName, String callerName, String calleeName) {
    }

    /*
     * Room events name the room as its owner named it, with the org and the owner, roomOwner ("service:booking-webhook-service",
     * "user:<sub>"): names are unique per owner only, so a consumer matches rooms it made by all three.
     */
    public record RoomCreated(String roomName, String org, String roomOwner, String provider, String url, Instant expiresAt,
            int maxParticipants, boolean recording) {
    }

    public record RoomStarted(String roomName, String org, String roomOwner, String meetingId, Instant startedAt) {
    }

    /** {@code participant} is our user id, from the meeting token. */
    public record ParticipantJoined(String roomName, String org, String roomOwner, String participant, String userName, boolean owner,
            String sessionId, Instant joinedAt) {
    }

    public record ParticipantLeft(String roomName, String org, String roomOwner, String participant, String userName, boolean owner,
            String sessionId, Instant joinedAt, Integer durationSeconds) {
    }

    /**
     * The real end of a meeting, from the provider. {@code roomName} is the owner's name for the room,
     * {@code providerRoomName} the provider's (the last segment of the room's URL, all a browser knows of it).
     */
    public record RoomEnded(String roomName, String org, String roomOwner, String meetingId, Instant startedAt, Instant endedAt,
            Long durationSeconds, String callId, String providerRoomName) {
    }

    public record RecordingReady(String roomName, String org, String roomOwner, String recordingId, String recordingType,
            Instant startedAt, Integer durationSeconds, String s3Key, String callId) {
    }

    /** What notification-service reports; {@code subjectId} is the call id for call notifications. */
    public record NotificationDelivered(String recipient, String kind, String subjectId, Instant deliveredAt) {
    }

    private CallEvents() {
    }
}

package dev.frontdesk.call.service;

import java.time.Instant;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;

/** Events call-service publishes and consumes, with their payloads. */
public final class CallEvents {

    public static final EventType ROOM_CREATED = EventType.of(Topics.CALLS, "room.created", 1);
    public static final EventType NOTIFICATION_DELIVERED = EventType.of(Topics.NOTIFICATIONS, "notification.delivered", 1);

    public record RoomCreated(String roomName, String org, String provider, String url, Instant expiresAt,
            int maxParticipants, boolean recording) {
    }

    /** What notification-service reports; {@code subjectId} is the call id for call notifications. */
    public record NotificationDelivered(String recipient, String kind, String subjectId, Instant deliveredAt) {
    }

    private CallEvents() {
    }
}

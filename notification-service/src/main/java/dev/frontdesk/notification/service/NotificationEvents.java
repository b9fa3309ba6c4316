package dev.frontdesk.notification.service;

import java.time.Instant;
import java.util.UUID;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;

/** Events notification-service publishes and consumes, with their payloads. */
public final class NotificationEvents {

    public static final EventType DELIVERED = EventType.of(Topics.NOTIFICATIONS, "notification.delivered", 1);
    public static final EventType FAILED = EventType.of(Topics.NOTIFICATIONS, "notification.failed", 1);
    public static final EventType CALL_INITIATED = EventType.of(Topics.CALLS, "call.initiated", 1);

    /** {@code subjectId} is the id of what the notification is about, e.g. the call id. */
    public record Outcome(UUID deliveryId, String recipient, String kind, String subjectId, String reason,
            Instant at) {
    }

    /** The part of call-service's {@code call.initiated} that ringing needs. */
    public record CallInitiated(String callId, String calleeId, String callerName) {
    }

    private NotificationEvents() {
    }
}

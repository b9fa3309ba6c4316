package dev.frontdesk.notification.slack;

import java.util.Arrays;
import java.util.Optional;

/** What an organization can choose to have posted to Slack. */
public enum SlackEvent {
    INVITE_SENT("invite.sent"),
    CALL_MISSED("call.missed"),
    BOOKING_CREATED("booking.created"),
    BOOKING_CANCELLED("booking.cancelled");

    private final String value;

    SlackEvent(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<SlackEvent> of(String value) {
        return Arrays.stream(values()).filter(e -> e.value.equals(value)).findFirst();
    }
}

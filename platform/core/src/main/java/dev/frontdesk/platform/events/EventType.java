package dev.frontdesk.platform.events;

import java.util.Objects;

/**
 * A versioned event type and the topic it is published on, e.g. {@code frontdesk.call.answered.v1} on
 * {@code frontdesk.calls}. Services declare their event types as constants of this type.
 */
public record EventType(String topic, String name) {

    private static final String PREFIX = "frontdesk.";

    public EventType {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(name, "name");
        if (!name.matches("frontdesk(\\.[a-z][a-z0-9-]*)+\\.v[0-9]+")) {
            throw new IllegalArgumentException("Event type names look like frontdesk.<noun>.<verb>.v<N>: " + name);
        }
    }

    /** {@code EventType.of(Topics.CALLS, "call.answered", 1)} is {@code frontdesk.call.answered.v1}. */
    public static EventType of(String topic, String name, int version) {
        return new EventType(topic, PREFIX + name + ".v" + version);
    }

    public boolean matches(EventEnvelope event) {
        return name.equals(event.type());
    }
}

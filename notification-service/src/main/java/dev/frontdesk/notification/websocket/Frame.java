package dev.frontdesk.notification.websocket;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a socket receives: {@code {"type": "incoming-call", "id": "42", "at": …, "payload": {…}}}. The id of a
 * replayable frame is a number a reconnecting client sends back as {@code ?since=}; live-only frames
 * ({@code visitor-activity}) have an id starting with {@code live-} and are not replayed.
 */
// Written with Jackson by LocalSockets, outside Quarkus' REST layer: a native image keeps it only if registered.
@RegisterForReflection
public record Frame(String type, String id, Instant at, JsonNode payload) {
}

package dev.frontdesk.call.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.call.model.Call;
import dev.frontdesk.call.model.Room;
import dev.frontdesk.call.repository.DailyWebhookRepository;
import dev.frontdesk.call.repository.RoomRepository;
import dev.frontdesk.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies a verified Daily webhook once (its id is the dedupe key): the receipt, the effect on the room and its
 * call, and the {@code room.*} event other services react to are written in one transaction.
 */
@ApplicationScoped
public class DailyWebhookService {

    private static final Logger LOG = Logger.getLogger(DailyWebhookService.class);

    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED
    }

    private final DailyWebhookRepository webhooks;
    private final RoomRepository rooms;
    private final CallService calls;
    private final Outbox outbox;
    private final Clock clock;

    public DailyWebhookService(DailyWebhookRepository webhooks, RoomRepository rooms, CallService calls, Outbox outbox,
            Clock clock) {
        this.webhooks = webhooks;
        this.rooms = rooms;
        this.calls = calls;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Outcome> receive(String eventId, String type, JsonNode payload) {
        // meeting.* and participant.* name the room "room"; recording.* name it "room_name".
        String roomName = payload.has("room") ? text(payload, "room") : text(payload, "room_name");
        return Panache.withTransaction(() -> webhooks.receive(eventId, type, roomName, clock.instant())
                .chain(first -> {
                    if (!first) {
                        LOG.debugf("Daily webhook %s (%s) already applied", eventId, type);
                        return Uni.createFrom().item(Outcome.DUPLICATE);
                    }
                    if (roomName == null) {
                        return Uni.createFrom().item(Outcome.IGNORED);
                    }
                    // Daily names the room by its provider name; events and calls know it by the org's name.
                    return rooms.findByProviderName(roomName).chain(room -> {
                        if (room == null) {
                            LOG.debugf("Daily webhook %s (%s) for a room that is not ours", eventId, type);
                            return Uni.createFrom().item(Outcome.IGNORED);
                        }
                        return apply(type, payload, room);
                    });
                }));
    }

    private Uni<Outcome> apply(String type, JsonNode payload, Room room) {
        String org = room.orgId;
        String owner = room.createdBy;
        String roomName = room.name;
        return switch (type) {
            case "meeting.started" -> {
                Instant startedAt = seconds(payload, "start_ts");
                if (room.startedAt == null) {
                    room.startedAt = startedAt;
                }
                yield outbox.record(CallEvents.ROOM_STARTED, roomName,
                        new CallEvents.RoomStarted(roomName, org, owner, text(payload, "meeting_id"), startedAt))
                        .replaceWith(Outcome.APPLIED);
            }
            case "participant.joined" -> {
                String userId = text(payload, "user_id");
                Instant joinedAt = seconds(payload, "joined_at");
                yield webhooks.participant(text(payload, "session_id"), room.providerName, userId, text(payload, "user_name"),
                        payload.path("owner").asBoolean(false), joinedAt, null, null)
                        .chain(() -> calls.joinedRoom(room.id, userId))
                        .chain(() -> outbox.record(CallEvents.ROOM_PARTICIPANT_JOINED, roomName,
                                new CallEvents.ParticipantJoined(roomName, org, owner, userId, text(payload, "user_name"),
                                        payload.path("owner").asBoolean(false), text(payload, "session_id"), joinedAt)))
                        .replaceWith(Outcome.APPLIED);
            }
            case "participant.left" -> {
                String userId = text(payload, "user_id");
                Instant joinedAt = seconds(payload, "joined_at");
                Integer duration = payload.hasNonNull("duration") ? payload.get("duration").asInt() : null;
                Instant leftAt = joinedAt == null || duration == null ? null : joinedAt.plusSeconds(duration);
                yield webhooks.participant(text(payload, "session_id"), room.providerName, userId, text(payload, "user_name"),
                        payload.path("owner").asBoolean(false), joinedAt, leftAt, duration)
                        .chain(() -> outbox.record(CallEvents.ROOM_PARTICIPANT_LEFT, roomName,
                                new CallEvents.ParticipantLeft(roomName, org, owner, userId, text(payload, "user_name"),
                                        payload.path("owner").asBoolean(false), text(payload, "session_id"), joinedAt,
                                        duration)))
                        .replaceWith(Outcome.APPLIED);
            }
            case "meeting.ended" -> {
                Instant startedAt = seconds(payload, "start_ts");
                Instant endedAt = seconds(payload, "end_ts");
                room.endedAt = endedAt;
                Long duration = startedAt == null || endedAt == null ? null
                        : Duration.between(startedAt, endedAt).toSeconds();
                yield calls.meetingEnded(room.id, startedAt, endedAt)
                        .chain(call -> outbox.record(CallEvents.ROOM_ENDED, roomName,
                                new CallEvents.RoomEnded(roomName, org, owner, text(payload, "meeting_id"), startedAt,
                                        endedAt, duration, callId(call), room.providerName)))
                        .replaceWith(Outcome.APPLIED);
            }
            case "recording.ready-to-download" -> {
                Integer duration = payload.hasNonNull("duration") ? payload.get("duration").asInt() : null;
                yield calls.recordingReady(room.id, text(payload, "recording_id"), text(payload, "s3_key"), duration)
                        .chain(call -> outbox.record(CallEvents.ROOM_RECORDING_READY, roomName,
                                new CallEvents.RecordingReady(roomName, org, owner, text(payload, "recording_id"),
                                        text(payload, "type"), seconds(payload, "start_ts"), duration,
                                        text(payload, "s3_key"), callId(call))))
                        .replaceWith(Outcome.APPLIED);
            }
            default -> Uni.createFrom().item(Outcome.IGNORED);
        };
    }

    private static String callId(Call call) {
        return call == null ? null : call.id.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Daily's timestamps are Unix seconds, sometimes with a fraction. */
    private static Instant seconds(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            return null;
        }
        return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }
}

package dev.frontdesk.call.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

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
 * <p>
 * Daily's webhooks are domain-wide (every room of the Daily domain, whoever made it) and Daily stops a webhook that
 * fails repeatedly, so everything we do not act on is answered as {@link Outcome#IGNORED} and leaves no trace: event
 * types outside {@link #APPLIED_TYPES}, and events for rooms that are not ours. A replay of an applied event id is
 * {@link Outcome#DUPLICATE}, also without effect.
 */
@ApplicationScoped
public class DailyWebhookService {

    private static final Logger LOG = Logger.getLogger(DailyWebhookService.class);

    /** The event types that change something here; Daily sends others too (recording.started, dialin.*, …). */
    public static final Set<String> APPLIED_TYPES = Set.of("meeting.started", "participant.joined",
            "participant.left", "meeting.ended", "recording.ready-to-download");

    /** Daily's timestamps outside these bounds are not real (and PostgreSQL could not store them). */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

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

    /** Whether events of {@code type} are applied at all; the others are acknowledged and dropped unread. */
    public boolean applies(String type) {
        return APPLIED_TYPES.contains(type);
    }

    public Uni<Outcome> receive(String eventId, String type, JsonNode payload) {
        if (!applies(type)) {
            return Uni.createFrom().item(Outcome.IGNORED);
        }
        // meeting.* and participant.* name the room "room"; recording.* name it "room_name".
        String roomName = payload.has("room") ? text(payload, "room") : text(payload, "room_name");
        if (roomName == null || roomName.isBlank()) {
            return Uni.createFrom().item(Outcome.IGNORED);
        }
        // Daily names the room by its provider name; events and calls know it by the org's name. The receipt is
        // written only for our rooms: the domain's other rooms leave no rows.
        return Panache.withTransaction(() -> rooms.findByProviderName(roomName).chain(room -> {
            if (room == null) {
                LOG.debugf("Daily webhook %s (%s) for a room that is not ours", eventId, type);
                return Uni.createFrom().item(Outcome.IGNORED);
            }
            return webhooks.receive(eventId, type, roomName, clock.instant()).chain(first -> {
                if (!first) {
                    LOG.debugf("Daily webhook %s (%s) already applied", eventId, type);
                    return Uni.createFrom().item(Outcome.DUPLICATE);
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
                yield participant(payload, room, userId, joinedAt, null, null)
                        .chain(() -> calls.joinedRoom(room.id, userId))
                        .chain(() -> outbox.record(CallEvents.ROOM_PARTICIPANT_JOINED, roomName,
                                new CallEvents.ParticipantJoined(roomName, org, owner, userId, text(payload, "user_name"),
                                        payload.path("owner").asBoolean(false), text(payload, "session_id"), joinedAt)))
                        .replaceWith(Outcome.APPLIED);
            }
            case "participant.left" -> {
                String userId = text(payload, "user_id");
                Instant joinedAt = seconds(payload, "joined_at");
                Integer duration = seconds(payload, "duration", Integer.MAX_VALUE);
                Instant leftAt = joinedAt == null || duration == null ? null : bounded(joinedAt.plusSeconds(duration));
                yield participant(payload, room, userId, joinedAt, leftAt, duration)
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
                Long duration = startedAt == null || endedAt == null || endedAt.isBefore(startedAt) ? null
                        : Duration.between(startedAt, endedAt).toSeconds();
                yield calls.meetingEnded(room.id, startedAt, endedAt)
                        .chain(call -> outbox.record(CallEvents.ROOM_ENDED, roomName,
                                new CallEvents.RoomEnded(roomName, org, owner, text(payload, "meeting_id"), startedAt,
                                        endedAt, duration, callId(call), room.providerName)))
                        .replaceWith(Outcome.APPLIED);
            }
            case "recording.ready-to-download" -> {
                Integer duration = seconds(payload, "duration", Integer.MAX_VALUE);
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

    /** A participant session is keyed by Daily's session id; without one there is nothing to record. */
    private Uni<Void> participant(JsonNode payload, Room room, String userId, Instant joinedAt, Instant leftAt,
            Integer duration) {
        String session = text(payload, "session_id");
        if (session == null || session.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return webhooks.participant(session, room.providerName, userId, text(payload, "user_name"),
                payload.path("owner").asBoolean(false), joinedAt, leftAt, duration);
    }

    private static String callId(Call call) {
        return call == null ? null : call.id.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Daily's timestamps are Unix seconds, sometimes with a fraction; null when absent or not a real time. */
    private static Instant seconds(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            return null;
        }
        double seconds = value.asDouble();
        if (!(seconds >= EARLIEST.getEpochSecond() && seconds <= LATEST.getEpochSecond())) {
            return null;
        }
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    /** A count of seconds (a duration), null when absent, negative or over {@code max}. */
    private static Integer seconds(JsonNode node, String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || value.asDouble() < 0 || value.asDouble() > max) {
            return null;
        }
        return value.asInt();
    }

    private static Instant bounded(Instant time) {
        return time.isAfter(LATEST) ? null : time;
    }
}

package dev.frontdesk.call.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Daily webhook receipts (each event id once) and the participant sessions they report. */
@ApplicationScoped
public class DailyWebhookRepository {

    private static final String RECEIVE = """
            INSERT INTO daily_webhook_event (event_id, type, room_name, received_at)
            VALUES (:id, :type, :room, :at) ON CONFLICT DO NOTHING""";

    private static final String PARTICIPANT = """
            INSERT INTO room_participant (session_id, room_name, user_id, user_name, owner, joined_at, left_at, duration_seconds)
            VALUES (:session, :room, :user, :name, :owner, :joined, :left, :duration)
            ON CONFLICT (session_id) DO UPDATE SET
                left_at = coalesce(excluded.left_at, room_participant.left_at),
                duration_seconds = coalesce(excluded.duration_seconds, room_participant.duration_seconds),
                joined_at = coalesce(room_participant.joined_at, excluded.joined_at)""";

    /** True the first time an event id is seen. */
    public Uni<Boolean> receive(String eventId, String type, String roomName, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECEIVE)
                .setParameter("id", eventId)
                .setParameter("type", type)
                .setParameter("room", roomName)
                .setParameter("at", at)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    public Uni<Void> participant(String sessionId, String roomName, String userId, String userName, boolean owner,
            Instant joinedAt, Instant leftAt, Integer durationSeconds) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PARTICIPANT)
                .setParameter("session", sessionId)
                .setParameter("room", roomName)
                .setParameter("user", userId)
                .setParameter("name", userName)
                .setParameter("owner", owner)
                .setParameter("joined", joinedAt)
                .setParameter("left", leftAt)
                .setParameter("duration", durationSeconds)
                .executeUpdate())
                .replaceWithVoid();
    }
}

package dev.frontdesk.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.platform.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records an event in the service's {@code outbox} table, in the caller's transaction: the event exists if and
 * only if the change it describes was committed. {@link OutboxRelay} publishes it after the commit.
 */
@ApplicationScoped
public class Outbox {

    // The payload goes in as text and is cast: a String bound straight to a json parameter would be stored as
    // a JSON string value by the reactive driver.
    private static final String INSERT = """
            INSERT INTO outbox (event_id, topic, message_key, type, source, subject, occurred_at, payload)
            VALUES (:eventId, :topic, :key, :type, :source, :subject, :occurredAt, CAST(CAST(:payload AS text) AS json))""";

    private static final String INSERT_POSITIONAL = """
            INSERT INTO outbox (event_id, topic, message_key, type, source, subject, occurred_at, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, CAST(CAST($8 AS text) AS json))""";

    private final ObjectMapper mapper;
    private final Clock clock;
    private final String source;

    public Outbox(ObjectMapper mapper, Clock clock, @ConfigProperty(name = "quarkus.application.name") String source) {
        this.mapper = mapper;
        this.clock = clock;
        this.source = source;
    }

    /**
     * Records {@code payload} as an event of {@code type} about the aggregate {@code subject}; the aggregate id is
     * also the Kafka key, so one aggregate's events stay in order. Must run inside a transaction
     * ({@code @WithTransaction} or {@code Panache.withTransaction}). Returns the event id ({@code ce_id}).
     */
    public Uni<UUID> record(EventType type, String subject, Object payload) {
        UUID eventId = UUID.randomUUID();
        return json(type, payload).chain(json -> Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.record(" + type.name() + ") outside a transaction: the event would not be atomic with its change"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("eventId", eventId)
                        .setParameter("topic", type.topic())
                        .setParameter("key", subject)
                        .setParameter("type", type.name())
                        .setParameter("source", source)
                        .setParameter("subject", subject)
                        .setParameter("occurredAt", OffsetDateTime.now(clock))
                        .setParameter("payload", json)
                        .executeUpdate()))
                .replaceWith(eventId);
    }

    /**
     * The same for code that writes with the reactive SQL client instead of Hibernate: records the event on
     * {@code connection}, which must be inside a transaction ({@code Pool.withTransaction}) with the change.
     */
    public Uni<UUID> record(SqlConnection connection, EventType type, String subject, Object payload) {
        UUID eventId = UUID.randomUUID();
        return json(type, payload).chain(json -> connection.preparedQuery(INSERT_POSITIONAL)
                .execute(row(eventId, type, subject, OffsetDateTime.now(clock), json)))
                .replaceWith(eventId);
    }

    /** One event of {@link #recordAll}: {@code payload} as an event of {@code type} about {@code subject}. */
    public record Event(EventType type, String subject, Object payload) {
    }

    /**
     * Records several events on {@code connection} (inside a transaction with their changes) in one pipelined
     * batch: one round trip, where {@link #record(SqlConnection, EventType, String, Object)} per event costs one
     * each, and a job holding row locks (e.g. a batch of presence changes) holds them that much shorter. Nothing is
     * written when {@code events} is empty.
     */
    public Uni<Void> recordAll(SqlConnection connection, List<Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<Tuple> rows = new ArrayList<>(events.size());
            for (Event event : events) {
                rows.add(row(UUID.randomUUID(), event.type(), event.subject(), now,
                        write(event.type(), event.payload())));
            }
            return rows;
        }).chain(rows -> connection.preparedQuery(INSERT_POSITIONAL).executeBatch(rows)).replaceWithVoid();
    }

    /** The parameters of {@link #INSERT_POSITIONAL}: the subject is also the Kafka key. */
    private Tuple row(UUID eventId, EventType type, String subject, OffsetDateTime occurredAt, String json) {
        return Tuple.from(new Object[] { eventId, type.topic(), subject, type.name(), source, subject, occurredAt, json });
    }

    /** The payload as JSON; a payload Jackson cannot write fails the Uni (and so the caller's transaction). */
    private Uni<String> json(EventType type, Object payload) {
        return Uni.createFrom().item(() -> write(type, payload));
    }

    private String write(EventType type, Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Payload of " + type.name() + " is not serializable", e);
        }
    }
}

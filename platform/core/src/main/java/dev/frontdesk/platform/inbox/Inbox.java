package dev.frontdesk.platform.inbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.platform.events.EventEnvelope;
import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.MalformedEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies each consumed event at most once per consumer: {@code (consumer, ce_id)} is inserted into the
 * {@code inbox} table first, in the same transaction as the handler's effect; a duplicate inserts nothing and
 * skips the handler.
 * <p>
 * A malformed record, or one whose handler keeps failing after a few quick retries, fails the returned
 * {@link Uni}: with the channel's {@code failure-strategy=dead-letter-queue} it then goes to
 * {@code <topic>.dlq} with the reason in its headers and the consumer moves on.
 * <p>
 * Live channels. A consumer group notices a dead member only after its session timeout (45 s by default), and the
 * dead member's partitions wait that long. Where that is too long (a call rings for 30 s), a service reads the topic
 * a second time on every replica, in a group of the replica alone ({@code <service>-live-${frontdesk.replica-id}},
 * {@code auto.offset.reset=latest}, nothing committed, {@code failure-strategy=ignore}) and hands both channels'
 * records to the same consumer name here. Every live replica then applies each event as soon as it arrives; the
 * first transaction to insert the inbox row wins, the others wait for its commit and skip, so an event's effects
 * still happen once and in each partition's order. The committed group (with its dead-letter topic) catches up
 * whatever no live channel took, e.g. events published while every replica was down.
 * <p>
 * The handler may register {@link AfterCommit} actions: they run once its transaction committed, before the
 * returned {@link Uni} completes (and never for a duplicate or a rolled-back attempt).
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private static final String RECEIVE = """
            INSERT INTO inbox (consumer, event_id) VALUES (:consumer, :eventId) ON CONFLICT DO NOTHING""";

    private final ObjectMapper mapper;

    public Inbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Applies the events of one type, with their payload bound to {@code payloadType}; records of other types are
     * skipped without touching the database.
     *
     * @param consumer a stable name for this consumer (its effect), unique within the service
     * @param handler  the effect; runs inside the transaction that records the event as received
     */
    public <T> Uni<Void> consume(String consumer, ConsumerRecord<String, byte[]> record, EventType type,
            Class<T> payloadType, BiFunction<EventEnvelope, T, Uni<Void>> handler) {
        return consume(consumer, record, List.of(type), payloadType, handler);
    }

    /**
     * The same for several event types sharing one payload shape (e.g. every status change of a call); the handler
     * tells them apart by {@link EventEnvelope#type()}.
     */
    public <T> Uni<Void> consume(String consumer, ConsumerRecord<String, byte[]> record, Collection<EventType> types,
            Class<T> payloadType, BiFunction<EventEnvelope, T, Uni<Void>> handler) {
        try {
            EventEnvelope event = EventEnvelope.of(record);
            if (types.stream().noneMatch(type -> type.matches(event))) {
                return Uni.createFrom().voidItem();
            }
            T payload = event.payloadAs(mapper, payloadType);
            return once(consumer, event, () -> handler.apply(event, payload));
        } catch (MalformedEventException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private Uni<Void> once(String consumer, EventEnvelope event, Supplier<Uni<Void>> effect) {
        return AfterCommit.transaction(() -> receive(consumer, event.id())
                .chain(first -> {
                    if (!first) {
                        LOG.debugf("%s: event %s already applied, skipped", consumer, event.id());
                        return Uni.createFrom().voidItem();
                    }
                    return effect.get();
                }))
                .onFailure(failure -> !(failure instanceof MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(3)
                .onFailure().invoke(failure -> LOG.warnf("%s: event %s (%s) not applied: %s", consumer, event.id(),
                        event.type(), failure.getMessage()));
    }

    private Uni<Boolean> receive(String consumer, UUID eventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECEIVE)
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}

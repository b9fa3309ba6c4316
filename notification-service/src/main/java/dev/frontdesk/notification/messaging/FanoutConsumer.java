package dev.frontdesk.notification.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.notification.service.DeliveryLog;
import dev.frontdesk.notification.service.LocalFanout;
import dev.frontdesk.notification.service.NotificationEvents;
import dev.frontdesk.notification.service.Replay;
import dev.frontdesk.notification.websocket.Frame;
import dev.frontdesk.notification.websocket.LocalSockets;
import dev.frontdesk.platform.events.EventEnvelope;
import dev.frontdesk.platform.events.MalformedEventException;
import io.smallrye.mutiny.Uni;

/**
 * Every replica reads the fan-out topic in a consumer group of its own (broadcast) and writes each frame to the
 * sockets it holds. No inbox: the effect is a socket write, and sockets are per replica; marking the delivery
 * delivered is idempotent. A frame with a {@code deliverUntil} is written only while it is still true (before the
 * deadline, and not closed since, e.g. a call answered elsewhere): late frames (a broker outage, a lagging consumer)
 * never ring for a call that is over. Frames of one audience keep their order (one partition, read in order).
 * <p>
 * The replica that records a notification also writes it to its own sockets right after the commit
 * ({@link #deliver}); when the same frame then comes back on the topic, each socket has it already and skips it.
 * Across replicas that shortcut can put a frame ahead of an earlier one for the same audience that another replica
 * recorded a few milliseconds before and that is still on its way through the topic; frames about one call or invite
 * follow people's actions, seconds apart, so that window is accepted for the fan-out hop it saves.
 */
@ApplicationScoped
public class FanoutConsumer implements LocalFanout {

    private static final Logger LOG = Logger.getLogger(FanoutConsumer.class);

    private final LocalSockets sockets;
    private final DeliveryLog deliveries;
    private final Replay replay;
    private final ObjectMapper mapper;
    private final Clock clock;

    public FanoutConsumer(LocalSockets sockets, DeliveryLog deliveries, Replay replay, ObjectMapper mapper,
            Clock clock) {
        this.sockets = sockets;
        this.deliveries = deliveries;
        this.replay = replay;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Incoming("fanout")
    public Uni<Void> onFanout(ConsumerRecord<String, byte[]> record) {
        EventEnvelope event;
        NotificationEvents.Fanout fanout;
        try {
            event = EventEnvelope.of(record);
            if (!NotificationEvents.FANOUT.matches(event)) {
                return Uni.createFrom().voidItem();
            }
            fanout = event.payloadAs(mapper, NotificationEvents.Fanout.class);
            if (fanout.audience() == null || fanout.type() == null) {
                throw new MalformedEventException("fan-out without audience or type");
            }
        } catch (MalformedEventException e) {
            LOG.warnf("Skipped a malformed fan-out record %s@%d: %s", record.topic(), record.offset(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return stillTrue(fanout).chain(deliver -> deliver ? write(event, fanout) : Uni.createFrom().voidItem())
                .onFailure().invoke(failure -> LOG.warnf("Fan-out %s to %s: %s", event.id(), fanout.audience(),
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Whether the frame may still be written; asks the database only when this replica holds a socket for it. */
    private Uni<Boolean> stillTrue(NotificationEvents.Fanout fanout) {
        if (fanout.deliverUntil() == null) {
            return Uni.createFrom().item(true);
        }
        if (!sockets.holds(fanout.audience())) {
            return Uni.createFrom().item(false);
        }
        if (!clock.instant().isBefore(fanout.deliverUntil())) {
            return Uni.createFrom().item(false);
        }
        return fanout.notificationId() == null ? Uni.createFrom().item(true) : replay.deliverable(fanout.notificationId());
    }

    /**
     * The notification was committed a moment ago on this replica: only its deadline can have passed since (a close
     * racing this write is the same race as between {@link #stillTrue} and the write).
     */
    @Override
    public Uni<Void> deliver(NotificationEvents.Fanout fanout) {
        if (fanout.deliverUntil() != null && !clock.instant().isBefore(fanout.deliverUntil())) {
            return Uni.createFrom().voidItem();
        }
        return write(fanout.notificationId().toString(), fanout);
    }

    private Uni<Void> write(EventEnvelope event, NotificationEvents.Fanout fanout) {
        return write(fanout.notificationId() != null ? fanout.notificationId().toString() : "live-" + event.id(),
                fanout);
    }

    private Uni<Void> write(String id, NotificationEvents.Fanout fanout) {
        return sockets.send(fanout.audience(), new Frame(fanout.type(), id, fanout.at(), fanout.payload()))
                .chain(reached -> reached > 0 && fanout.deliveryId() != null
                        ? deliveries.delivered(List.of(fanout.deliveryId()))
                                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                        : Uni.createFrom().voidItem());
    }
}

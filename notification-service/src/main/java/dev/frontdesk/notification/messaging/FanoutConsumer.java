package dev.frontdesk.notification.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.notification.service.DeliveryLog;
import dev.frontdesk.notification.service.NotificationEvents;
import dev.frontdesk.notification.websocket.Frame;
import dev.frontdesk.notification.websocket.LocalSockets;
import dev.frontdesk.platform.events.EventEnvelope;
import dev.frontdesk.platform.events.MalformedEventException;
import io.smallrye.mutiny.Uni;

/**
 * Every replica reads the fan-out topic in a consumer group of its own (broadcast) and writes each frame to the
 * sockets it holds. No inbox: the effect is a socket write, and sockets are per replica; marking the delivery
 * delivered is idempotent.
 */
@ApplicationScoped
public class FanoutConsumer {

    private static final Logger LOG = Logger.getLogger(FanoutConsumer.class);

    private final LocalSockets sockets;
    private final DeliveryLog deliveries;
    private final ObjectMapper mapper;

    public FanoutConsumer(LocalSockets sockets, DeliveryLog deliveries, ObjectMapper mapper) {
        this.sockets = sockets;
        this.deliveries = deliveries;
        this.mapper = mapper;
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
        String id = fanout.notificationId() != null ? fanout.notificationId().toString()
                : "live-" + event.id();
        return sockets.send(fanout.audience(), new Frame(fanout.type(), id, fanout.at(), fanout.payload()))
                .chain(reached -> reached > 0 && fanout.deliveryId() != null
                        ? deliveries.delivered(List.of(fanout.deliveryId()))
                                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                        : Uni.createFrom().voidItem())
                .onFailure().invoke(failure -> LOG.warnf("Fan-out %s to %s: %s", id, fanout.audience(), failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}

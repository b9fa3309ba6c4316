package dev.frontdesk.call.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.call.service.CallEvents;
import dev.frontdesk.call.service.DeliveryService;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

/**
 * {@code notification.delivered} turns a call RINGING. Read twice on every replica, in the service's group and in a
 * group of this replica alone; the inbox applies each event once (see {@link Inbox}).
 */
@ApplicationScoped
public class NotificationEventsConsumer {

    private final Inbox inbox;
    private final DeliveryService deliveries;

    public NotificationEventsConsumer(Inbox inbox, DeliveryService deliveries) {
        this.inbox = inbox;
        this.deliveries = deliveries;
    }

    @Incoming("notifications")
    public Uni<Void> onNotificationsEvent(ConsumerRecord<String, byte[]> record) {
        return apply(record);
    }

    /** The same events, read by this replica alone so a dead replica's partitions do not delay RINGING. */
    @Incoming("notifications-live")
    public Uni<Void> onLiveNotificationsEvent(ConsumerRecord<String, byte[]> record) {
        return apply(record);
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("call-service.deliveries", record, CallEvents.NOTIFICATION_DELIVERED, CallEvents.NotificationDelivered.class,
                (event, delivered) -> deliveries.delivered(event.id(), delivered));
    }
}

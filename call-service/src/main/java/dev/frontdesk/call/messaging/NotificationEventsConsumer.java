package dev.frontdesk.call.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.call.service.CallEvents;
import dev.frontdesk.call.service.DeliveryService;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class NotificationEventsConsumer {

    private final Inbox inbox;
    private final DeliveryService deliveries;
    private final ObjectMapper mapper;

    public NotificationEventsConsumer(Inbox inbox, DeliveryService deliveries, ObjectMapper mapper) {
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.mapper = mapper;
    }

    @Incoming("notifications")
    public Uni<Void> onNotificationEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("call-service.deliveries", record, event -> {
            if (CallEvents.NOTIFICATION_DELIVERED.matches(event)) {
                return deliveries.delivered(event.id(),
                        event.payloadAs(mapper, CallEvents.NotificationDelivered.class));
            }
            return Uni.createFrom().voidItem();
        });
    }
}

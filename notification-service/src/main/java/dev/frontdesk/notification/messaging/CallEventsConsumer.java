package dev.frontdesk.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.notification.service.NotificationEvents;
import dev.frontdesk.notification.service.NotificationService;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CallEventsConsumer {

    private final Inbox inbox;
    private final NotificationService notifications;

    public CallEventsConsumer(Inbox inbox, NotificationService notifications) {
        this.inbox = inbox;
        this.notifications = notifications;
    }

    @Incoming("calls")
    public Uni<Void> onCallsEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("notification-service.ring", record, NotificationEvents.CALL_INITIATED, NotificationEvents.CallInitiated.class,
                (event, call) -> notifications.ring(call));
    }
}

package dev.frontdesk.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.notification.service.NotificationEvents;
import dev.frontdesk.notification.service.NotificationService;
import dev.frontdesk.platform.events.MalformedEventException;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CallEventsConsumer {

    private final Inbox inbox;
    private final NotificationService notifications;
    private final ObjectMapper mapper;

    public CallEventsConsumer(Inbox inbox, NotificationService notifications, ObjectMapper mapper) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.mapper = mapper;
    }

    @Incoming("calls")
    public Uni<Void> onCallEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("notification-service.ring", record, event -> {
            if (!NotificationEvents.CALL_INITIATED.matches(event)) {
                return Uni.createFrom().voidItem();
            }
            NotificationEvents.CallInitiated call = event.payloadAs(mapper, NotificationEvents.CallInitiated.class);
            if (call.callId() == null || call.calleeId() == null) {
                return Uni.createFrom().failure(new MalformedEventException("call.initiated without callId or calleeId"));
            }
            return notifications.notify(call.calleeId(), "incoming-call", call.callId()).replaceWithVoid();
        });
    }
}

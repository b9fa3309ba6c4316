package dev.frontdesk.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.notification.service.NotificationEvents;
import dev.frontdesk.notification.service.NotificationRouter;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

/**
 * Calls ring the callee and keep both parties' screens up to date. Each event arrives twice on every replica: on
 * {@code calls} (the service's consumer group, committed, with a dead-letter topic) and on {@code calls-live} (a
 * group of this replica alone, from "now"); the inbox applies it once, on whichever consumer records it first, so
 * a dead replica's partitions never hold a ring back until the group rebalances.
 */
@ApplicationScoped
public class CallEventsConsumer {

    private final Inbox inbox;
    private final NotificationRouter router;

    public CallEventsConsumer(Inbox inbox, NotificationRouter router) {
        this.inbox = inbox;
        this.router = router;
    }

    @Incoming("calls")
    public Uni<Void> onCallsEvent(ConsumerRecord<String, byte[]> record) {
        return apply(record);
    }

    @Incoming("calls-live")
    public Uni<Void> onLiveCallsEvent(ConsumerRecord<String, byte[]> record) {
        return apply(record);
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("notification-service.ring", record, NotificationEvents.CALL_INITIATED,
                NotificationEvents.CallInitiated.class, (event, call) -> router.callInitiated(call))
                .chain(() -> inbox.consume("notification-service.call-updated", record, NotificationEvents.CALL_UPDATED,
                        NotificationEvents.CallUpdated.class, (event, call) -> router.callUpdated(call)));
    }
}

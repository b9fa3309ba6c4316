package dev.frontdesk.notification.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.notification.service.NotificationEvents;
import dev.frontdesk.notification.service.NotificationRouter;
import dev.frontdesk.notification.service.VisitorErasure;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

/** Invites to the visitor's widget and staff dashboards, live visitors to staff, and GDPR erasure. */
@ApplicationScoped
public class VisitorEventsConsumer {

    private final Inbox inbox;
    private final NotificationRouter router;
    private final VisitorErasure erasure;

    public VisitorEventsConsumer(Inbox inbox, NotificationRouter router, VisitorErasure erasure) {
        this.inbox = inbox;
        this.router = router;
        this.erasure = erasure;
    }

    @Incoming("visitors")
    public Uni<Void> onVisitorsEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("notification-service.invites", record, List.of(NotificationEvents.INVITE_SENT,
                NotificationEvents.INVITE_UPDATED), NotificationEvents.InviteChanged.class,
                (event, invite) -> NotificationEvents.INVITE_SENT.matches(event) ? router.inviteSent(invite)
                        : router.inviteUpdated(invite))
                .chain(() -> inbox.consume("notification-service.visitor-activity", record,
                        NotificationEvents.VISITOR_PRESENCE, NotificationEvents.VisitorPresence.class,
                        (event, visitor) -> router.visitorActivity(event.type(), visitor)))
                .chain(() -> inbox.consume("notification-service.erasure", record, NotificationEvents.VISITOR_ERASED,
                        NotificationEvents.VisitorErased.class, (event, erased) -> erasure.erase(erased)));
    }
}

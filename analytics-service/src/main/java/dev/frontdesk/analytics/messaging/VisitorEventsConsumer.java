package dev.frontdesk.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.analytics.repository.ServerTruthRepository;
import dev.frontdesk.analytics.service.AnalyticsEvents;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

/** GDPR: an erased visitor's events no longer carry their visitor id. */
@ApplicationScoped
public class VisitorEventsConsumer {

    private final Inbox inbox;
    private final ServerTruthRepository events;

    public VisitorEventsConsumer(Inbox inbox, ServerTruthRepository events) {
        this.inbox = inbox;
        this.events = events;
    }

    @Incoming("visitors")
    public Uni<Void> onVisitorsEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("analytics-service.visitor-erased", record, AnalyticsEvents.VISITOR_ERASED,
                AnalyticsEvents.VisitorErased.class, (event, erased) -> erased.visitorId() == null
                        ? Uni.createFrom().voidItem()
                        : events.forgetVisitor(erased.visitorId()));
    }
}

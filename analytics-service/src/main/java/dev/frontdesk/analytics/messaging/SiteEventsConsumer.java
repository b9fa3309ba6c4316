package dev.frontdesk.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.analytics.service.AnalyticsEvents;
import dev.frontdesk.analytics.service.SiteReadModel;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SiteEventsConsumer {

    private final Inbox inbox;
    private final SiteReadModel sites;
    private final ObjectMapper mapper;

    public SiteEventsConsumer(Inbox inbox, SiteReadModel sites, ObjectMapper mapper) {
        this.inbox = inbox;
        this.sites = sites;
        this.mapper = mapper;
    }

    @Incoming("sites")
    public Uni<Void> onSiteEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("analytics-service.sites", record, event -> {
            if (AnalyticsEvents.SITE_UPSERTED.matches(event)) {
                return sites.upserted(event.payloadAs(mapper, AnalyticsEvents.SiteUpserted.class));
            }
            return Uni.createFrom().voidItem();
        });
    }
}

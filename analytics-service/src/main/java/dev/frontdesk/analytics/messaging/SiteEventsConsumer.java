package dev.frontdesk.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.analytics.service.AnalyticsEvents;
import dev.frontdesk.analytics.service.SiteReadModel;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SiteEventsConsumer {

    private final Inbox inbox;
    private final SiteReadModel sites;

    public SiteEventsConsumer(Inbox inbox, SiteReadModel sites) {
        this.inbox = inbox;
        this.sites = sites;
    }

    @Incoming("sites")
    public Uni<Void> onSitesEvent(ConsumerRecord<String, byte[]> record) {
        return inbox.consume("analytics-service.sites", record, AnalyticsEvents.SITE_UPSERTED, AnalyticsEvents.SiteUpserted.class,
                (event, site) -> sites.upserted(site));
    }
}

package dev.frontdesk.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.frontdesk.notification.service.NotificationEvents;
import dev.frontdesk.notification.service.SiteReadModel;
import dev.frontdesk.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;

/** Sites, so the widget socket can check keys and origins. */
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
        return inbox.consume("notification-service.sites", record, NotificationEvents.SITE_UPSERTED,
                NotificationEvents.SiteUpserted.class, (event, site) -> sites.upserted(site));
    }
}

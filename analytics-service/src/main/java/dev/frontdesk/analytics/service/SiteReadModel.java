package dev.frontdesk.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.analytics.model.Site;
import dev.frontdesk.analytics.repository.SiteRepository;
import dev.frontdesk.platform.events.MalformedEventException;
import dev.frontdesk.platform.inbox.AfterCommit;
import io.smallrye.mutiny.Uni;

/** Keeps the site read model. Runs inside the consumer's inbox transaction. */
@ApplicationScoped
public class SiteReadModel {

    private final SiteRepository sites;
    private final WidgetSites cached;

    public SiteReadModel(SiteRepository sites, WidgetSites cached) {
        this.sites = sites;
        this.cached = cached;
    }

    public Uni<Void> upserted(AnalyticsEvents.SiteUpserted event) {
        if (event.siteId() == null || event.publishableKey() == null || event.allowedDomains() == null) {
            return Uni.createFrom().failure(new MalformedEventException("site.upserted without id, key or domains"));
        }
        return sites.findById(event.siteId()).chain(existing -> {
            Site site = existing == null ? new Site() : existing;
            if (existing != null && existing.updatedAt.isAfter(event.updatedAt())) {
                return Uni.createFrom().voidItem(); // an older change arriving late
            }
            site.id = event.siteId();
            site.orgId = event.org();
            site.publishableKey = event.publishableKey();
            site.allowedDomains = event.allowedDomains().toArray(String[]::new);
            site.active = event.active();
            site.demo = event.demo();
            site.updatedAt = event.updatedAt();
            site.revision = site.revision + 1;
            AfterCommit.register(cached::forgetAll); // this replica's ingestion sees the change at once
            return existing == null ? sites.persist(site).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }
}

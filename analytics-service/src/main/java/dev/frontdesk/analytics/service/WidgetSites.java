package dev.frontdesk.analytics.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.analytics.model.Site;
import dev.frontdesk.analytics.repository.SiteRepository;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The sites widgets send events for, held in memory so ingestion does not read the site on every request
 * ({@code quarkus.cache.caffeine."widget-sites".expire-after-write}, 10 s by default). A change applied on this
 * replica ({@link SiteReadModel}) clears the cache once committed; another replica sees it within that time.
 */
@ApplicationScoped
public class WidgetSites {

    static final String CACHE = "widget-sites";

    /** What ingestion needs of a site. */
    public record WidgetSite(UUID id, boolean active, boolean demo, List<String> allowedDomains) {

        static WidgetSite of(Site site) {
            return new WidgetSite(site.id, site.active, site.demo, List.of(site.allowedDomains));
        }
    }

    private final SiteRepository sites;
    private final Cache cache;

    public WidgetSites(SiteRepository sites, @CacheName(CACHE) Cache cache) {
        this.sites = sites;
        this.cache = cache;
    }

    /** The site of a widget id (the site's id) or publishable key; a null item when there is none. */
    @CacheResult(cacheName = CACHE)
    public Uni<WidgetSite> find(String widgetId) {
        return Panache.withSession(() -> sites.findByWidgetId(widgetId)).map(site -> site == null ? null : WidgetSite.of(site));
    }

    Uni<Void> forgetAll() {
        return cache.invalidateAll();
    }
}

package dev.frontdesk.visitor.widget;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.problem.AccessDeniedException;
import dev.frontdesk.platform.problem.UnauthenticatedException;
import dev.frontdesk.platform.web.AllowedDomains;
import dev.frontdesk.visitor.config.VisitorsConfig;
import dev.frontdesk.visitor.repository.SiteRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Resolves a widget's publishable key to its site and checks the request may act for it (site active, Origin or
 * Referer one of its allowed domains). Sites are held in memory for {@code frontdesk.visitors.site-cache-ttl} so the
 * heartbeat path does not read them on every request; changes made through this replica apply at once, changes made
 * on another replica after at most the TTL.
 */
@ApplicationScoped
public class WidgetSites {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<WidgetSite> site, Instant loadedAt) {
    }

    private final SiteRepository sites;
    private final VisitorsConfig config;
    private final Clock clock;
    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();

    public WidgetSites(SiteRepository sites, VisitorsConfig config, Clock clock) {
        this.sites = sites;
        this.config = config;
        this.clock = clock;
    }

    /** The site of {@code key} if it is active and the request comes from one of its domains; 401/403 otherwise. */
    public Uni<WidgetSite> authorize(String key, String origin, String referer) {
        if (key == null || key.isBlank()) {
            return Uni.createFrom().failure(new UnauthenticatedException("The X-Org-Key header (the site's publishable key) is required."));
        }
        return find(key.strip()).map(found -> {
            WidgetSite site = found.orElseThrow(() -> new UnauthenticatedException("Unknown site key."));
            if (!site.active()) {
                throw new AccessDeniedException("This site is not active.");
            }
            String host = AllowedDomains.host(origin != null ? origin : referer);
            if (!AllowedDomains.allows(site.allowedDomains(), host)) {
                throw new AccessDeniedException("Requests from " + (host == null ? "an unknown origin" : host)
                        + " are not allowed for this site.");
            }
            return site;
        });
    }

    /** Forgets a site so the next request reads it again (called after a change on this replica). */
    public void forget(String key) {
        byKey.remove(key);
    }

    private Uni<Optional<WidgetSite>> find(String key) {
        Instant now = clock.instant();
        Entry cached = byKey.get(key);
        if (cached != null && cached.loadedAt().plus(config.siteCacheTtl()).isAfter(now)) {
            return Uni.createFrom().item(cached.site());
        }
        return Panache.withSession(() -> sites.find("publishableKey", key).firstResult())
                .map(site -> {
                    Optional<WidgetSite> found = Optional.ofNullable(site).map(WidgetSite::of);
                    if (byKey.size() >= MAX_ENTRIES) {
                        byKey.clear();
                    }
                    byKey.put(key, new Entry(found, now));
                    return found;
                });
    }
}

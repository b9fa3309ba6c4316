package dev.frontdesk.notification.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.events.MalformedEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Keeps the sites the widget socket checks. Runs inside the consumer's inbox transaction. */
@ApplicationScoped
public class SiteReadModel {

    // An older change arriving late does not overwrite a newer one.
    private static final String UPSERT = """
            INSERT INTO site (id, org_id, publishable_key, allowed_domains, active, updated_at)
            VALUES (:id, :org, :key, string_to_array(:domains, ' '), :active, :updatedAt)
            ON CONFLICT (id) DO UPDATE SET org_id = excluded.org_id, publishable_key = excluded.publishable_key,
                allowed_domains = excluded.allowed_domains, active = excluded.active, updated_at = excluded.updated_at
            WHERE site.updated_at <= excluded.updated_at""";

    public Uni<Void> upserted(NotificationEvents.SiteUpserted site) {
        if (site.siteId() == null || site.org() == null || site.publishableKey() == null || site.allowedDomains() == null
                || site.updatedAt() == null) {
            return Uni.createFrom().failure(new MalformedEventException("site.upserted without id, org, key, domains or time"));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("id", site.siteId())
                .setParameter("org", site.org())
                .setParameter("key", site.publishableKey())
                .setParameter("domains", String.join(" ", site.allowedDomains()))
                .setParameter("active", site.active())
                .setParameter("updatedAt", OffsetDateTime.ofInstant(site.updatedAt(), ZoneOffset.UTC))
                .executeUpdate())
                .replaceWithVoid();
    }
}

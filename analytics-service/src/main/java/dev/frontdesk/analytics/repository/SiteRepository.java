package dev.frontdesk.analytics.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.analytics.model.Site;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, UUID> {

    /** A widget names its site by the site's publishable key (or, from server code, its id). */
    public Uni<Site> findByWidgetId(String widgetId) {
        try {
            return findById(UUID.fromString(widgetId));
        } catch (IllegalArgumentException notAnId) {
            return find("publishableKey", widgetId).firstResult();
        }
    }
}

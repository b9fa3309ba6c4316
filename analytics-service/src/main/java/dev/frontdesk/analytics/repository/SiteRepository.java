package dev.frontdesk.analytics.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.analytics.model.Site;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, UUID> {
}

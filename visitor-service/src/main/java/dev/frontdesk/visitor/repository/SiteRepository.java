package dev.frontdesk.visitor.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.visitor.model.Site;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, UUID> {

    public Uni<Site> findInOrg(String orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResult();
    }
}

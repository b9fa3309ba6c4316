package dev.frontdesk.call.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.model.Company;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CompanyRepository implements PanacheRepositoryBase<Company, UUID> {

    public Uni<Company> findInOrg(String orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResult();
    }

    public Uni<Company> findByName(String orgId, String name) {
        return find("orgId = ?1 and name = ?2", orgId, name).firstResult();
    }

    public Uni<List<Company>> listByOrg(String orgId) {
        return list("orgId", Sort.by("name"), orgId);
    }
}

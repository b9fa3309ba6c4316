package dev.frontdesk.call.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.model.DirectoryUser;
import dev.frontdesk.platform.rest.Page;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DirectoryUserRepository implements PanacheRepositoryBase<DirectoryUser, UUID> {

    public Uni<DirectoryUser> findUser(String orgId, String userId) {
        return find("orgId = ?1 and userId = ?2", orgId, userId).firstResult();
    }

    public Uni<List<DirectoryUser>> findUsers(String orgId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("orgId = ?1 and userId in ?2", orgId, userIds);
    }

    /** Users of an organization, optionally of one company and role, whose name or email contains {@code search}. */
    public Uni<Page<DirectoryUser>> search(String orgId, UUID companyId, String role, String search, int page,
            int size) {
        StringBuilder where = new StringBuilder("orgId = ?1");
        List<Object> params = new ArrayList<>(List.of(orgId));
        if (companyId != null) {
            params.add(companyId);
            where.append(" and companyId = ?").append(params.size());
        }
        if (role != null) {
            params.add(role);
            where.append(" and role = ?").append(params.size());
        }
        if (search != null && !search.isBlank()) {
            params.add(Page.likePattern(search));
            where.append(" and (lower(name) like ?").append(params.size())
                    .append(" escape '\\' or lower(email) like ?").append(params.size()).append(" escape '\\')");
        }
        PanacheQuery<DirectoryUser> query = find(where.toString(), Sort.by("name").and("userId"), params.toArray())
                .page(page, size);
        return query.list().chain(items -> query.count().map(total -> new Page<>(items, page, size, total)));
    }
}

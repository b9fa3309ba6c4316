package dev.frontdesk.call.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.model.Company;
import dev.frontdesk.call.model.DirectoryUser;
import dev.frontdesk.call.repository.CompanyRepository;
import dev.frontdesk.call.repository.DirectoryUserRepository;
import dev.frontdesk.platform.problem.AccessDeniedException;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import dev.frontdesk.platform.problem.StateConflictException;
import dev.frontdesk.platform.rest.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Companies, staff and clients of an organization, maintained by its admins. */
@ApplicationScoped
public class DirectoryService {

    private final CompanyRepository companies;
    private final DirectoryUserRepository users;
    private final Clock clock;

    public DirectoryService(CompanyRepository companies, DirectoryUserRepository users, Clock clock) {
        this.companies = companies;
        this.users = users;
        this.clock = clock;
    }

    public record UserDetails(UUID companyId, String role, String name, String email, String avatarUrl, String phone) {
    }

    public record Upserted(DirectoryUser user, boolean created) {
    }

    @WithTransaction
    public Uni<Company> createCompany(String orgId, String name) {
        String trimmed = name.trim();
        return companies.findByName(orgId, trimmed).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new StateConflictException("A company named " + trimmed + " exists."));
            }
            Company company = new Company();
            company.id = UUID.randomUUID();
            company.orgId = orgId;
            company.name = trimmed;
            company.createdAt = clock.instant();
            return companies.persist(company);
        });
    }

    @WithSession
    public Uni<List<Company>> companies(String orgId) {
        return companies.listByOrg(orgId);
    }

    @WithTransaction
    public Uni<Upserted> upsertUser(String orgId, String userId, UserDetails details) {
        return companies.findInOrg(orgId, details.companyId())
                .onItem().ifNull().failWith(() -> new InvalidRequestException(
                        "No company " + details.companyId() + " in this organization."))
                .chain(company -> users.findUser(orgId, userId))
                .chain(existing -> {
                    Instant now = clock.instant();
                    DirectoryUser user = existing;
                    if (user == null) {
                        user = new DirectoryUser();
                        user.id = UUID.randomUUID();
                        user.orgId = orgId;
                        user.userId = userId;
                        user.createdAt = now;
                    }
                    user.companyId = details.companyId();
                    user.role = details.role();
                    user.name = details.name().trim();
                    user.email = details.email();
                    user.avatarUrl = details.avatarUrl();
                    user.phone = details.phone();
                    user.updatedAt = now;
                    boolean created = existing == null;
                    return users.persist(user).map(saved -> new Upserted(saved, created));
                });
    }

    @WithTransaction
    public Uni<Void> deleteUser(String orgId, String userId) {
        return users.findUser(orgId, userId)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No user " + userId + " in the directory."))
                .chain(users::delete);
    }

    @WithSession
    public Uni<DirectoryUser> user(String orgId, String userId) {
        return users.findUser(orgId, userId)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No user " + userId + " in the directory."));
    }

    @WithSession
    public Uni<Page<DirectoryUser>> search(String orgId, UUID companyId, String role, String search, int page, int size) {
        return users.search(orgId, companyId, role, search, page, size);
    }

    /** The people of the caller's company they may call: clients for staff, staff for clients. */
    @WithSession
    public Uni<Page<DirectoryUser>> contacts(String orgId, String userId, String wantedRole, String search, int page,
            int size) {
        return member(orgId, userId).chain(me -> {
            if (me.role.equals(wantedRole)) {
                return Uni.createFrom().failure(new AccessDeniedException(
                        "Staff see the clients of their company, and clients its staff."));
            }
            return users.search(orgId, me.companyId, wantedRole, search, page, size);
        });
    }

    /** The caller's own directory entry; a caller who is not in the directory may not use it. */
    public Uni<DirectoryUser> member(String orgId, String userId) {
        return users.findUser(orgId, userId)
                .onItem().ifNull().failWith(() -> new AccessDeniedException(
                        "You are not in this organization's directory; ask an admin to add you."));
    }
}

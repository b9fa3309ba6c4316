package dev.frontdesk.call.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.model.Room;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<Room, UUID> {

    /** A room of {@code createdBy} by the name it gave it. */
    public Uni<Room> findOwn(String orgId, String createdBy, String name) {
        return find("orgId = ?1 and createdBy = ?2 and name = ?3", orgId, createdBy, name).firstResult();
    }

    /** A room of the organization by id (rooms of one name but different owners are told apart by it). */
    public Uni<Room> findInOrg(String orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResult();
    }

    /** A room by its name at the provider (what Daily's webhooks name), whatever its organization. */
    public Uni<Room> findByProviderName(String providerName) {
        return find("providerName", providerName).firstResult();
    }
}

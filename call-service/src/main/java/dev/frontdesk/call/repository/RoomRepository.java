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

    /**
     * The room of that name {@code subject} may see: their own first, then one they host, then (for an admin, who
     * sees the organization's rooms) the oldest of that name.
     */
    public Uni<Room> findVisible(String orgId, String name, String subject, boolean admin) {
        return find("orgId = ?1 and name = ?2 and (?4 = true or createdBy = ?3 or hostId = ?3) "
                + "order by case when createdBy = ?3 then 0 when hostId = ?3 then 1 else 2 end, createdAt",
                orgId, name, subject, admin).firstResult();
    }

    /** A room by its name at the provider (what Daily's webhooks name), whatever its organization. */
    public Uni<Room> findByProviderName(String providerName) {
        return find("providerName", providerName).firstResult();
    }
}

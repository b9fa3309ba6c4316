package dev.frontdesk.call.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.model.Room;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<Room, UUID> {

    /** Room names are unique across organizations (Daily's names are per domain); callers check the org. */
    public Uni<Room> findByName(String name) {
        return find("name", name).firstResult();
    }
}

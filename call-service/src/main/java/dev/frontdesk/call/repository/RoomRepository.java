package dev.frontdesk.call.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.model.Room;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<Room, UUID> {

    public Uni<Room> findByName(String orgId, String name) {
        return find("orgId = ?1 and name = ?2", orgId, name).firstResult();
    }
}

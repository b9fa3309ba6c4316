package dev.frontdesk.visitor.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.visitor.model.RoomEnd;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;

@ApplicationScoped
public class RoomEndRepository implements PanacheRepository<RoomEnd> {
}

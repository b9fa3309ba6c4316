package dev.frontdesk.booking.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.booking.model.RoomActivity;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;

@ApplicationScoped
public class RoomActivityRepository implements PanacheRepository<RoomActivity> {
}

package dev.frontdesk.booking.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.booking.model.RoomActivity;
import dev.frontdesk.booking.repository.RoomActivityRepository;
import io.smallrye.mutiny.Uni;

/** Records who joined a booked room. Runs inside the consumer's inbox transaction. */
@ApplicationScoped
public class RoomActivityService {

    private final RoomActivityRepository activity;

    public RoomActivityService(RoomActivityRepository activity) {
        this.activity = activity;
    }

    public Uni<Void> joined(UUID eventId, BookingEvents.ParticipantJoined joined) {
        RoomActivity row = new RoomActivity();
        row.eventId = eventId;
        row.roomName = joined.roomName();
        row.participant = joined.participant();
        row.joinedAt = joined.joinedAt();
        return activity.persist(row).replaceWithVoid();
    }
}

package dev.frontdesk.visitor.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.visitor.model.RoomEnd;
import dev.frontdesk.visitor.repository.RoomEndRepository;
import io.smallrye.mutiny.Uni;

/** Records that a video room ended. Runs inside the consumer's inbox transaction. */
@ApplicationScoped
public class RoomEndService {

    private final RoomEndRepository roomEnds;

    public RoomEndService(RoomEndRepository roomEnds) {
        this.roomEnds = roomEnds;
    }

    public Uni<Void> ended(UUID eventId, VisitorEvents.RoomEnded ended) {
        RoomEnd end = new RoomEnd();
        end.eventId = eventId;
        end.roomName = ended.roomName();
        end.endedAt = ended.endedAt();
        end.durationSeconds = ended.durationSeconds();
        return roomEnds.persist(end).replaceWithVoid();
    }
}

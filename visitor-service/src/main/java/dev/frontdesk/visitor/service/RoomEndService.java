package dev.frontdesk.visitor.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.visitor.invites.InviteService;
import dev.frontdesk.visitor.model.RoomEnd;
import dev.frontdesk.visitor.repository.RoomEndRepository;
import io.smallrye.mutiny.Uni;

/** A video room ended: recorded, and the accepted invites into it completed. Runs in the consumer's inbox transaction. */
@ApplicationScoped
public class RoomEndService {

    private final RoomEndRepository roomEnds;
    private final InviteService invites;

    public RoomEndService(RoomEndRepository roomEnds, InviteService invites) {
        this.roomEnds = roomEnds;
        this.invites = invites;
    }

    public Uni<Void> ended(UUID eventId, VisitorEvents.RoomEnded ended) {
        RoomEnd end = new RoomEnd();
        end.eventId = eventId;
        end.roomName = ended.roomName();
        end.endedAt = ended.endedAt();
        end.durationSeconds = ended.durationSeconds();
        return roomEnds.persist(end)
                .chain(() -> invites.roomEnded(ended.org(), ended.roomName(), ended.endedAt(), ended.durationSeconds()));
    }
}

package dev.frontdesk.visitor.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.visitor.invites.InviteService;
import dev.frontdesk.visitor.model.RoomEnd;
import dev.frontdesk.visitor.repository.RoomEndRepository;
import dev.frontdesk.platform.rooms.CallServiceRooms;
import io.smallrye.mutiny.Uni;

/** A video room ended: recorded, and the accepted invites into it completed. Runs in the consumer's inbox transaction. */
@ApplicationScoped
public class RoomEndService {

    private final RoomEndRepository roomEnds;
    private final InviteService invites;
    private final CallServiceRooms rooms;

    public RoomEndService(RoomEndRepository roomEnds, InviteService invites, CallServiceRooms rooms) {
        this.roomEnds = roomEnds;
        this.invites = invites;
        this.rooms = rooms;
    }

    /** Only rooms this service made (invites' rooms): another owner's room of the same name changes nothing. */
    public Uni<Void> ended(UUID eventId, VisitorEvents.RoomEnded ended) {
        if (!rooms.isOurs(ended.roomOwner())) {
            return Uni.createFrom().voidItem();
        }
        RoomEnd end = new RoomEnd();
        end.eventId = eventId;
        end.roomName = ended.roomName();
        end.endedAt = ended.endedAt();
        end.durationSeconds = ended.durationSeconds();
        return roomEnds.persist(end)
                .chain(() -> invites.roomEnded(ended.org(), ended.roomName(), ended.endedAt(), ended.durationSeconds()));
    }
}

package dev.frontdesk.call.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.frontdesk.call.client.DailyException;
import dev.frontdesk.call.client.DailyRejectedException;
import dev.frontdesk.call.config.RoomsConfig;
import dev.frontdesk.call.model.Room;
import dev.frontdesk.call.repository.RoomRepository;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import dev.frontdesk.platform.problem.ServiceUnavailableException;
import dev.frontdesk.platform.problem.StateConflictException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Rooms for calls, visitor invites and bookings. The provider is called outside any database transaction; the
 * room row and its {@code room.created} event are then written together.
 */
@ApplicationScoped
public class RoomService {

    private static final Logger LOG = Logger.getLogger(RoomService.class);
    private static final Duration MAX_LIFETIME = Duration.ofDays(90);
    private static final char[] NAME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final RoomRepository rooms;
    private final VideoProvider provider;
    private final Outbox outbox;
    private final RoomsConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RoomService(RoomRepository rooms, VideoProvider provider, Outbox outbox, RoomsConfig config, Clock clock) {
        this.rooms = rooms;
        this.provider = provider;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A new room, or the existing one {@code createdBy} gave that name. Names belong to their creator within the
     * organization: nobody else's rooms are seen or blocked by them.
     */
    public Uni<CreatedRoom> create(String orgId, String createdBy, NewRoom request) {
        if (request.name() == null) {
            return provisionAndSave(orgId, createdBy, request);
        }
        return Panache.withSession(() -> rooms.findOwn(orgId, createdBy, request.name()))
                .chain(existing -> {
                    if (existing == null) {
                        return provisionAndSave(orgId, createdBy, request);
                    }
                    if (existing.deletedAt != null) {
                        return Uni.createFrom().failure(new StateConflictException(
                                "The room " + request.name() + " was deleted; use another name."));
                    }
                    return Uni.createFrom().item(new CreatedRoom(existing, false));
                });
    }

    private Uni<CreatedRoom> provisionAndSave(String orgId, String createdBy, NewRoom request) {
        return provision(orgId, createdBy, request)
                .chain(room -> Panache.withTransaction(() -> save(room)))
                .map(room -> new CreatedRoom(room, true));
    }

    /** Creates the room at the provider; nothing is stored yet. A provider outage is a 503. */
    public Uni<Room> provision(String orgId, String createdBy, NewRoom request) {
        Instant now = clock.instant();
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt()
                : now.plus(request.expiresIn() == null ? config.defaultExpiry() : request.expiresIn());
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            return Uni.createFrom().failure(new InvalidRequestException("A room can live 90 days at most."));
        }
        Room room = new Room();
        room.id = UUID.randomUUID();
        room.orgId = orgId;
        room.name = request.name() == null ? "fd-" + randomName(16) : request.name();
        room.providerName = RoomNames.providerName(orgId, createdBy, room.name);
        room.provider = provider.name();
        room.maxParticipants = request.maxParticipants() == null ? config.defaultMaxParticipants()
                : request.maxParticipants();
        room.recording = request.recording();
        room.createdBy = createdBy;
        room.createdAt = now;
        room.expiresAt = expiresAt;
        VideoProvider.RoomSpec spec = new VideoProvider.RoomSpec(room.providerName, room.expiresAt, room.maxParticipants,
                room.recording, request.host(), request.guest());
        return provider.create(spec)
                .onFailure(RoomService::isProviderOutage).transform(failure -> {
                    LOG.warnf("Could not create room %s at %s: %s", room.name, provider.name(), failure.getMessage());
                    return new ServiceUnavailableException(
                            "The video provider is not available right now; nothing was created. Try again shortly.");
                })
                .map(provisioned -> {
                    room.providerRoomId = provisioned.providerRoomId();
                    room.url = provisioned.url();
                    room.hostUrl = provisioned.hostUrl();
                    room.guestUrl = provisioned.guestUrl();
                    return room;
                });
    }

    /** Stores a provisioned room and its {@code room.created} event; runs in the caller's transaction. */
    public Uni<Room> save(Room room) {
        return rooms.persist(room)
                .chain(saved -> outbox.record(CallEvents.ROOM_CREATED, saved.name,
                        new CallEvents.RoomCreated(saved.name, saved.orgId, saved.createdBy, saved.provider, saved.url, saved.expiresAt,
                                saved.maxParticipants, saved.recording)))
                .replaceWith(room);
    }

    /** Removes a provisioned room that will not be used (its call could not be stored). Best effort. */
    public Uni<Void> discard(Room room) {
        return provider.delete(room.providerName)
                .onFailure().recoverWithUni(failure -> {
                    LOG.infof("Room %s left to expire at the provider: %s", room.name, failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * The room the caller names: its own room of that name, or for an admin (who sees the organization's rooms) the
     * room with that id; anything else is a 404, as for a room that does not exist.
     */
    @WithSession
    public Uni<Room> find(String orgId, String nameOrId, String owner, boolean admin) {
        UUID id = admin ? uuid(nameOrId) : null;
        return (id != null ? rooms.findInOrg(orgId, id) : rooms.findOwn(orgId, owner, nameOrId))
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No room " + nameOrId + "."));
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    /**
     * Deletes the room the caller may see by that name at the provider, then marks it deleted. Deleting twice is
     * fine.
     */
    public Uni<Void> delete(String orgId, String name, String owner, boolean admin) {
        return find(orgId, name, owner, admin)
                .chain(room -> room.deletedAt != null ? Uni.createFrom().voidItem()
                        : provider.delete(room.providerName)
                                .onFailure(RoomService::isProviderOutage).transform(failure -> new ServiceUnavailableException(
                                        "The video provider is not available right now; the room was not deleted."))
                                .chain(() -> Panache.withTransaction(() -> rooms.findById(room.id)
                                        .invoke(stored -> stored.deletedAt = clock.instant())))
                                .replaceWithVoid());
    }

    private static boolean isProviderOutage(Throwable failure) {
        return failure instanceof DailyException || failure instanceof DailyRejectedException
                || failure instanceof CircuitBreakerOpenException || failure instanceof TimeoutException
                || failure instanceof ProcessingException;
    }

    private String randomName(int length) {
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(NAME_ALPHABET[random.nextInt(NAME_ALPHABET.length)]);
        }
        return name.toString();
    }

    public record CreatedRoom(Room room, boolean created) {
    }
}

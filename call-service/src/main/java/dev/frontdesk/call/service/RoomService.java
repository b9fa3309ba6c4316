package dev.frontdesk.call.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.config.RoomsConfig;
import dev.frontdesk.call.model.Room;
import dev.frontdesk.call.repository.RoomRepository;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RoomService {

    private static final String JITSI = "jitsi";
    private static final char[] NAME_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final RoomRepository rooms;
    private final Outbox outbox;
    private final RoomsConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RoomService(RoomRepository rooms, Outbox outbox, RoomsConfig config, Clock clock) {
        this.rooms = rooms;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Room> create(String orgId, String createdBy, NewRoom request) {
        Instant now = clock.instant();
        Duration expiresIn = request.expiresIn() == null ? config.defaultExpiry() : request.expiresIn();
        Room room = new Room();
        room.id = UUID.randomUUID();
        room.orgId = orgId;
        room.name = "fd-" + randomName(16);
        room.provider = JITSI;
        room.url = config.jitsiBaseUrl().replaceAll("/+$", "") + "/" + room.name;
        room.hostUrl = room.url;
        room.guestUrl = room.url;
        room.maxParticipants = request.maxParticipants() == null ? config.defaultMaxParticipants() : request.maxParticipants();
        room.recording = request.recording();
        room.createdBy = createdBy;
        room.createdAt = now;
        room.expiresAt = now.plus(expiresIn);
        return rooms.persist(room)
                .chain(saved -> outbox.record(CallEvents.ROOM_CREATED, saved.name,
                        new CallEvents.RoomCreated(saved.name, saved.orgId, saved.provider, saved.url, saved.expiresAt,
                                saved.maxParticipants, saved.recording)))
                .replaceWith(room);
    }

    @WithSession
    public Uni<Room> find(String orgId, String name) {
        return rooms.findByName(orgId, name)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No room " + name + "."));
    }

    private String randomName(int length) {
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(NAME_ALPHABET[random.nextInt(NAME_ALPHABET.length)]);
        }
        return name.toString();
    }
}

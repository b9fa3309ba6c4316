package dev.frontdesk.call.service;

import java.time.Instant;

import io.smallrye.mutiny.Uni;

/** Where rooms come from: Daily, or Jitsi when no Daily key is configured. */
public interface VideoProvider {

    String name();

    Uni<ProvisionedRoom> create(RoomSpec spec);

    /** Removes the room at the provider; a room that is already gone counts as removed. */
    Uni<Void> delete(String roomName);

    /** Who joins a room, written into their meeting token so webhooks can name them. */
    record Participant(String userId, String name) {
    }

    record RoomSpec(String name, Instant expiresAt, int maxParticipants, boolean recording, Participant host,
            Participant guest) {
    }

    record ProvisionedRoom(String providerRoomId, String url, String hostUrl, String guestUrl) {
    }
}

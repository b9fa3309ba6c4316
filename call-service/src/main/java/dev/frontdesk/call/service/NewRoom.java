package dev.frontdesk.call.service;

import java.time.Duration;
import java.time.Instant;

/**
 * What a caller asks of a new room; absent values take the configured defaults. A {@code name} makes the create
 * idempotent: asking again for the same name returns the same room (bookings use {@code bk-<uid>}).
 */
public record NewRoom(String name, Duration expiresIn, Instant expiresAt, Integer maxParticipants, boolean recording,
        VideoProvider.Participant host, VideoProvider.Participant guest) {

    public static NewRoom defaults() {
        return new NewRoom(null, null, null, null, false, null, null);
    }
}

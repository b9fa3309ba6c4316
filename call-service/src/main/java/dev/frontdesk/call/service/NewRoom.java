package dev.frontdesk.call.service;

import java.time.Duration;

/** What a caller asks of a new room; absent values take the configured defaults. */
public record NewRoom(Duration expiresIn, Integer maxParticipants, boolean recording) {
}

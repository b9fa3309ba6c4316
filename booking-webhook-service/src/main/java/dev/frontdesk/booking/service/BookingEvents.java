package dev.frontdesk.booking.service;

import java.time.Instant;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;

/** Events booking-webhook-service publishes and consumes, with their payloads. */
public final class BookingEvents {

    public static final EventType BOOKING_CREATED = EventType.of(Topics.BOOKINGS, "booking.created", 1);
    public static final EventType PARTICIPANT_JOINED = EventType.of(Topics.CALLS, "room.participant.joined", 1);

    public record ParticipantJoined(String roomName, String participant, Instant joinedAt) {
    }

    private BookingEvents() {
    }
}

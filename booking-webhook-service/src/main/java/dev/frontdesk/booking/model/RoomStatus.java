package dev.frontdesk.booking.model;

/** The seed's video room status: Not Created, Active, Ended. */
public enum RoomStatus {
    NOT_CREATED, ACTIVE, ENDED
}

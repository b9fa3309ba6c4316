package dev.frontdesk.booking.model;

/** The seed's Pending/Created/Cancelled/Completed, plus Cal.com's rejected and rescheduled (closed, replaced). */
public enum BookingStatus {

    PENDING, CREATED, CANCELLED, REJECTED, RESCHEDULED, COMPLETED;

    /** Closed: nobody joins it any more and it needs no room. */
    public boolean isClosed() {
        return this == CANCELLED || this == REJECTED || this == RESCHEDULED;
    }
}

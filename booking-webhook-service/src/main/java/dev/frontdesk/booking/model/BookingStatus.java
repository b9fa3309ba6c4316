package dev.frontdesk.booking.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a booking — the seed's Pending/Created/Cancelled/Completed plus Cal.com's rejected and rescheduled — and
 * the one place that says which status may follow which. Cal.com's deliveries can arrive in any order; a status only
 * moves along this table, so a late {@code BOOKING_REQUESTED} never takes a confirmed booking back to PENDING and a
 * late {@code BOOKING_CREATED} never reopens a cancelled one.
 * <ul>
 * <li>PENDING: requested, waiting for the host's confirmation;</li>
 * <li>CREATED: confirmed (Cal.com's ACCEPTED);</li>
 * <li>CANCELLED, REJECTED: closed by a person; a cancelled booking can still become RESCHEDULED when its member books
 * again through Cal.com's reschedule link (the host's "request reschedule");</li>
 * <li>RESCHEDULED: replaced by another booking ({@code rescheduledTo});</li>
 * <li>COMPLETED: the session took place.</li>
 * </ul>
 */
public enum BookingStatus {

    PENDING, CREATED, CANCELLED, REJECTED, RESCHEDULED, COMPLETED;

    private static final Map<BookingStatus, Set<BookingStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(CREATED, CANCELLED, REJECTED, RESCHEDULED),
            CREATED, EnumSet.of(CANCELLED, RESCHEDULED, COMPLETED),
            CANCELLED, EnumSet.of(RESCHEDULED),
            REJECTED, EnumSet.noneOf(BookingStatus.class),
            RESCHEDULED, EnumSet.noneOf(BookingStatus.class),
            COMPLETED, EnumSet.noneOf(BookingStatus.class));

    public boolean canBecome(BookingStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Closed: nobody joins it any more and it needs no room. */
    public boolean isClosed() {
        return this == CANCELLED || this == REJECTED || this == RESCHEDULED;
    }
}

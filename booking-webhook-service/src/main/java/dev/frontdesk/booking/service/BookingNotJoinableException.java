package dev.frontdesk.booking.service;

import java.util.Map;

import dev.frontdesk.booking.model.BookingStatus;
import dev.frontdesk.platform.problem.StateConflictException;

/**
 * A booking nobody can join now (409): still waiting for the host's confirmation, or closed. Its status is the
 * problem's {@code bookingStatus} member ({@code status} is the problem's HTTP status), so the join page can say
 * "not open yet" or "cancelled" / "moved to another time" without reading prose.
 */
public class BookingNotJoinableException extends StateConflictException {

    private final BookingStatus bookingStatus;

    public BookingNotJoinableException(BookingStatus bookingStatus, String detail) {
        super(detail);
        this.bookingStatus = bookingStatus;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("bookingStatus", bookingStatus.name());
    }
}

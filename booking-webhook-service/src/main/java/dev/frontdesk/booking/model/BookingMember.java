package dev.frontdesk.booking.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person who booked a session: a seat of a seated event type, or the booker or a guest of any other booking. Each
 * member has their own reminders (notification-service keys them by {@link #memberKey}).
 */
@Entity
@Table(name = "booking_member")
public class BookingMember {

    public static final String BOOKED = "booked";
    public static final String CANCELLED = "cancelled";

    @Id
    public UUID id;

    @Column(name = "booking_id", nullable = false)
    public UUID bookingId;

    /** The lower-cased email, else {@code seat:<seat uid>}: one member per person and booking. */
    @Column(name = "member_key", nullable = false)
    public String memberKey;

    public String name;

    public String email;

    public String phone;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "seat_uid")
    public String seatUid;

    /** {@link #BOOKED} or {@link #CANCELLED} (this member's seat, not the booking). */
    @Column(nullable = false)
    public String status;

    @Column(name = "status_at", nullable = false)
    public Instant statusAt;

    @Column(name = "no_show")
    public Boolean noShow;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean booked() {
        return BOOKED.equals(status);
    }
}

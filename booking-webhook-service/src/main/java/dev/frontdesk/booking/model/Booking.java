package dev.frontdesk.booking.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import dev.frontdesk.platform.secrets.EncryptedText;

/** A Cal.com booking of an organization and its video room. */
@Entity
@Table(name = "booking")
public class Booking {

    /** Where the room came from: Cal.com's own (Cal Video) or one we asked call-service for. */
    public static final String ROOM_FROM_CALCOM = "calcom";
    public static final String ROOM_FROM_FRONTDESK = "frontdesk";

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(nullable = false)
    public String uid;

    @Column(name = "calcom_id")
    public Long calcomId;

    public String title;

    @Column(name = "event_type")
    public String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BookingStatus status;

    @Column(name = "status_at", nullable = false)
    public Instant statusAt;

    @Column(name = "start_at")
    public Instant startAt;

    @Column(name = "end_at")
    public Instant endAt;

    @Column(name = "host_name")
    public String hostName;

    @Column(name = "host_email")
    public String hostEmail;

    @Column(name = "host_time_zone")
    public String hostTimeZone;

    @Column(name = "member_name")
    public String memberName;

    @Column(name = "member_email")
    public String memberEmail;

    @Column(name = "member_phone")
    public String memberPhone;

    @Column(name = "member_time_zone")
    public String memberTimeZone;

    public String location;

    @Enumerated(EnumType.STRING)
    @Column(name = "room_status", nullable = false)
    public RoomStatus roomStatus;

    @Column(name = "room_source")
    public String roomSource;

    @Column(name = "room_name")
    public String roomName;

    @Column(name = "room_url")
    public String roomUrl;

    /** With Daily it carries the room owner's meeting token: stored encrypted (platform's SecretBox). */
    @Column(name = "host_url")
    @Convert(converter = EncryptedText.class)
    public String hostUrl;

    @Column(name = "guest_url")
    public String guestUrl;

    @Column(name = "room_attempts", nullable = false)
    public int roomAttempts;

    /** When the room job should next make or remove this booking's room; null when there is nothing to do. */
    @Column(name = "room_next_attempt")
    public Instant roomNextAttempt;

    @Column(name = "room_last_error")
    public String roomLastError;

    @Column(name = "room_removed_at")
    public Instant roomRemovedAt;

    @Column(name = "rescheduled_from")
    public String rescheduledFrom;

    @Column(name = "rescheduled_to")
    public String rescheduledTo;

    @Column(name = "cancellation_reason")
    public String cancellationReason;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    /**
     * Set when the host asks to join (the seed's meaning), or when the room reports them in without asking; the room's
     * own report is {@link #hostParticipantJoinedAt}.
     */
    @Column(name = "host_joined", nullable = false)
    public boolean hostJoined;

    @Column(name = "member_joined", nullable = false)
    public boolean memberJoined;

    @Column(name = "host_joined_at")
    public Instant hostJoinedAt;

    @Column(name = "member_joined_at")
    public Instant memberJoinedAt;

    /** Cal.com's {@code seatsPerTimeSlot}: set for a seated event type, whose members book and cancel seats. */
    @Column(name = "seats_per_time_slot")
    public Integer seatsPerTimeSlot;

    /** Cancelled by the host with Cal.com's "request reschedule": the member was asked to book again. */
    @Column(name = "reschedule_requested", nullable = false)
    public boolean rescheduleRequested;

    /** When the room reported the host in it (Daily's participant.joined through call-service). */
    @Column(name = "host_participant_joined_at")
    public Instant hostParticipantJoinedAt;

    @Column(name = "member_participant_joined_at")
    public Instant memberParticipantJoinedAt;

    @Column(name = "member_no_show")
    public Boolean memberNoShow;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A booking that should have a room we make, and has none yet. */
    public boolean needsRoom() {
        return status == BookingStatus.CREATED && roomSource == null && roomStatus == RoomStatus.NOT_CREATED;
    }

    /** A closed booking whose room we made and have not removed yet. */
    public boolean roomToRemove() {
        return status.isClosed() && ROOM_FROM_FRONTDESK.equals(roomSource) && roomRemovedAt == null;
    }
}

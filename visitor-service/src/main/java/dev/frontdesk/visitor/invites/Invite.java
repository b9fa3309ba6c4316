package dev.frontdesk.visitor.invites;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import dev.frontdesk.platform.secrets.EncryptedText;

/** A video invite sent to a visitor. Every invite is kept; a resend is a new invite with the same room and URLs. */
@Entity
@Table(name = "invite")
public class Invite {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    @Column(name = "visitor_id", nullable = false)
    public UUID visitorId;

    @Column(name = "session_id", nullable = false)
    public String sessionId;

    /** The video room's name at call-service. */
    @Column(name = "room_id", nullable = false)
    public String roomId;

    /** Carries the room owner's token: for staff only, never published. */
    /** With Daily it carries the room owner's meeting token: stored encrypted (platform's SecretBox). */
    @Column(name = "host_url", nullable = false)
    @Convert(converter = EncryptedText.class)
    public String hostUrl;

    @Column(name = "guest_url", nullable = false)
    public String guestUrl;

    @Convert(converter = InviteStatus.Converter.class)
    @Column(nullable = false)
    public InviteStatus status;

    @Column(name = "invited_by", nullable = false)
    public String invitedBy;

    @Column(name = "invited_by_name")
    public String invitedByName;

    public String message;

    @Column(name = "resent_from")
    public UUID resentFrom;

    @Column(name = "invited_at", nullable = false)
    public Instant invitedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "room_expires_at", nullable = false)
    public Instant roomExpiresAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "declined_at")
    public Instant declinedAt;

    @Column(name = "expired_at")
    public Instant expiredAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "duration_seconds")
    public Long durationSeconds;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

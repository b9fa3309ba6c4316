package dev.frontdesk.notification.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One notification on one channel for one recipient, and what became of it. Slack posts and SMS are also their own
 * schedule: a pending row with a due time, claimed by {@code DispatchJob}.
 */
@Entity
@Table(name = "delivery")
public class Delivery {

    @Id
    public UUID id;

    public String org;

    @Convert(converter = DeliveryChannel.Converter.class)
    @Column(nullable = false)
    public DeliveryChannel channel;

    /** A user id, {@code staff} (every staff member of the org), a visitor id, a phone number or {@code slack}. */
    @Column(nullable = false)
    public String recipient;

    /** What it is about: {@code call}, {@code invite}, {@code booking}, {@code test}. */
    @Column(nullable = false)
    public String kind;

    /** The frame type ({@code incoming-call}, …), the SMS template key or the Slack event. */
    @Column(nullable = false)
    public String type;

    /** The id of what it is about (a call id, an invite id, a booking uid, …). */
    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    @Column(name = "visitor_id")
    public String visitorId;

    @Convert(converter = DeliveryStatus.Converter.class)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "due_at")
    public Instant dueAt;

    /** An SMS due after this moment is skipped (a reminder never goes after the session started). */
    @Column(name = "not_after")
    public Instant notAfter;

    /** Set while a dispatcher works on the row; an SMS left with a lapsed lease had an unknown outcome. */
    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "dedupe_key")
    public String dedupeKey;

    /** The Slack message to post; unused otherwise. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String payload;

    /** Twilio's message SID. */
    @Column(name = "provider_id")
    public String providerId;

    /** Twilio's status of the SMS ({@code queued}, …, {@code delivered}); only moves forward (TwilioMessageStatus). */
    @Column(name = "provider_status")
    public String providerStatus;

    /** Twilio's {@code ErrorCode} of the failure it reported (e.g. 30003), kept once recorded. */
    @Column(name = "provider_error_code")
    public Integer providerErrorCode;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Delivery create(UUID id, String org, DeliveryChannel channel, String recipient, String kind,
            String type, String subjectId, Instant now) {
        Delivery delivery = new Delivery();
        delivery.id = id;
        delivery.org = org;
        delivery.channel = channel;
        delivery.recipient = recipient;
        delivery.kind = kind;
        delivery.type = type;
        delivery.subjectId = subjectId;
        delivery.status = DeliveryStatus.PENDING;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        return delivery;
    }

    public void finish(DeliveryStatus status, String error, Instant now) {
        this.status = status;
        this.lastError = error;
        this.leaseUntil = null;
        this.updatedAt = now;
    }
}

package dev.frontdesk.notification.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A socket frame kept for the replay window; its id is the frame id clients resume from. */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String audience;

    @Column(nullable = false)
    public String org;

    @Column(nullable = false)
    public String type;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String payload;

    @Column(name = "delivery_id")
    public UUID deliveryId;

    @Column(name = "visitor_id")
    public String visitorId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The call or invite the frame is about; null for others. */
    @Column(name = "subject_id")
    public String subjectId;

    /** The frame is delivered (live or replayed) only before this; null: for the whole replay window. */
    @Column(name = "deliver_until")
    public Instant deliverUntil;
}

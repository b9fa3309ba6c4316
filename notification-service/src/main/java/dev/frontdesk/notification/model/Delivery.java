package dev.frontdesk.notification.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One notification for one recipient, and whether it reached them. */
@Entity
@Table(name = "delivery")
public class Delivery {

    public enum Status {
        DELIVERED,
        FAILED
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String recipient;

    /** What it is about: {@code incoming-call}, {@code test}, … */
    @Column(nullable = false)
    public String kind;

    /** The id of what it is about (a call id, …). */
    @Column(nullable = false)
    public String reference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}

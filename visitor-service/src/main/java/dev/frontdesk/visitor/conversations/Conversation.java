package dev.frontdesk.visitor.conversations;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A text conversation on a site, linked to its visitor when the widget named one. */
@Entity
@Table(name = "conversation")
public class Conversation {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    /** Null for a conversation started without a visitor id (kept working for old widgets). */
    @Column(name = "visitor_id")
    public UUID visitorId;

    public String subject;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

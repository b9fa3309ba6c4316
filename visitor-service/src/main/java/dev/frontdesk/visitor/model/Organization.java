package dev.frontdesk.visitor.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An organization's settings here; an organization without a row uses the defaults. */
@Entity
@Table(name = "organization")
public class Organization {

    @Id
    public String id;

    public String name;

    /** Anonymous visitors not seen for this many days are purged. */
    @Column(name = "retention_days", nullable = false)
    public int retentionDays;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

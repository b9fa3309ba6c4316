package dev.frontdesk.analytics.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** analytics-service's read model of a site, from {@code frontdesk.sites}. */
@Entity
@Table(name = "site")
public class Site {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "publishable_key", nullable = false)
    public String publishableKey;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_domains", nullable = false)
    public String[] allowedDomains;

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public boolean demo;

    /** How many changes of the site were applied. */
    @Column(nullable = false)
    public int revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

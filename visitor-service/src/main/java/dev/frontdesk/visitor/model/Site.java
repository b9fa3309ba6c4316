package dev.frontdesk.visitor.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import dev.frontdesk.platform.secrets.EncryptedText;

/** A website of an organization where the widget runs. */
@Entity
@Table(name = "site")
public class Site {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(nullable = false)
    public String name;

    /** Public: the widget sends it as {@code X-Org-Key}. */
    @Column(name = "publishable_key", nullable = false, unique = true)
    public String publishableKey;

    /** Secret: the site's backend signs visitor identities with it. Never published. */
    /** Encrypted at rest (platform's SecretBox); verification of identify() needs the secret itself. */
    @Column(name = "identity_secret", nullable = false)
    @Convert(converter = EncryptedText.class)
    public String identitySecret;

    /** Exact hosts ({@code www.example.com}) or wildcards ({@code *.example.com}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_domains", nullable = false)
    public String[] allowedDomains;

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public boolean demo;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

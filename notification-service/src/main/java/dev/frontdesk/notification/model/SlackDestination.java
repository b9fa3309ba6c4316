package dev.frontdesk.notification.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import dev.frontdesk.platform.secrets.EncryptedText;

/** An organization's Slack incoming webhook and the events it wants posted. */
@Entity
@Table(name = "slack_destination")
public class SlackDestination {

    @Id
    public String org;

    /** The credential: never returned by the API, never logged. */
    @Column(name = "webhook_url", nullable = false)
    @Convert(converter = EncryptedText.class)
    public String webhookUrl;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] events;

    /** Set when Slack answered that the webhook is gone (revoked, channel archived, …); cleared by a new PUT. */
    @Column(name = "broken_reason")
    public String brokenReason;

    @Column(name = "broken_at")
    public Instant brokenAt;

    /** Slack allows about one post per second: the next post waits until then (or Retry-After after a 429). */
    @Column(name = "next_post_at")
    public Instant nextPostAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package dev.frontdesk.call.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import dev.frontdesk.platform.secrets.EncryptedText;

/** A video room of a provider: Daily, or Jitsi when no Daily key is configured. */
@Entity
@Table(name = "room")
public class Room {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    /** The organization's name of the room, unique within it ({@code bk-<uid>}, {@code inv-<session>}, …). */
    @Column(nullable = false)
    public String name;

    /** The room's name at the provider, unique there: see {@code RoomNames#providerName}. */
    @Column(name = "provider_name", nullable = false, unique = true)
    public String providerName;


    @Column(nullable = false)
    public String provider;

    @Column(nullable = false)
    public String url;

    /** With Daily it carries the room owner's meeting token: stored encrypted (platform's SecretBox). */
    @Column(name = "host_url", nullable = false)
    @Convert(converter = EncryptedText.class)
    public String hostUrl;

    @Column(name = "guest_url", nullable = false)
    public String guestUrl;

    @Column(name = "max_participants", nullable = false)
    public int maxParticipants;

    @Column(nullable = false)
    public boolean recording;

    /** Who made it: {@code user:<sub>}, or {@code service:<name>} (call-service itself for calls' rooms). */
    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** The provider's own id of the room (Daily's room id); null for Jitsi. */
    @Column(name = "provider_room_id")
    public String providerRoomId;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The host URL (with Daily an owner token) is for the room's creator only. */
    public boolean isOwnedBy(String owner) {
        return owner.equals(createdBy);
    }
}

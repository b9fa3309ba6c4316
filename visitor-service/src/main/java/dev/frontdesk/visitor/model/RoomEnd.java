package dev.frontdesk.visitor.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A video room ended (call-service's {@code room.ended}); kept so an invite completes even if it arrives late. */
@Entity
@Table(name = "room_end")
public class RoomEnd {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "room_name", nullable = false)
    public String roomName;

    @Column(name = "ended_at", nullable = false)
    public Instant endedAt;

    @Column(name = "duration_seconds")
    public Long durationSeconds;
}

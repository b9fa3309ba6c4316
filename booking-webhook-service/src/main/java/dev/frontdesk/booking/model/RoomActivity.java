package dev.frontdesk.booking.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A participant joined a video room. */
@Entity
@Table(name = "room_activity")
public class RoomActivity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "room_name", nullable = false)
    public String roomName;

    public String participant;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;
}

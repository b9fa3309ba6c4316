package dev.frontdesk.call.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A call from a staff member to a client of their company, or the other way round. */
@Entity
@Table(name = "call")
public class Call {

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "company_id", nullable = false)
    public UUID companyId;

    @Column(name = "caller_id", nullable = false)
    public String callerId;

    @Column(name = "callee_id", nullable = false)
    public String calleeId;

    /** The role of the caller: {@code staff} or {@code client}. */
    @Column(name = "initiated_by", nullable = false)
    public String initiatedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CallStatus status;

    @Column(name = "room_name", nullable = false)
    public String roomName;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "ring_deadline", nullable = false)
    public Instant ringDeadline;

    @Column(name = "ringing_at")
    public Instant ringingAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "ended_by")
    public String endedBy;

    @Column(name = "duration_seconds")
    public Integer durationSeconds;

    /** {@code parties} (answered→ended as seen by us) or {@code provider} (Daily's meeting.ended). */
    @Column(name = "duration_source")
    public String durationSource;

    @Column(name = "recording_id")
    public String recordingId;

    @Column(name = "recording_key")
    public String recordingKey;

    @Column(name = "recording_seconds")
    public Integer recordingSeconds;

    public boolean hasParty(String userId) {
        return callerId.equals(userId) || calleeId.equals(userId);
    }
}

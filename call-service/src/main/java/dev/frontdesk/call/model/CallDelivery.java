package dev.frontdesk.call.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** notification-service reached at least one socket of the callee: the call is ringing there. */
@Entity
@Table(name = "call_delivery")
public class CallDelivery {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "call_id", nullable = false)
    public String callId;

    @Column(nullable = false)
    public String recipient;

    @Column(name = "delivered_at", nullable = false)
    public Instant deliveredAt;
}

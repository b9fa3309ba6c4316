package dev.frontdesk.visitor.conversations;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "message")
public class Message {

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    /** {@code visitor} or {@code staff}. */
    @Column(name = "sender_type", nullable = false)
    public String senderType;

    @Column(name = "sender_id", nullable = false)
    public String senderId;

    @Column(name = "sender_name")
    public String senderName;

    @Column(nullable = false)
    public String body;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;
}

package dev.frontdesk.call.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.model.CallDelivery;
import dev.frontdesk.call.repository.CallDeliveryRepository;
import io.smallrye.mutiny.Uni;

/**
 * Records that a call notification reached the callee, which makes the call RINGING. Runs inside the consumer's
 * inbox transaction.
 */
@ApplicationScoped
public class DeliveryService {

    private final CallDeliveryRepository deliveries;
    private final CallService calls;

    public DeliveryService(CallDeliveryRepository deliveries, CallService calls) {
        this.deliveries = deliveries;
        this.calls = calls;
    }

    public Uni<Void> delivered(UUID eventId, CallEvents.NotificationDelivered delivered) {
        if (!"call".equals(delivered.kind()) || delivered.subjectId() == null) {
            return Uni.createFrom().voidItem();
        }
        CallDelivery delivery = new CallDelivery();
        delivery.eventId = eventId;
        delivery.callId = delivered.subjectId();
        delivery.recipient = delivered.recipient();
        delivery.deliveredAt = delivered.deliveredAt();
        return deliveries.persist(delivery)
                .chain(() -> calls.ringing(delivered.subjectId(), delivered.recipient(), delivered.deliveredAt()));
    }
}

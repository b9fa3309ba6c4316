package dev.frontdesk.call.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.model.CallDelivery;
import dev.frontdesk.call.repository.CallDeliveryRepository;
import io.smallrye.mutiny.Uni;

/** Records that a call notification reached the callee. Runs inside the consumer's inbox transaction. */
@ApplicationScoped
public class DeliveryService {

    private final CallDeliveryRepository deliveries;

    public DeliveryService(CallDeliveryRepository deliveries) {
        this.deliveries = deliveries;
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
        return deliveries.persist(delivery).replaceWithVoid();
    }
}

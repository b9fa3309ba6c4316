package dev.frontdesk.notification.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.notification.model.Delivery;
import dev.frontdesk.notification.repository.DeliveryRepository;
import dev.frontdesk.platform.events.MalformedEventException;
import dev.frontdesk.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * Delivers a notification to a recipient and reports the outcome on {@code frontdesk.notifications}.
 * <p>
 * No socket endpoint exists yet (it comes with the WebSocket work), so no recipient is reachable: every delivery
 * is recorded as failed with reason {@code recipient-offline}, which is what callers will see for offline
 * recipients later too.
 */
@ApplicationScoped
public class NotificationService {

    static final String OFFLINE = "recipient-offline";

    private final DeliveryRepository deliveries;
    private final Outbox outbox;
    private final Clock clock;

    public NotificationService(DeliveryRepository deliveries, Outbox outbox, Clock clock) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Rings the callee of a new call. Runs inside the consumer's inbox transaction. */
    public Uni<Void> ring(NotificationEvents.CallInitiated call) {
        if (call.callId() == null || call.calleeId() == null) {
            return Uni.createFrom().failure(new MalformedEventException("call.initiated without callId or calleeId"));
        }
        return notify(call.calleeId(), "incoming-call", call.callId()).replaceWithVoid();
    }

    /** Must run inside a transaction: the delivery row and its outcome event are written together. */
    public Uni<Delivery> notify(String recipient, String kind, String reference) {
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.recipient = recipient;
        delivery.kind = kind;
        delivery.reference = reference;
        delivery.status = Delivery.Status.FAILED;
        delivery.reason = OFFLINE;
        delivery.createdAt = clock.instant();
        return deliveries.persist(delivery)
                .chain(saved -> outbox.record(NotificationEvents.FAILED, recipient,
                        new NotificationEvents.Outcome(saved.id, recipient, kind, reference, saved.reason,
                                saved.createdAt)))
                .replaceWith(delivery);
    }
}

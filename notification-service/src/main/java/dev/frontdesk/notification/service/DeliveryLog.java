package dev.frontdesk.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;

import dev.frontdesk.notification.model.Delivery;
import dev.frontdesk.notification.model.DeliveryStatus;
import dev.frontdesk.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Records what became of socket deliveries. */
@ApplicationScoped
public class DeliveryLog {

    private final Outbox outbox;
    private final Clock clock;

    public DeliveryLog(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * The notification reached a socket of its recipient: the delivery turns delivered and
     * {@code notification.delivered} is published, once, however many replicas and sockets reached it.
     */
    public Uni<Void> delivered(List<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Multi.createFrom().iterable(deliveryIds)
                .onItem().transformToUniAndConcatenate(id -> delivered(id, now))
                .collect().last());
    }

    private Uni<Void> delivered(UUID deliveryId, Instant now) {
        return Panache.getSession()
                .chain(session -> session.find(Delivery.class, deliveryId, LockMode.PESSIMISTIC_WRITE))
                .chain(delivery -> {
                    if (delivery == null
                            || (delivery.status != DeliveryStatus.PENDING && delivery.status != DeliveryStatus.FAILED)) {
                        return Uni.createFrom().voidItem();
                    }
                    delivery.finish(DeliveryStatus.DELIVERED, null, now);
                    return outbox.record(NotificationEvents.DELIVERED, delivery.recipient,
                            new NotificationEvents.Delivered(delivery.id, delivery.recipient, delivery.kind,
                                    delivery.type, delivery.subjectId, now))
                            .replaceWithVoid();
                });
    }
}

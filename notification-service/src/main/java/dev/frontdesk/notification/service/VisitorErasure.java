package dev.frontdesk.notification.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.events.MalformedEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** GDPR: an erased visitor's deliveries and replayable notifications go. Runs inside the inbox transaction. */
@ApplicationScoped
public class VisitorErasure {

    public Uni<Void> erase(NotificationEvents.VisitorErased erased) {
        if (erased.visitorId() == null) {
            return Uni.createFrom().failure(new MalformedEventException("visitor.erased without visitorId"));
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("DELETE FROM notification WHERE visitor_id = :visitor")
                        .setParameter("visitor", erased.visitorId()).executeUpdate()
                        .chain(() -> session.createNativeQuery("DELETE FROM delivery WHERE visitor_id = :visitor")
                                .setParameter("visitor", erased.visitorId()).executeUpdate()))
                .replaceWithVoid();
    }
}

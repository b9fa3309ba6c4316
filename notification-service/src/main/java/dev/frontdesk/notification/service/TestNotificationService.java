package dev.frontdesk.notification.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.notification.model.Delivery;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** "Send me a test notification": lets a user check that notifications reach them. */
@ApplicationScoped
public class TestNotificationService {

    private final NotificationService notifications;

    public TestNotificationService(NotificationService notifications) {
        this.notifications = notifications;
    }

    @WithTransaction
    public Uni<Delivery> sendTo(String recipient) {
        return notifications.notify(recipient, "test", "test-" + UUID.randomUUID());
    }
}

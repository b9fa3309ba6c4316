package dev.frontdesk.notification.service;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.notification.model.Delivery;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** "Send me a test notification": lets a user check that notifications reach them. */
@ApplicationScoped
public class TestNotificationService {

    private final Notifier notifier;

    public TestNotificationService(Notifier notifier) {
        this.notifier = notifier;
    }

    @WithTransaction
    public Uni<Delivery> sendTo(String org, String userId) {
        String id = "test-" + UUID.randomUUID();
        return notifier.notify(new Notifier.Message(org, Audiences.user(org, userId), userId, "test", "test", id, null,
                Map.of("testId", id, "message", "Notifications reach you.")));
    }
}

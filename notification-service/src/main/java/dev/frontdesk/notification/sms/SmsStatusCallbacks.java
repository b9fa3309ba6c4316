package dev.frontdesk.notification.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.notification.model.Delivery;
import dev.frontdesk.notification.model.DeliveryStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Applies Twilio's status callbacks to the SMS delivery. Statuses can arrive out of order, so they only move
 * forward: sent, then delivered or failed. Error 21610 (the recipient replied STOP) opts the number out.
 */
@ApplicationScoped
public class SmsStatusCallbacks {

    private static final Logger LOG = Logger.getLogger(SmsStatusCallbacks.class);

    private final Clock clock;

    public SmsStatusCallbacks(Clock clock) {
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Void> apply(Map<String, List<String>> form) {
        String sid = first(form, "MessageSid");
        String status = first(form, "MessageStatus");
        if (sid == null || status == null) {
            return Uni.createFrom().voidItem(); // nothing we can apply; Twilio gets its 2xx
        }
        Integer errorCode = number(first(form, "ErrorCode"));
        DeliveryStatus next = switch (status) {
            case "delivered", "read" -> DeliveryStatus.DELIVERED;
            case "failed", "undelivered", "canceled" -> DeliveryStatus.FAILED;
            default -> DeliveryStatus.SENT; // queued, accepted, scheduled, sending, sent
        };
        Instant now = clock.instant();
        return Panache.getSession().chain(session -> session
                .createQuery("FROM Delivery WHERE providerId = :sid", Delivery.class).setParameter("sid", sid)
                .getSingleResultOrNull()
                .chain(delivery -> {
                    if (delivery == null) {
                        LOG.debugf("Status callback for unknown message %s", sid);
                        return Uni.createFrom().voidItem();
                    }
                    if (rank(next) > rank(delivery.status)) {
                        delivery.finish(next, next == DeliveryStatus.FAILED
                                ? "twilio " + status + (errorCode == null ? "" : " " + errorCode) : null, now);
                    }
                    if (errorCode != null && errorCode == OptOuts.TWILIO_OPTED_OUT) {
                        return OptOuts.record(session, delivery.recipient, now);
                    }
                    return Uni.createFrom().voidItem();
                }));
    }

    private static int rank(DeliveryStatus status) {
        return switch (status) {
            case PENDING -> 0;
            case SENT -> 1;
            default -> 2;
        };
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Integer number(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

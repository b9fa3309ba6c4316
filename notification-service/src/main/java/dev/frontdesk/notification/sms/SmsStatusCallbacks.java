package dev.frontdesk.notification.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import dev.frontdesk.notification.model.Delivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Applies Twilio's status callbacks to the SMS delivery. Statuses arrive out of order and repeated, so they only move
 * forward in {@link TwilioMessageStatus}'s order (the row is locked, so two callbacks at once cannot undo each other):
 * a repeated or older status changes nothing, a failure keeps its {@code ErrorCode}. Error 21610 (the recipient
 * replied STOP) opts the number out.
 */
@ApplicationScoped
public class SmsStatusCallbacks {

    private static final Logger LOG = Logger.getLogger(SmsStatusCallbacks.class);

    private final Clock clock;

    public SmsStatusCallbacks(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param form the callback's parameters ({@code MessageSid}, {@code MessageStatus}, {@code ErrorCode}, …); one
     *        without a SID or with a status that is not an outbound message's is acknowledged and ignored
     */
    @WithTransaction
    public Uni<Void> apply(Map<String, List<String>> form) {
        String sid = first(form, "MessageSid");
        Optional<TwilioMessageStatus> reported = TwilioMessageStatus.of(first(form, "MessageStatus"));
        if (sid == null || reported.isEmpty()) {
            return Uni.createFrom().voidItem(); // nothing we can apply; Twilio gets its 2xx
        }
        TwilioMessageStatus next = reported.get();
        Integer errorCode = number(first(form, "ErrorCode"));
        Instant now = clock.instant();
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("FROM Delivery WHERE providerId = :sid", Delivery.class).setParameter("sid", sid)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResultOrNull()
                .chain(delivery -> {
                    if (delivery == null) {
                        LOG.debugf("Status callback for unknown message %s", sid);
                        return Uni.createFrom().voidItem();
                    }
                    Optional<TwilioMessageStatus> current = TwilioMessageStatus.of(delivery.providerStatus)
                            .or(() -> TwilioMessageStatus.implied(delivery.status));
                    if (current.isEmpty() || current.get().canBecome(next)) {
                        delivery.providerStatus = next.value();
                        if (next.failure()) {
                            delivery.providerErrorCode = errorCode;
                            delivery.finish(next.delivery(), "twilio " + next.value()
                                    + (errorCode == null ? "" : " " + errorCode), now);
                        } else {
                            // A delivery after a reported failure keeps that failure's error and code.
                            delivery.finish(next.delivery(), delivery.lastError, now);
                        }
                    }
                    if (errorCode != null && errorCode == OptOuts.TWILIO_OPTED_OUT) {
                        return OptOuts.record(session, delivery.recipient, now);
                    }
                    return Uni.createFrom().voidItem();
                }));
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

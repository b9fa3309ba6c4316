package dev.frontdesk.notification.sms;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import dev.frontdesk.notification.model.DeliveryStatus;

/**
 * Twilio's status of an outbound message ({@code MessageStatus} of a status callback, {@code status} of the Messages
 * API; INTEGRATIONS.md §3.1, §3.3), in the one order a delivery follows. Twilio's callbacks arrive out of order and
 * more than once, so a status applies only when it ranks above the one recorded:
 * <pre>
 * accepted | scheduled | queued  &lt;  sending  &lt;  sent  &lt;  undelivered | failed | canceled  &lt;  delivered  &lt;  read
 * </pre>
 * A status of the same rank changes nothing: a repeated callback, or a second failure ({@code failed} after
 * {@code undelivered}), keeps the first failure and its {@code ErrorCode}. {@code delivered} outranks the failures:
 * a delivery receipt is proof the handset got the message, and carriers do send one after reporting
 * {@code undelivered}; the error code of the failure is kept beside it. Nothing moves a message away from
 * {@code delivered} or {@code read}. Statuses of inbound messages ({@code receiving}, {@code received}) and
 * unknown ones are not statuses of an SMS we sent: ignored.
 */
public enum TwilioMessageStatus {
    ACCEPTED(1, DeliveryStatus.SENT),
    SCHEDULED(1, DeliveryStatus.SENT),
    QUEUED(1, DeliveryStatus.SENT),
    SENDING(2, DeliveryStatus.SENT),
    SENT(3, DeliveryStatus.SENT),
    UNDELIVERED(4, DeliveryStatus.FAILED),
    FAILED(4, DeliveryStatus.FAILED),
    CANCELED(4, DeliveryStatus.FAILED),
    DELIVERED(5, DeliveryStatus.DELIVERED),
    READ(6, DeliveryStatus.DELIVERED);

    private final int rank;
    private final DeliveryStatus delivery;

    TwilioMessageStatus(int rank, DeliveryStatus delivery) {
        this.rank = rank;
        this.delivery = delivery;
    }

    /** Twilio's spelling ({@code queued}, …), as stored in {@code delivery.provider_status}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the delivery log shows for a message in this status. */
    public DeliveryStatus delivery() {
        return delivery;
    }

    /** True when a callback reporting {@code next} moves a message in this status forward. */
    public boolean canBecome(TwilioMessageStatus next) {
        return next.rank > rank;
    }

    /** A failure Twilio reports with an {@code ErrorCode}. */
    public boolean failure() {
        return delivery == DeliveryStatus.FAILED;
    }

    /** Twilio's status by its name; empty for inbound and unknown statuses. */
    public static Optional<TwilioMessageStatus> of(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(status -> status.value().equals(value.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /**
     * The status of an SMS recorded before Twilio's own status was kept: what its delivery status implies (an
     * accepted SMS is {@code queued} as far as we know; a delivered one cannot move back).
     */
    public static Optional<TwilioMessageStatus> implied(DeliveryStatus status) {
        return switch (status) {
            case SENT -> Optional.of(QUEUED);
            case DELIVERED -> Optional.of(DELIVERED);
            case FAILED -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }
}

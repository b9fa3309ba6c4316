package dev.frontdesk.notification.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.frontdesk.platform.persistence.LowerCaseEnumConverter;

/**
 * pending → sent (a provider accepted it) → delivered (it reached the person); failed and skipped (not attempted,
 * with the reason: not configured, opted out, too late) are final, except that an SMS Twilio reported failed
 * becomes delivered if Twilio then reports it delivered (TwilioMessageStatus).
 */
public enum DeliveryStatus {
    PENDING,
    SENT,
    DELIVERED,
    FAILED,
    SKIPPED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @jakarta.persistence.Converter
    public static class Converter extends LowerCaseEnumConverter<DeliveryStatus> {
        public Converter() {
            super(DeliveryStatus.class);
        }
    }
}

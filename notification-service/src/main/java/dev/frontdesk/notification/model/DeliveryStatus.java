package dev.frontdesk.notification.model;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/**
 * pending → sent (a provider accepted it) → delivered (it reached the person); failed and skipped (not attempted,
 * with the reason: not configured, opted out, too late) are final.
 */
public enum DeliveryStatus {
    PENDING,
    SENT,
    DELIVERED,
    FAILED,
    SKIPPED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @jakarta.persistence.Converter
    public static class Converter implements AttributeConverter<DeliveryStatus, String> {
        @Override
        public String convertToDatabaseColumn(DeliveryStatus status) {
            return status == null ? null : status.value();
        }

        @Override
        public DeliveryStatus convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}

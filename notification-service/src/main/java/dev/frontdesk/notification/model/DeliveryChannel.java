package dev.frontdesk.notification.model;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

public enum DeliveryChannel {
    SOCKET,
    SLACK,
    SMS;

    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryChannel of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @jakarta.persistence.Converter
    public static class Converter implements AttributeConverter<DeliveryChannel, String> {
        @Override
        public String convertToDatabaseColumn(DeliveryChannel channel) {
            return channel == null ? null : channel.value();
        }

        @Override
        public DeliveryChannel convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}

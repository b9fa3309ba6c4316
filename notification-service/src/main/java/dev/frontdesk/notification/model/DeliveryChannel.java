package dev.frontdesk.notification.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.frontdesk.platform.persistence.LowerCaseEnumConverter;

public enum DeliveryChannel {
    SOCKET,
    SLACK,
    SMS;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryChannel of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @jakarta.persistence.Converter
    public static class Converter extends LowerCaseEnumConverter<DeliveryChannel> {
        public Converter() {
            super(DeliveryChannel.class);
        }
    }
}

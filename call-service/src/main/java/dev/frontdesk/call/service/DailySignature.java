package dev.frontdesk.call.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.config.DailyConfig;
import dev.frontdesk.platform.webhook.HmacSha256;

/**
 * Daily's webhook signature (INTEGRATIONS.md §2.7): {@code X-Webhook-Signature} is the base64 HMAC-SHA256, under
 * the base64-decoded webhook secret, of {@code X-Webhook-Timestamp + "." + raw body}. A timestamp far from our
 * clock is refused too, so a captured delivery cannot be replayed later.
 */
@ApplicationScoped
public class DailySignature {

    public enum Verdict {
        VALID, NOT_CONFIGURED, MISSING, STALE, INVALID
    }

    private final DailyConfig config;
    private final Clock clock;

    public DailySignature(DailyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Verdict verify(String timestamp, String signature, byte[] rawBody) {
        if (config.webhookSecret().filter(secret -> !secret.isBlank()).isEmpty()) {
            return Verdict.NOT_CONFIGURED;
        }
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return Verdict.MISSING;
        }
        Instant sent = parse(timestamp.trim());
        if (sent == null || Duration.between(sent, clock.instant()).abs().compareTo(config.webhookTolerance()) > 0) {
            return Verdict.STALE;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(config.webhookSecret().get().trim());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("frontdesk.daily.webhook-secret must be base64, as Daily requires");
        }
        byte[] prefix = (timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + rawBody.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(rawBody, 0, message, prefix.length, rawBody.length);
        return HmacSha256.matches(HmacSha256.base64(key, message), signature) ? Verdict.VALID : Verdict.INVALID;
    }

    /** Daily's unit is not documented: seconds, or milliseconds when the number is that large. */
    private static Instant parse(String timestamp) {
        try {
            long value = Long.parseLong(timestamp);
            return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

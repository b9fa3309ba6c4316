package dev.frontdesk.booking.service;

import java.nio.charset.StandardCharsets;

import dev.frontdesk.platform.webhook.HmacSha256;

/**
 * Cal.com's {@code X-Cal-Signature-256}: lower-case hex HMAC-SHA256 of the raw body under the webhook's secret
 * (INTEGRATIONS.md §1.2). {@code no-secret-provided} is what Cal.com sends for a webhook without a secret: refused,
 * since every endpoint of ours has one.
 */
public final class CalcomSignature {

    public static final String NO_SECRET = "no-secret-provided";

    private CalcomSignature() {
    }

    public static boolean valid(String secret, byte[] rawBody, String header) {
        if (header == null || header.isBlank() || NO_SECRET.equals(header.trim())) {
            return false;
        }
        String expected = HmacSha256.hex(secret.getBytes(StandardCharsets.UTF_8), rawBody);
        return HmacSha256.matches(expected, header.trim().toLowerCase());
    }
}

package dev.frontdesk.platform.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 as webhook senders use it (Cal.com: lower-case hex over the raw body; Daily: base64 over
 * {@code timestamp.body}), with a constant-time comparison so a signature cannot be guessed byte by byte.
 * Every webhook receiver verifies with this class; none carries its own copy.
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {
    }

    public static byte[] sign(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public static String hex(byte[] key, byte[] message) {
        return HexFormat.of().formatHex(sign(key, message));
    }

    public static String base64(byte[] key, byte[] message) {
        return Base64.getEncoder().encodeToString(sign(key, message));
    }

    /** Compares a received signature with the expected one in time independent of where they differ. */
    public static boolean matches(String expected, String received) {
        if (expected == null || received == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                received.trim().getBytes(StandardCharsets.UTF_8));
    }
}

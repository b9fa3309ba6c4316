package dev.frontdesk.platform.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Secrets kept in the database encrypted (AES-256-GCM, the JDK's provider): site identity secrets, Cal.com webhook
 * secrets, Slack webhook URLs. A stored value is {@code fd1:<key id>:<base64 of 12-byte nonce, ciphertext, tag>}, the
 * key id being the first 8 hex digits of the key's SHA-256, so that values written under a previous key
 * ({@code frontdesk.secrets.previous-keys}) still open after a rotation. Keys are 32 random bytes, base64
 * ({@code openssl rand -base64 32}); {@code frontdesk.secrets.key} is required in production.
 * <p>
 * A value without the {@code fd1:} prefix was stored before encryption and is returned as it is; each service
 * encrypts those at start ({@link LegacySecrets}).
 */
@ApplicationScoped
public class SecretBox {

    static final String PREFIX = "fd1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    public SecretBox(@ConfigProperty(name = "frontdesk.secrets.key") Optional<String> key,
            @ConfigProperty(name = "frontdesk.secrets.previous-keys") Optional<List<String>> previousKeys) {
        this.currentId = key.map(this::add).orElse(null);
        previousKeys.orElse(List.of()).forEach(this::add);
    }

    /** The value encrypted under the current key. */
    public String seal(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        if (currentId == null) {
            throw new IllegalStateException("No frontdesk.secrets.key: secrets cannot be stored");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plaintext of a stored value; a value stored before encryption is returned as it is.
     *
     * @throws IllegalStateException when the value was sealed under a key this service does not have, or altered
     */
    public String open(String stored) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        SecretKeySpec key = colon < 0 ? null : keys.get(stored.substring(PREFIX.length(), colon));
        if (key == null) {
            throw new IllegalStateException("A secret is sealed under a key that is not configured "
                    + "(frontdesk.secrets.key / previous-keys)");
        }
        try {
            byte[] packed = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, packed, 0, NONCE_BYTES));
            return new String(cipher.doFinal(packed, NONCE_BYTES, packed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored secret cannot be opened: altered, or another key", e);
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Whether a value should be sealed again: stored before encryption, or under a previous key. */
    public boolean isStale(String stored) {
        return stored != null && !(isSealed(stored) && stored.startsWith(PREFIX + currentId + ":"));
    }

    private String add(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("frontdesk.secrets keys are base64 (openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new IllegalStateException("frontdesk.secrets keys are 32 bytes (openssl rand -base64 32)");
        }
        String id;
        try {
            id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
        return id;
    }
}

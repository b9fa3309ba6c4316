package dev.frontdesk.platform.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private final SecretBox box = new SecretBox(Optional.of(KEY), Optional.empty());

    @Test
    void aSealedSecretOpensAndShowsNothingOfItself() {
        String secret = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX";
        String sealed = box.seal(secret);
        assertTrue(sealed.startsWith("fd1:"), sealed);
        assertFalse(sealed.contains("hooks.slack.com"), sealed);
        assertNotEquals(sealed, box.seal(secret), "a fresh nonce each time");
        assertEquals(secret, box.open(sealed));
    }

    @Test
    void anAlteredValueOrAnotherKeysValueDoesNotOpen() {
        String sealed = box.seal("sk_secret");
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThrows(IllegalStateException.class, () -> box.open(altered));
        SecretBox other = new SecretBox(Optional.of(NEW_KEY), Optional.empty());
        assertThrows(IllegalStateException.class, () -> other.open(sealed));
    }

    @Test
    void afterARotationOldValuesOpenAndAreStale() {
        String old = box.seal("sk_secret");
        SecretBox rotated = new SecretBox(Optional.of(NEW_KEY), Optional.of(List.of(KEY)));
        assertEquals("sk_secret", rotated.open(old));
        assertTrue(rotated.isStale(old));
        assertFalse(rotated.isStale(rotated.seal("sk_secret")));
    }

    @Test
    void aValueStoredBeforeEncryptionIsReadAsItIsAndIsStale() {
        assertEquals("sk_plain", box.open("sk_plain"));
        assertTrue(box.isStale("sk_plain"));
    }

    @Test
    void keysMustBeThirtyTwoBase64Bytes() {
        assertThrows(IllegalStateException.class, () -> new SecretBox(Optional.of("short"), Optional.empty()));
        assertThrows(IllegalStateException.class,
                () -> new SecretBox(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), Optional.empty()));
        assertThrows(IllegalStateException.class, () -> new SecretBox(Optional.empty(), Optional.empty()).seal("x"));
    }
}

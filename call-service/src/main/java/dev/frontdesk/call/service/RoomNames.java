package dev.frontdesk.call.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Room names at the provider. Whoever makes a room names it as they like, within their organization
 * ({@code bk-<uid>}); the provider has one name space for all of them (Daily: per domain), so the provider's name is
 * that name, cut to 24 characters, then {@code -} and ten characters of SHA-256 over org, creator and name
 * (50 bits): deterministic (a create whose answer was
 * lost finds its room again), 35 characters at most (Daily's limit is "domain + name ≤ 41" in some versions of its
 * docs), letters, digits, {@code -} and {@code _} only, and different for two creators using one name.
 */
final class RoomNames {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int PREFIX = 24;
    private static final int TAG = 10;

    private RoomNames() {
    }

    static String providerName(String orgId, String createdBy, String name) {
        String prefix = name.length() <= PREFIX ? name : name.substring(0, PREFIX);
        return prefix + "-" + tag(orgId + "\n" + createdBy + "\n" + name);
    }

    private static String tag(String value) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder tag = new StringBuilder(TAG);
        for (int i = 0; i < TAG; i++) {
            tag.append(BASE32[(digest[i] & 0xff) % 32]);
        }
        return tag.toString();
    }
}

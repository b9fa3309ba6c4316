package dev.frontdesk.booking.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.booking.config.BookingsConfig;
import dev.frontdesk.platform.webhook.HmacSha256;

/**
 * Members' join links: signed over org, uid, role and expiry, so knowing a booking id is not enough to join, and
 * a member's link cannot be turned into a host's.
 */
@ApplicationScoped
public class JoinLinks {

    public static final String MEMBER = "member";

    private final BookingsConfig config;

    public JoinLinks(BookingsConfig config) {
        this.config = config;
    }

    public String memberLink(String org, String uid, Instant expires) {
        long exp = expires.getEpochSecond();
        return config.joinPageUrl() + "?org=" + encode(org) + "&uid=" + encode(uid) + "&expires=" + exp
                + "&signature=" + signature(org, uid, MEMBER, exp);
    }

    public boolean valid(String org, String uid, long expires, String signature) {
        return HmacSha256.matches(signature(org, uid, MEMBER, expires), signature);
    }

    String signature(String org, String uid, String role, long expires) {
        String message = org + "\n" + uid + "\n" + role + "\n" + expires;
        return HmacSha256.hex(config.joinLinkSecret().getBytes(StandardCharsets.UTF_8),
                message.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

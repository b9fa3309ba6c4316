package dev.frontdesk.booking.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "frontdesk.bookings")
public interface BookingsConfig {

    /**
     * The public base URL Cal.com reaches this service at (the gateway's, e.g. {@code https://api.example.com}):
     * webhook URLs shown to admins start with it. Unset: the address of the admin's own request.
     */
    Optional<String> publicUrl();

    /** Where members open their join link (the frontend's join page); the link carries uid, expiry and signature. */
    @WithDefault("http://localhost:8080/join")
    String joinPageUrl();

    /**
     * Signs members' join links (HMAC-SHA256). Required: only the dev and test profiles have a default, and the local
     * stack passes its own, so a production service without it does not start.
     */
    String joinLinkSecret();

    /** A booking's room, and its member link, stay valid this long after the session's end. */
    @WithDefault("1h")
    Duration roomGrace();

    /**
     * Rooms are made this long before the session starts (at once for sessions sooner than that), so a booking
     * months ahead does not hold a room, and a room lives at most a few weeks (call-service allows 90 days).
     */
    @WithDefault("14d")
    Duration roomLead();

    /** First pause before retrying a room call-service could not make; doubles up to {@link #roomRetryMax()}. */
    @WithDefault("10s")
    Duration roomRetryInitial();

    @WithDefault("10m")
    Duration roomRetryMax();

    /** How often the room job looks for due work besides being nudged by webhooks (a scheduler expression). */
    @WithDefault("15s")
    String roomJobEvery();
}

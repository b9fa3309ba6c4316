package dev.frontdesk.notification.client;

import java.time.Duration;

final class HttpAnswers {

    private HttpAnswers() {
    }

    /** {@code Retry-After} in seconds (the form Slack and Twilio use); null when absent or not a number. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

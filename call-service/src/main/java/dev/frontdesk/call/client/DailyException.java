package dev.frontdesk.call.client;

import java.time.Duration;
import java.util.Optional;

/** Daily answered with an error status. {@code error} is Daily's stable code; {@code info} is prose that may change. */
public class DailyException extends RuntimeException {

    private final int status;
    private final String error;
    private final String retryAfter;

    public DailyException(int status, String error, String info, String retryAfter) {
        super("Daily answered " + status + (error == null ? "" : " " + error) + (info == null ? "" : ": " + info));
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** 429 and 5xx: worth another try after a pause. */
    public boolean isTransient() {
        return status == 429 || status >= 500;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /** Daily's answer to creating a room whose name is taken. */
    public boolean isNameTaken() {
        return status == 400 && "invalid-request-error".equals(error) && getMessage().contains("already exists");
    }

    /** Seconds of {@code Retry-After}, if Daily sent it (it is not documented that it does). */
    public Optional<Duration> retryAfter() {
        if (retryAfter == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }
}

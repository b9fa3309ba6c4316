package dev.frontdesk.call.client;

/**
 * Daily refused a request for a reason retrying will not fix (400, 401, 403): a defect or a misconfiguration,
 * not an outage, so it does not count against the circuit breaker.
 */
public class DailyRejectedException extends RuntimeException {

    public DailyRejectedException(DailyException cause) {
        super(cause.getMessage(), cause);
    }
}

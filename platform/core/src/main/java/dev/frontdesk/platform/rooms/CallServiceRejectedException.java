package dev.frontdesk.platform.rooms;

/** call-service refused the request (4xx): retrying the same request will not help. */
public class CallServiceRejectedException extends RuntimeException {

    public CallServiceRejectedException(int status) {
        super("call-service refused the request: " + status);
    }
}

package dev.frontdesk.platform.rooms;

/** call-service answered with an error status. */
public class CallServiceException extends RuntimeException {

    private final int status;

    public CallServiceException(int status) {
        super("call-service answered " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 5xx and 429: call-service (or its video provider) is down or busy; worth retrying later. */
    public boolean isTransient() {
        return status >= 500 || status == 429;
    }
}

package dev.frontdesk.platform.problem;

/** A dependency is down; nothing was half-written and the caller may retry. */
public class ServiceUnavailableException extends ProblemException {

    public ServiceUnavailableException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return "Service Unavailable";
    }
}

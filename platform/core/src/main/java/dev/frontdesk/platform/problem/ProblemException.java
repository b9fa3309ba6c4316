package dev.frontdesk.platform.problem;

/**
 * A failure the caller can act on. Services throw the subclasses; the REST layer turns them into problem details
 * with their status, so no HTTP type leaks into a service.
 */
public abstract class ProblemException extends RuntimeException {

    protected ProblemException(String detail) {
        super(detail);
    }

    public abstract int status();

    public abstract String title();
}

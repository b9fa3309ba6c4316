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

    /** The request field, parameter or header at fault ({@code to}, {@code allowedDomains[0]}); null if none. */
    public String field() {
        return null;
    }

    /** What is wrong with {@link #field()}, for the problem's {@code errors}; the detail unless said otherwise. */
    public String fieldMessage() {
        return getMessage();
    }

    public abstract String title();

    /**
     * Extension members of the problem (RFC 9457 §3.2) that clients may act on without reading the detail, e.g.
     * {@code reason: expired}; none unless a subclass says otherwise.
     */
    public java.util.Map<String, Object> extensions() {
        return java.util.Map.of();
    }
}

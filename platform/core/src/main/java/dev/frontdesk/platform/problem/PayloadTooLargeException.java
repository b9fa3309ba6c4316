package dev.frontdesk.platform.problem;

/** A request bigger than a service takes (too many items, beyond the body size limit the router enforces). */
public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 413;
    }

    @Override
    public String title() {
        return "Content Too Large";
    }
}

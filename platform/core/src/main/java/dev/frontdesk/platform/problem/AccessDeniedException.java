package dev.frontdesk.platform.problem;

/** A caller who is known but not allowed to do this. */
public class AccessDeniedException extends ProblemException {

    public AccessDeniedException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}

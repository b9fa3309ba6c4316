package dev.frontdesk.platform.problem;

/** The request does not say who makes it in a way this endpoint accepts (e.g. a missing or unknown site key). */
public class UnauthenticatedException extends ProblemException {

    public UnauthenticatedException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String title() {
        return "Unauthorized";
    }
}

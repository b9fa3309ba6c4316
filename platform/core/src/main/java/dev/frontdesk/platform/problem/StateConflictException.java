package dev.frontdesk.platform.problem;

/** A request that the current state forbids, e.g. an illegal state transition. */
public class StateConflictException extends ProblemException {

    public StateConflictException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String title() {
        return "Conflict";
    }
}

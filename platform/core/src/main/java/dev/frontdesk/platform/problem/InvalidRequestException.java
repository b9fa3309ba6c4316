package dev.frontdesk.platform.problem;

/** Input that is well-formed but unacceptable for a reason the validator cannot express. */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Bad Request";
    }
}

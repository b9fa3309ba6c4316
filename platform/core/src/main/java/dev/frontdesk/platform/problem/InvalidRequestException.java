package dev.frontdesk.platform.problem;

/** Input that is well-formed but unacceptable for a reason the validator cannot express. */
public class InvalidRequestException extends ProblemException {

    private final String field;
    private final String fieldMessage;

    public InvalidRequestException(String detail) {
        this(null, detail);
    }

    /** A problem with one named field, query parameter or path parameter; the detail is the field's message. */
    public InvalidRequestException(String field, String detail) {
        this(field, detail, detail);
    }

    /** As above, with a short message for the field ("must not be null") beside the detail sentence. */
    public InvalidRequestException(String field, String fieldMessage, String detail) {
        super(detail);
        this.field = field;
        this.fieldMessage = fieldMessage;
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public String fieldMessage() {
        return fieldMessage;
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

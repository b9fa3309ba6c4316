package dev.frontdesk.platform.problem;

/** A resource that does not exist, or belongs to another organization (never tell which). */
public class ResourceNotFoundException extends ProblemException {

    public ResourceNotFoundException(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String title() {
        return "Not Found";
    }
}

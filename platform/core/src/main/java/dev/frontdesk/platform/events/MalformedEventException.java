package dev.frontdesk.platform.events;

/** A record that is not a usable CloudEvent. Retrying cannot help: it goes to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.frontdesk.platform.input;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.frontdesk.platform.problem.InvalidRequestException;

/**
 * Jackson's failures as the 400 a client can act on: the field's path as the client wrote it ({@code name},
 * {@code events[0]}, {@code payload.attendees[1].email}) and what is wrong with it; never Jackson's own message,
 * which names our classes.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** The problem for {@code e}; {@link InvalidRequestException#field()} is null when no field is at fault. */
    public static InvalidRequestException of(JsonProcessingException e) {
        // Cleaned: a field name the client sent with a NUL or control character is never echoed back as it came.
        String field = Text.clean(e instanceof JsonMappingException mapping ? path(mapping) : "");
        String message = null;
        if (e instanceof InvalidTextException text) {
            message = text.reason();
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            field = field.isEmpty() ? Text.clean(unknown.getPropertyName()) : field;
            message = "is not a known field";
        } else if (e instanceof InvalidNullException) {
            message = "must not be null";
        } else if (e instanceof InvalidFormatException) {
            message = "has an invalid value";
        } else if (e instanceof MismatchedInputException mismatched && !isTrailing(mismatched)) {
            message = "has the wrong type";
        }
        if (message != null && !field.isEmpty()) {
            return new InvalidRequestException(field, message, "Field '" + field + "' " + message + ".");
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String detail;
        if (e instanceof StreamConstraintsException) {
            detail = "The body is nested too deeply or holds too long a value.";
        } else if (e instanceof JsonParseException && original.startsWith("Duplicate field ")) {
            detail = "The body has the field " + original.substring("Duplicate field ".length()) + " twice.";
        } else if (e instanceof MismatchedInputException mismatched && isTrailing(mismatched)) {
            detail = "The body has content after its JSON value.";
        } else if (e instanceof JsonParseException) {
            detail = "The body is not well-formed JSON.";
        } else if (e instanceof MismatchedInputException) {
            detail = "The body does not have the expected shape.";
        } else {
            detail = "The body could not be read as JSON.";
        }
        return new InvalidRequestException(detail);
    }

    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static boolean isTrailing(MismatchedInputException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token");
    }
}

package dev.frontdesk.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/** A JSON string (or field name) that breaks {@link Text}'s rule; Jackson adds the field path as it unwinds. */
public class InvalidTextException extends InvalidFormatException {

    private final String reason;

    InvalidTextException(JsonParser parser, String reason) {
        super(parser, "Text " + reason, null, String.class);
        this.reason = reason;
    }

    /** What is wrong, to follow the field's name: "must not contain a NUL character". */
    public String reason() {
        return reason;
    }
}

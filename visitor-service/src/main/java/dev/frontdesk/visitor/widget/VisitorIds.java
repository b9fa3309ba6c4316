package dev.frontdesk.visitor.widget;

import java.util.UUID;
import java.util.regex.Pattern;

/** The widget's visitor ids: {@code v_<uuid>}, kept by the browser in localStorage. */
public final class VisitorIds {

    private static final Pattern FORMAT = Pattern.compile(
            "v_[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private VisitorIds() {
    }

    /** The uuid of a well-formed visitor id, or null. */
    public static UUID parse(String visitorId) {
        if (visitorId == null || !FORMAT.matcher(visitorId.strip()).matches()) {
            return null;
        }
        return UUID.fromString(visitorId.strip().substring(2));
    }

    /** Like {@link #parse} but also accepts a bare uuid (staff URLs and the seed's request shape). */
    public static UUID parseLenient(String visitorId) {
        UUID parsed = parse(visitorId);
        if (parsed != null || visitorId == null) {
            return parsed;
        }
        try {
            String value = visitorId.strip();
            return value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static String format(UUID id) {
        return "v_" + id;
    }
}

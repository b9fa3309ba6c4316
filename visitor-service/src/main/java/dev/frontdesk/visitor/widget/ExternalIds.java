package dev.frontdesk.visitor.widget;

import java.util.Locale;
import java.util.Set;

import dev.frontdesk.platform.problem.InvalidRequestException;

/**
 * External ids that name nobody. A site's backend that signs {@code String(user.id)} before the user is loaded signs
 * {@code "undefined"}, validly, for every visitor at once; accepting it would merge different people into one
 * contact. Such ids are refused with a 400 naming {@code externalId}. The list (compared trimmed and
 * case-insensitively; visitor-service's README repeats it) holds what languages make of a missing value and the
 * names sites give to nobody in particular.
 */
public final class ExternalIds {

    public static final Set<String> PLACEHOLDERS = Set.of(
            // What languages print for no value: JavaScript, Java, Python, Ruby, Go, PHP, SQL.
            "", "undefined", "null", "nil", "<nil>", "none", "nan", "[object object]", "[object undefined]",
            "[object null]", "{}", "[]", "false",
            // Numbers used for "no user".
            "0", "-1",
            // Names for nobody in particular.
            "anonymous", "anon", "guest", "unknown", "user", "visitor", "n/a", "na", "nobody", "default");

    private ExternalIds() {
    }

    public static boolean isPlaceholder(String externalId) {
        return externalId == null || PLACEHOLDERS.contains(externalId.strip().toLowerCase(Locale.ROOT));
    }

    /** @throws InvalidRequestException (400, field {@code externalId}) for a placeholder */
    public static void requireReal(String externalId) {
        if (isPlaceholder(externalId)) {
            throw new InvalidRequestException("externalId", "is a placeholder, not the id of a user",
                    "externalId '" + (externalId == null ? "" : externalId.strip()) + "' is a placeholder (no user was "
                            + "loaded when it was signed), not the id of a user; identify the visitor once its user is known.");
        }
    }
}

package dev.frontdesk.platform.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A string field that must arrive exactly as it was sent (an identifier, a value under a signature): text breaking
 * {@link Text}'s rule is refused with a 400 naming the field even where the reader cleans the rest of the body
 * ({@link TextHandling#CLEAN}). Cleaning it would turn it into another value: another person's id, or one whose
 * signature no longer matches.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface Verbatim {
}

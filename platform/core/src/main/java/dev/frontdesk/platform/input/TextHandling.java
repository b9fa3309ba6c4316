package dev.frontdesk.platform.input;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * What JSON reading does with text that breaks {@link Text}'s rule. {@link #REFUSE} is the default everywhere (a
 * 400 naming the field); {@link #CLEAN} is for data that real browsers send about the pages they show (widget
 * tracking and analytics), where a stray control character in a page title must not cost the event; properties
 * marked {@link Verbatim} are refused even there. Lengths are {@link BrowserText}'s business.
 */
public enum TextHandling {
    REFUSE,
    CLEAN;

    static final String ATTRIBUTE = TextHandling.class.getName();

    /** A reader of {@code mapper} that cleans instead of refusing. */
    public static ObjectReader cleaning(ObjectMapper mapper) {
        return mapper.reader().withAttribute(ATTRIBUTE, CLEAN);
    }

    static TextHandling of(DeserializationContext context) {
        return context.getAttribute(ATTRIBUTE) == CLEAN ? CLEAN : REFUSE;
    }
}

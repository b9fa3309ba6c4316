package dev.frontdesk.platform.input;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Text that browsers report about the pages they show (page URLs and referrers, titles, user agents, the widget's
 * metadata) is kept, never refused: cleaned by {@link Text}'s rule (no NUL or other C0 control character but tab, LF
 * and CR; an unpaired surrogate becomes U+FFFD) and cut to a limit. Real values pass these limits only now and then
 * (a URL carrying click ids and a cart's state, a user agent with many tokens); cutting one keeps the event that
 * billing and presence need, where a 400 would lose it.
 * <p>
 * Limits count UTF-16 characters ({@link String#length()}); a cut never splits a surrogate pair. The same limits hold
 * in every service that stores such text (visitor-service, analytics-service); their READMEs repeat them.
 */
public final class BrowserText {

    /** Page URLs and referrers: browsers send URLs of tens of KB, servers and analytics tools cut far below that. */
    public static final int URL = 4096;
    /** Page titles. */
    public static final int TITLE = 512;
    /** {@code User-Agent} header values. */
    public static final int USER_AGENT = 512;
    /** Field names in the widget's metadata. */
    public static final int METADATA_KEY = 128;
    /** String values in the widget's metadata, at any depth. */
    public static final int METADATA_VALUE = 512;

    private BrowserText() {
    }

    /** {@code text} cleaned by {@link Text#clean} and cut to at most {@code limit} characters; null stays null. */
    public static String keep(String text, int limit) {
        if (text == null) {
            return null;
        }
        return Text.cut(Text.clean(text), limit);
    }

    public static String url(String url) {
        return keep(url, URL);
    }

    public static String title(String title) {
        return keep(title, TITLE);
    }

    public static String userAgent(String userAgent) {
        return keep(userAgent, USER_AGENT);
    }

    /**
     * A JSON tree (the widget's metadata) with every field name kept to {@link #METADATA_KEY} and every string value,
     * at any depth, to {@link #METADATA_VALUE}; numbers, booleans and nulls as they are. {@code tree} itself is left
     * alone: the answer is a copy when anything changed. Two names that become the same after the cut keep the later
     * value.
     */
    public static JsonNode keep(JsonNode tree) {
        if (tree == null) {
            return null;
        }
        if (tree.isTextual()) {
            String kept = keep(tree.textValue(), METADATA_VALUE);
            return kept.equals(tree.textValue()) ? tree : TextNode.valueOf(kept);
        }
        if (tree instanceof ArrayNode array) {
            ArrayNode copy = null;
            for (int i = 0; i < array.size(); i++) {
                JsonNode kept = keep(array.get(i));
                if (kept != array.get(i)) {
                    copy = copy == null ? array.deepCopy() : copy;
                    copy.set(i, kept);
                }
            }
            return copy == null ? array : copy;
        }
        if (tree instanceof ObjectNode object) {
            boolean changed = false;
            ObjectNode copy = object.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = keep(field.getKey(), METADATA_KEY);
                JsonNode value = keep(field.getValue());
                changed |= !name.equals(field.getKey()) || value != field.getValue();
                copy.set(name, value);
            }
            return changed ? copy : object;
        }
        return tree;
    }
}

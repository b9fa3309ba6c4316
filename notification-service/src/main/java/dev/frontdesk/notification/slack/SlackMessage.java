package dev.frontdesk.notification.slack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.frontdesk.platform.input.Text;

/**
 * A Slack incoming-webhook message built from our own markup and people's text, that Slack can neither be tricked by
 * nor refuse for its size.
 * <p>
 * Formatting (Slack's "Formatting text for app surfaces"): in {@code text} and {@code mrkdwn} fields {@code &},
 * {@code <} and {@code >} are control characters, so text that comes from people or vendors (names, titles,
 * messages, reasons, ids) goes through {@link #text(String, int)}, which escapes them: a name such as
 * {@code <!channel>} or {@code <https://evil.example|Invoice>} stays text instead of becoming a mention or a disguised
 * link. Our {@code mrkdwn} objects are also {@code verbatim}, so Slack does not turn a plain {@code @here},
 * {@code #channel} or URL inside that text into a mention or link either ("automatic parsing").
 * <p>
 * Size (Block Kit reference): top-level {@code text} at most {@value #TEXT_LIMIT} characters, a section's text at
 * most {@value #SECTION_TEXT_LIMIT}, a header's {@value #HEADER_TEXT_LIMIT}, a section's fields at most
 * {@value #FIELDS_LIMIT} of {@value #FIELD_TEXT_LIMIT} each, at most {@value #BLOCKS_LIMIT} blocks. Over a limit Slack
 * answers 400 {@code invalid_blocks}, so nothing is sent over one: each piece of people's text is first cut to its
 * own bound, then a text still too long is cut to the limit, never inside an entity ({@code &lt;}) or our own
 * {@code <link|label>}, and ends with {@value #MARKER}. Lengths are counted in UTF-16 units, as Slack counts them;
 * a surrogate pair is never split. We send {@code text} and section blocks only.
 */
public final class SlackMessage {

    public static final int TEXT_LIMIT = 40_000;
    public static final int SECTION_TEXT_LIMIT = 3_000;
    public static final int HEADER_TEXT_LIMIT = 150;
    public static final int FIELD_TEXT_LIMIT = 2_000;
    public static final int FIELDS_LIMIT = 10;
    public static final int BLOCKS_LIMIT = 50;
    /** Ends every text that was cut. */
    public static final String MARKER = "…";

    /** Bound of a short piece of people's text: a name, an id. */
    public static final int SHORT = 200;
    /** Bound of a long piece of people's text: a title, a message, a reason. */
    public static final int LONG = 1_000;

    private SlackMessage() {
    }

    /**
     * People's or a vendor's text, cut to {@code max} characters (then ending with {@value #MARKER}) and escaped for
     * mrkdwn; the escaped form may be longer than {@code max} (an entity is up to 5 characters).
     */
    public static String text(String raw, int max) {
        return escape(cut(raw, max));
    }

    /** {@code &}, {@code <}, {@code >} as Slack's entities; nothing else is touched. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The payload: {@code fallback} as top-level {@code text} (what notifications show) and one section block of
     * {@code markdown} followed by {@code trailer} (our own link, kept whole; dropped only if it cannot fit at all).
     * Both texts are already mrkdwn: people's text in them went through {@link #text(String, int)}.
     */
    public static Map<String, Object> payload(String fallback, String markdown, String trailer) {
        String end = trailer == null || trailer.length() > SECTION_TEXT_LIMIT / 2 ? "" : trailer;
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("type", "mrkdwn");
        text.put("text", fit(markdown, SECTION_TEXT_LIMIT - end.length()) + end);
        text.put("verbatim", true);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("type", "section");
        section.put("text", text);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", fit(fallback, TEXT_LIMIT));
        payload.put("blocks", List.of(section));
        return payload;
    }

    /** Plain text cut to {@code max} UTF-16 units, the last of them {@value #MARKER} when it was cut. */
    static String cut(String raw, int max) {
        return raw.length() <= max ? raw : Text.cut(raw, max - MARKER.length()) + MARKER;
    }

    /**
     * mrkdwn cut to {@code max} UTF-16 units, ending with {@value #MARKER} when it was cut. The cut moves back to
     * before an entity ({@code &amp;}) or a {@code <…>} it would split: people's {@code <} are escaped, so a
     * {@code <} here opens our own link, which must stay whole or go.
     */
    static String fit(String mrkdwn, int max) {
        if (mrkdwn.length() <= max) {
            return mrkdwn;
        }
        int end = Math.max(0, max - MARKER.length());
        if (end > 0 && Character.isHighSurrogate(mrkdwn.charAt(end - 1))) {
            end--;
        }
        int amp = end == 0 ? -1 : mrkdwn.lastIndexOf('&', end - 1);
        int semicolon = amp < 0 ? -1 : mrkdwn.indexOf(';', amp);
        if (amp >= 0 && end - amp < "&amp;".length() && (semicolon < 0 || semicolon >= end)) {
            end = amp; // inside "&amp;", "&lt;" or "&gt;"
        }
        int open = end == 0 ? -1 : mrkdwn.lastIndexOf('<', end - 1);
        if (open >= 0 && mrkdwn.lastIndexOf('>', end - 1) < open) {
            end = open; // inside "<url|label>"
        }
        return mrkdwn.substring(0, end) + MARKER;
    }
}

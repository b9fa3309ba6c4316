package dev.frontdesk.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterResources;

/**
 * Known crawlers, monitors, HTTP libraries and headless or automated browsers, by user agent: their visits are
 * answered but not recorded. The patterns are the maintained list of crawler-user-agents (MIT), vendored as
 * {@code crawler-user-agents.json} beside this class (its version, source and licence in
 * {@code crawler-user-agents.md}), plus {@link #OWN_PATTERNS}; a missing or blank user agent counts as a bot too:
 * browsers always send one. The list names its crawlers precisely instead of matching words such as "bot", so real
 * phones and browsers (a Cubot phone, in-app browsers, Android WebViews) are not flagged.
 * <p>
 * It flags {@code HeadlessChrome}: browser tests must set a normal user agent to be recorded.
 * <p>
 * On the heartbeat path: the patterns are compiled once. Most begin with a literal text that every match contains
 * ({@code Googlebot/} of {@code Googlebot\/}): such a pattern runs only where its literal occurs in the user agent,
 * found by the literal's first two characters, so a user agent costs one look-up per character rather than 1,500
 * patterns per character; the few others run as one combined expression. The answer for each user agent up to
 * {@value #CACHED_LENGTH} characters is kept (at most {@value #CACHE_ENTRIES} of them; the cache starts over when
 * full), since a browser sends the same one on every request.
 */
// Read from the class path at run time: a native image keeps it only if registered.
@RegisterResources(globs = "dev/frontdesk/platform/web/crawler-user-agents.json")
public final class Bots {

    /** Ours, for user agents the list lacks: Java's own HTTP clients ({@code Java/17.0.8}). */
    static final List<String> OWN_PATTERNS = List.of("^Java/");

    static final String LIST = "crawler-user-agents.json";
    private static final int CACHE_ENTRIES = 10_000;
    private static final int CACHED_LENGTH = 1024;

    /** A pattern and the literal text that starts every match of it. */
    private record Screened(String literal, Pattern pattern) {
    }

    /** Screened patterns by the first two characters of their literal. */
    private static final Map<String, List<Screened>> BY_START = new HashMap<>();
    /** The patterns without a usable literal, as one expression. */
    private static final Pattern UNSCREENED;
    private static final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    static {
        List<String> unscreened = new ArrayList<>();
        for (String pattern : patterns()) {
            String literal = literalStart(pattern);
            if (literal == null || literal.length() < 2) {
                unscreened.add(pattern);
            } else {
                BY_START.computeIfAbsent(literal.substring(0, 2), start -> new ArrayList<>())
                        .add(new Screened(literal, Pattern.compile(pattern)));
            }
        }
        UNSCREENED = compile(unscreened);
    }

    private Bots() {
    }

    public static boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        if (userAgent.length() > CACHED_LENGTH) {
            return matches(userAgent);
        }
        Boolean known = seen.get(userAgent);
        if (known != null) {
            return known;
        }
        boolean bot = matches(userAgent);
        if (seen.size() >= CACHE_ENTRIES) {
            seen.clear();
        }
        seen.put(userAgent, bot);
        return bot;
    }

    private static boolean matches(String userAgent) {
        for (int i = 0, last = userAgent.length() - 2; i <= last; i++) {
            List<Screened> candidates = BY_START.get(userAgent.substring(i, i + 2));
            if (candidates != null) {
                for (Screened candidate : candidates) {
                    if (userAgent.startsWith(candidate.literal(), i) && candidate.pattern().matcher(userAgent).find()) {
                        return true;
                    }
                }
            }
        }
        return UNSCREENED.matcher(userAgent).find();
    }

    /**
     * The literal text every match of {@code pattern} starts with (after a leading {@code ^}): its characters up to
     * the first group, class, wildcard, anchor or character escape, less one made optional by a quantifier. Null
     * when the pattern is an alternation at its top level (no text is then common to all matches).
     */
    static String literalStart(String pattern) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return null;
            }
        }
        StringBuilder literal = new StringBuilder();
        int i = pattern.startsWith("^") ? 1 : 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            char next;
            int width;
            if (c == '\\') {
                if (i + 1 >= pattern.length() || Character.isLetterOrDigit(pattern.charAt(i + 1))) {
                    break; // \d, \b, \Q…: not one literal character
                }
                next = pattern.charAt(i + 1);
                width = 2;
            } else if (".[]()^$|?*+{}".indexOf(c) >= 0) {
                break;
            } else {
                next = c;
                width = 1;
            }
            char after = i + width < pattern.length() ? pattern.charAt(i + width) : 0;
            if (after == '?' || after == '*' || after == '{') {
                break; // this character may be absent
            }
            literal.append(next);
            if (after == '+') {
                break;
            }
            i += width;
        }
        return literal.toString();
    }

    /** Every pattern of the vendored list, in its order, then {@link #OWN_PATTERNS}. */
    static List<String> patterns() {
        List<String> patterns = new ArrayList<>();
        for (JsonNode entry : list()) {
            patterns.add(entry.get("pattern").textValue());
        }
        patterns.addAll(OWN_PATTERNS);
        return patterns;
    }

    /** The vendored list as it is: entries with {@code pattern}, {@code instances}, {@code url}, … */
    static JsonNode list() {
        try (InputStream in = Bots.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("The bot list " + LIST + " is missing from the classpath.");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The bot list " + LIST + " cannot be read.", e);
        }
    }

    static Pattern compile(List<String> patterns) {
        StringBuilder any = new StringBuilder();
        for (String pattern : patterns) {
            any.append(any.isEmpty() ? "" : "|").append("(?:").append(pattern).append(')');
        }
        return Pattern.compile(any.toString());
    }
}

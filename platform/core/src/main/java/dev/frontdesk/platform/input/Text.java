package dev.frontdesk.platform.input;

/**
 * The one rule for text a service accepts: no NUL, no other C0 control character but tab, line feed and carriage
 * return, and no unpaired UTF-16 surrogate. PostgreSQL cannot store a NUL in {@code text} or {@code jsonb}, and an
 * unpaired surrogate is not Unicode at all, so such text is refused (our own API) or cleaned (text that real
 * browsers send, see {@link TextHandling#CLEAN}).
 */
public final class Text {

    private Text() {
    }

    /** The index of the first character the rule refuses, or -1 when {@code text} is acceptable. */
    public static int firstInvalid(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isValid(CharSequence text) {
        return text == null || firstInvalid(text) < 0;
    }

    /** {@code text} without refused control characters, unpaired surrogates replaced by U+FFFD. */
    public static String clean(String text) {
        if (text == null || firstInvalid(text) < 0) {
            return text;
        }
        StringBuilder cleaned = new StringBuilder(text.length());
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c == '\t' || c == '\n' || c == '\r') {
                    cleaned.append(c);
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                cleaned.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cleaned.append('\uFFFD');
            } else {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }

    /**
     * The text's first {@code max} UTF-16 units at most, one fewer when the last would be the high half of a pair
     * (a character is never split); the text itself when it fits.
     */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** What is wrong with the character at {@code index}, for a problem's field message. */
    public static String describe(CharSequence text, int index) {
        char c = text.charAt(index);
        if (c == 0) {
            return "must not contain a NUL character";
        }
        if (Character.isSurrogate(c)) {
            return "must be valid Unicode (an unpaired surrogate at position " + index + ")";
        }
        return String.format("must not contain the control character U+%04X", (int) c);
    }
}

package dev.frontdesk.platform.testing;

import java.util.Random;

/**
 * Text a browser could hand over, for property tests of widget endpoints: letters, C0 and C1 controls, NUL, emoji,
 * unpaired surrogates, sometimes very long. Seeded, so a failure names the seed that reproduces it.
 */
public final class RandomText {

    private RandomText() {
    }

    /** Up to {@code maxLength} UTF-16 units of any of the above. */
    public static String of(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            switch (random.nextInt(10)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append('\u0000');
                case 2 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                case 3 -> text.appendCodePoint(0x1F600 + random.nextInt(0x50));
                case 4 -> text.append((char) (0x7F + random.nextInt(0x21)));
                case 5 -> text.append((char) (0xA0 + random.nextInt(0x2000)));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    /** A JSON string literal of {@link #of} text, every control character and surrogate as a {@code \\u} escape. */
    public static String json(Random random, int maxLength) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : of(random, maxLength).toCharArray()) {
            if (c < 0x20 || Character.isSurrogate(c) || c == '"' || c == '\\') {
                literal.append(String.format("\\u%04x", (int) c));
            } else {
                literal.append(c);
            }
        }
        return literal.append('"').toString();
    }

    /** A header value a client could send (a user agent): printable ASCII and tabs, sometimes very long. */
    public static String header(Random random) {
        int length = 1 + random.nextInt(random.nextInt(5) == 0 ? 4000 : 200);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(20) == 0 ? '\t' : (char) (0x20 + random.nextInt(0x5F)));
        }
        String value = text.toString().strip();
        return value.isEmpty() ? "x" : value;
    }
}

package dev.frontdesk.visitor;

import java.util.Random;

/** Text a browser could hand over: letters, C0 and C1 controls, NUL, emoji, unpaired surrogates. */
final class RandomText {

    private RandomText() {
    }

    static String of(Random random, int maxLength) {
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
}

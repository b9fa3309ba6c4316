package dev.frontdesk.local;

import java.util.ArrayList;
import java.util.List;

/**
 * Normalizes a raw request path before the gateway routes it, so that routing and the service see the same path.
 * Percent-encoded unreserved characters are decoded (RFC 3986 §6.2.2.2) and dot segments removed (§5.2.4); paths
 * a service could read differently from the gateway are refused instead.
 */
final class RequestPath {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestPath() {
    }

    /** A path the gateway refuses to route; the message says why and is safe to show the client. */
    static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Returns the normalized form of {@code raw} (the path part of the request target, still percent-encoded).
     *
     * @throws Rejected for an encoded slash or backslash ({@code %2F}, {@code %5C}: a service would decode them into
     *         separators the gateway did not route on), a raw backslash, a control character raw or encoded
     *         ({@code %00}), malformed percent-encoding, a dot segment carrying parameters ({@code ..;x}) or a
     *         dot segment that climbs above {@code /}
     */
    static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        if (raw.charAt(0) != '/') {
            throw new Rejected("The request path must start with /");
        }
        StringBuilder decoded = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int value = i + 2 < raw.length() ? hex(raw.charAt(i + 1), raw.charAt(i + 2)) : -1;
                if (value < 0) {
                    throw new Rejected("The request path has malformed percent-encoding");
                }
                if (value == '/' || value == '\\') {
                    throw new Rejected("The request path has an encoded slash or backslash");
                }
                if (value < 0x20 || value == 0x7f) {
                    throw new Rejected("The request path has an encoded control character");
                }
                if (isUnreserved(value)) {
                    decoded.append((char) value);
                } else {
                    decoded.append('%').append(HEX[value >> 4]).append(HEX[value & 0xf]);
                }
                i += 2;
            } else if (c == '\\') {
                throw new Rejected("The request path has a backslash");
            } else if (c < 0x20 || c == 0x7f) {
                throw new Rejected("The request path has a control character");
            } else {
                decoded.append(c);
            }
        }
        return removeDotSegments(decoded.toString());
    }

    /** RFC 3986 §5.2.4 on an absolute path, except that climbing above the root is refused rather than ignored. */
    private static String removeDotSegments(String path) {
        String[] segments = path.substring(1).split("/", -1);
        List<String> output = new ArrayList<>(segments.length);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0) {
                // Some servers strip path parameters before resolving dots, turning "..;x" into "..".
                String name = segment.substring(0, semicolon);
                if (name.equals(".") || name.equals("..")) {
                    throw new Rejected("The request path has a dot segment with parameters");
                }
            }
            if (segment.equals(".")) {
                if (last) {
                    output.add("");
                }
            } else if (segment.equals("..")) {
                if (output.isEmpty()) {
                    throw new Rejected("The request path climbs above /");
                }
                output.remove(output.size() - 1);
                if (last) {
                    output.add("");
                }
            } else {
                output.add(segment);
            }
        }
        return "/" + String.join("/", output);
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hex(char high, char low) {
        int h = hexDigit(high);
        int l = hexDigit(low);
        return h < 0 || l < 0 ? -1 : h << 4 | l;
    }

    /** ASCII only: {@link Character#digit} would also accept other scripts' digits. */
    private static int hexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}

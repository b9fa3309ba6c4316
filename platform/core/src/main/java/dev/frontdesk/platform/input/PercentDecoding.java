package dev.frontdesk.platform.input;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.frontdesk.platform.problem.InvalidRequestException;

/**
 * Strict percent-decoding (RFC 3986 §2.1) of paths, query strings and {@code application/x-www-form-urlencoded}
 * bodies: a {@code %} not followed by two hex digits, bytes that are not UTF-8, and text that breaks {@link Text}'s
 * rule are 400s naming the parameter, never a 500 from deep inside a framework.
 */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    /**
     * Decodes one component; {@code plusIsSpace} for query strings and form bodies.
     *
     * @throws InvalidRequestException naming {@code field}
     */
    public static String decode(String field, String encoded, boolean plusIsSpace) {
        if (encoded.indexOf('%') < 0 && !(plusIsSpace && encoded.indexOf('+') >= 0)) {
            return checked(field, encoded);
        }
        ByteBuffer bytes = ByteBuffer.allocate(encoded.length() * 4);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length() || Character.digit(encoded.charAt(i + 1), 16) < 0
                        || Character.digit(encoded.charAt(i + 2), 16) < 0) {
                    throw new InvalidRequestException(field, "'" + field + "' has a '%' that is not followed by two hex digits.");
                }
                bytes.put((byte) ((Character.digit(encoded.charAt(i + 1), 16) << 4) | Character.digit(encoded.charAt(i + 2), 16)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.put((byte) ' ');
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return checked(field, text.toString());
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException(field, "'" + field + "' is not percent-encoded UTF-8.");
        }
    }

    /**
     * An {@code application/x-www-form-urlencoded} body (or query string) as parameters in their order.
     *
     * @throws InvalidRequestException naming the parameter at fault
     */
    public static Map<String, List<String>> form(String body) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return parameters;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode("parameter name", equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : decode(name, pair.substring(equals + 1), true);
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String checked(String field, String text) {
        int invalid = Text.firstInvalid(text);
        if (invalid >= 0) {
            throw new InvalidRequestException(field, "'" + field + "' " + Text.describe(text, invalid) + ".");
        }
        return text;
    }
}

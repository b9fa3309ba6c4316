package dev.frontdesk.platform.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HMAC-SHA256 against RFC 4231's test vectors, in the encodings webhook senders use, and the comparison. */
class HmacSha256Test {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 4231, test cases 1, 2 and 6 (key longer than the block size); {@code aa*131} is 131 bytes of 0xaa. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b|4869205468657265|b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            "4a656665|7768617420646f2079612077616e7420666f72206e6f7468696e673f|5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "aa*131|54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374|60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    })
    void signsAsRfc4231Says(String keyHex, String dataHex, String macHex) {
        HexFormat hex = HexFormat.of();
        byte[] key = keyHex.contains("*") ? hex.parseHex(keyHex.substring(0, 2).repeat(Integer.parseInt(keyHex.substring(3))))
                : hex.parseHex(keyHex);
        byte[] data = hex.parseHex(dataHex);
        assertEquals(macHex, HmacSha256.hex(key, data), "lower-case hex, as Cal.com's X-Cal-Signature-256");
        assertEquals(java.util.Base64.getEncoder().encodeToString(hex.parseHex(macHex)), HmacSha256.base64(key, data),
                "base64, as Daily's X-Webhook-Signature");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "abc|abc|true",
            "abc|' abc '|true",          // surrounding blanks of a header value do not count
            "abc|abd|false",
            "abc|ab|false",
            "abc|ABC|false",             // Cal.com sends lower-case hex: another case is another signature
            "abc|NULL|false",
            "NULL|abc|false",
            "abc|''|false",
    })
    void comparesWholeSignatures(String expected, String received, boolean matches) {
        assertEquals(matches, HmacSha256.matches(expected, received));
    }

    @ParameterizedTest
    @CsvSource({ "secret, {\"triggerEvent\":\"PING\"}" })
    void aSignatureVerifiesItsOwnBodyOnly(String secret, String body) {
        String signature = HmacSha256.hex(bytes(secret), bytes(body));
        assertTrue(HmacSha256.matches(signature, HmacSha256.hex(bytes(secret), bytes(body))));
        assertFalse(HmacSha256.matches(signature, HmacSha256.hex(bytes(secret), bytes(body + " "))), "one byte more");
        assertFalse(HmacSha256.matches(signature, HmacSha256.hex(bytes(secret + "x"), bytes(body))), "another secret");
    }
}

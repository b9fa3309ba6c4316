package dev.frontdesk.platform.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** Browser text is cleaned and cut, never refused; identifiers marked {@link Verbatim} are refused, never cleaned. */
class BrowserTextTest {

    record Identify(@Verbatim String externalId, String name) {
    }

    private static final ObjectMapper MAPPER = configured();

    private static ObjectMapper configured() {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new JsonInputPolicy().customize(mapper);
        return mapper;
    }

    static Stream<Arguments> hostileText() {
        // Input → what is kept with a limit of 8 characters.
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("spring\u0000sale", "springsa"),
                Arguments.of("\u0000\u0001\u001f", ""),
                Arguments.of("tab\there", "tab\there"),
                Arguments.of("line\r\nbreak", "line\r\nbr"),
                Arguments.of("a\ud800b", "a\ufffdb"),
                Arguments.of("\udc00x", "\ufffdx"),
                Arguments.of("1234567\ud83d\ude00", "1234567"),
                Arguments.of("123456\ud83d\ude00", "123456\ud83d\ude00"),
                Arguments.of("\u007f\u0085\u00a0", "\u007f\u0085\u00a0"),
                Arguments.of("abcdefghijk", "abcdefgh"));
    }

    @ParameterizedTest
    @MethodSource("hostileText")
    void textIsCleanedThenCutWithoutSplittingACharacter(String input, String kept) {
        assertEquals(kept, BrowserText.keep(input, 8));
    }

    @Test
    void theLimitsAreThoseTheReadmesSay() {
        assertEquals(4096, BrowserText.url("https://shop.example.com/?" + "x".repeat(10_000)).length());
        assertEquals(512, BrowserText.title("t".repeat(600)).length());
        assertEquals(512, BrowserText.userAgent("Mozilla/5.0 " + "u".repeat(600)).length());
        assertNull(BrowserText.url(null));
    }

    @Test
    void randomTextAlwaysComesOutStorableAndWithinItsLimit() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int run = 0; run < 5_000; run++) {
            String text = randomText(random, random.nextInt(6) == 0 ? 10_000 : 40);
            int limit = 1 + random.nextInt(600);
            String kept = BrowserText.keep(text, limit);
            String context = "seed " + seed + ", run " + run;
            assertTrue(Text.isValid(kept), context);
            assertTrue(kept.length() <= limit, context);
            assertTrue(Text.clean(text).startsWith(kept), context);
            assertTrue(kept.length() >= Math.min(limit, Text.clean(text).length()) - 1, context);
        }
    }

    @Test
    void metadataTreesKeepEveryNameAndStringAtAnyDepth() throws Exception {
        JsonNode tree = new ObjectMapper().readTree("{\"utm\\u0000campaign\":\"spring\\u0000sale\",\"n\":5,\"ok\":true,"
                + "\"" + "k".repeat(200) + "\":\"" + "v".repeat(600) + "\",\"list\":[\"a\\ud800\",{\"deep\":\"\\u0007x\"}]}");
        JsonNode kept = BrowserText.keep(tree);
        assertEquals("springsale", kept.get("utmcampaign").textValue());
        assertEquals(5, kept.get("n").intValue());
        assertTrue(kept.get("ok").booleanValue());
        assertEquals("v".repeat(512), kept.get("k".repeat(128)).textValue());
        assertEquals("a\ufffd", kept.get("list").get(0).textValue());
        assertEquals("x", kept.get("list").get(1).get("deep").textValue());
        assertEquals(5, kept.size());
        assertTrue(tree.has("utm\u0000campaign"), "the tree it was given is left alone");
        JsonNode clean = new ObjectMapper().readTree("{\"a\":[\"b\",1]}");
        assertSame(clean, BrowserText.keep(clean));
    }

    @Test
    void aVerbatimFieldIsRefusedWhereTheRestOfTheBodyIsCleaned() throws Exception {
        ObjectReader cleaning = TextHandling.cleaning(MAPPER).forType(Identify.class);
        Identify cleaned = cleaning.readValue("{\"externalId\":\"u-1\",\"name\":\"Ada\\u0000\"}");
        assertEquals(new Identify("u-1", "Ada"), cleaned);
        InvalidTextException refused = assertThrows(InvalidTextException.class,
                () -> cleaning.readValue("{\"externalId\":\"u\\u0000-1\",\"name\":\"Ada\"}"));
        assertEquals("externalId", JsonProblems.of(refused).field());
        assertEquals("Field 'externalId' must not contain a NUL character.", JsonProblems.of(refused).getMessage());
    }

    /** Text a browser could hand us: letters, C0 and C1 controls, NUL, pairs and lone surrogates, emoji. */
    static String randomText(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            switch (random.nextInt(8)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                case 2 -> text.appendCodePoint(0x1F600 + random.nextInt(0x50));
                case 3 -> text.append((char) (0x7F + random.nextInt(0x21)));
                case 4 -> text.append('\u0000');
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }
}

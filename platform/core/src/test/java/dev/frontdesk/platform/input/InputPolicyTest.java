package dev.frontdesk.platform.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.platform.problem.InvalidRequestException;

/** The input policy's rules, one table per kind, on a mapper configured as every service's is. */
class InputPolicyTest {

    record Site(String name, List<String> allowedDomains) {
    }

    record Labels(Map<String, String> labels) {
    }

    private final ObjectMapper mapper = configured();

    private static ObjectMapper configured() {
        // As Quarkus makes it (quarkus.jackson.fail-on-unknown-properties=false), then our policy.
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new JsonInputPolicy().customize(mapper);
        return mapper;
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"a\\u0000b\",\"allowedDomains\":[]}       | name              | Field 'name' must not contain a NUL character.",
            "{\"name\":\"a\",\"allowedDomains\":[\"x\\u0000\"]}   | allowedDomains[0] | Field 'allowedDomains[0]' must not contain a NUL character.",
            "{\"name\":\"a\\ud800\",\"allowedDomains\":[]}        | name              | Field 'name' must be valid Unicode (an unpaired surrogate at position 1).",
            "{\"name\":\"a\\u0007\",\"allowedDomains\":[]}        | name              | Field 'name' must not contain the control character U+0007.",
            "{\"name\":5,\"allowedDomains\":{}}                    | allowedDomains    | Field 'allowedDomains' has the wrong type.",
            "{\"name\":\"a\",\"allowedDomains\":[],\"zz\":1}      | zz                | Field 'zz' is not a known field.",
            "{\"name\":\"a\",\"allowedDomains\":[null]}           | allowedDomains[0] | Field 'allowedDomains[0]' must not be null.",
    })
    void aBadFieldIsNamed(String body, String field, String detail) {
        InvalidRequestException problem = refusedByStrictReader(body, Site.class);
        assertEquals(field, problem.field());
        assertEquals(detail, problem.getMessage());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"a\",\"name\":\"b\",\"allowedDomains\":[]} | The body has the field 'name' twice.",
            "{\"name\":\"a\",\"allowedDomains\":[]}}}}            | The body is not well-formed JSON.",
            "{\"name\":\"a\",\"allowedDomains\":[]} {}             | The body has content after its JSON value.",
            "{\"name\":                                           | The body is not well-formed JSON.",
            "[]                                                    | The body does not have the expected shape.",
    })
    void aBadBodyIsRefusedAsAWhole(String body, String detail) {
        InvalidRequestException problem = refusedByStrictReader(body, Site.class);
        assertEquals(detail, problem.getMessage());
    }

    @Test
    void deepNestingIsRefusedWhileParsing() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertEquals("The body is nested too deeply or holds too long a value.",
                refusedByStrictReader(deep, JsonNode.class).getMessage());
    }

    @Test
    void treesAreCheckedWithThePathOfTheValue() {
        InvalidRequestException problem = refused(() -> mapper.readTree(
                "{\"payload\":{\"attendees\":[{\"name\":\"ok\"},{\"name\":\"x\\u0000\"}]}}"));
        assertEquals("payload.attendees[1].name", problem.field());
        InvalidRequestException key = refused(() -> mapper.readTree("{\"payload\":{\"attendees\":[{},{\"a\\u0000\":1}]}}"));
        assertEquals("payload.attendees[1]", key.field());
        assertEquals("Field 'payload.attendees[1]' has a field name that must not contain a NUL character.", key.getMessage());
    }

    @Test
    void mapKeysAreText() {
        assertEquals("labels", refused(() -> mapper.readValue("{\"labels\":{\"a\\u0000\":\"v\"}}", Labels.class))
                .field());
    }

    @Test
    void browserTextIsCleanedNotRefused() throws Exception {
        Site site = TextHandling.cleaning(StrictRequestBodies.strict(mapper))
                .readValue("{\"name\":\"Sale\\u0000 \\u0007today\\ud800\",\"allowedDomains\":[\"a\\u0000.com\"]}", Site.class);
        assertEquals("Sale today\uFFFD", site.name());
        assertEquals(List.of("a.com"), site.allowedDomains());
        JsonNode tree = TextHandling.cleaning(mapper).readTree("{\"title\":\"a\\u0000b\",\"k\\u0000\":[\"\\u0001x\"]}");
        assertEquals("{\"title\":\"ab\",\"k\":[\"x\"]}", tree.toString());
    }

    @Test
    void eventsAndVendorPayloadsKeepBeingReadWhenTheyGainFields() throws Exception {
        assertEquals("a", mapper.readValue("{\"name\":\"a\",\"allowedDomains\":[],\"newField\":1}", Site.class).name());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "MessageSid=%            | 'MessageSid' has a '%' that is not followed by two hex digits.",
            "MessageSid=%zz          | 'MessageSid' has a '%' that is not followed by two hex digits.",
            "MessageSid=a%00b        | 'MessageSid' must not contain a NUL character.",
            "MessageSid=%FF          | 'MessageSid' is not percent-encoded UTF-8.",
            "%00=1                   | 'parameter name' must not contain a NUL character.",
    })
    void formsArePercentDecodedStrictly(String form, String detail) {
        InvalidRequestException problem = assertThrows(InvalidRequestException.class, () -> PercentDecoding.form(form));
        assertEquals(detail, problem.getMessage());
    }

    @Test
    void wellFormedFormsAreDecoded() {
        assertEquals(Map.of("To", List.of("+15005550006"), "Body", List.of("a b&c")),
                PercentDecoding.form("To=%2B15005550006&Body=a+b%26c"));
    }

    private InvalidRequestException refusedByStrictReader(String body, Class<?> type) {
        return refused(() -> StrictRequestBodies.strict(mapper).readValue(body, type));
    }

    interface Read {
        Object read() throws Exception;
    }

    private static InvalidRequestException refused(Read read) {
        try {
            read.read();
        } catch (JsonProcessingException e) {
            return JsonProblems.of(e);
        } catch (Exception e) {
            throw new AssertionError("not a JSON problem: " + e, e);
        }
        throw new AssertionError("accepted");
    }
}

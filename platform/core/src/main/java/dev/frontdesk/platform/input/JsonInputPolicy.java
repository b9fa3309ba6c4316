package dev.frontdesk.platform.input;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How every service reads JSON, whatever it comes from (request bodies, webhooks, events, vendor answers):
 * <ul>
 * <li>a duplicated key ({@code {"name":"a","name":"b"}}) and content after the value ({@code {...}}}) are refused,
 * so no two readers can disagree about what a body said;</li>
 * <li>text is held to {@link Text}'s rule: refused with the field's path, or cleaned where the reader asked for
 * {@link TextHandling#CLEAN} (never in a property marked {@link Verbatim});</li>
 * <li>nesting deeper than {@value #MAX_NESTING_DEPTH} and strings longer than {@value #MAX_STRING_LENGTH}
 * characters are refused while parsing (a body is at most 1 MiB anyway).</li>
 * </ul>
 * Unknown fields and null elements are refused only in request bodies of our own API ({@link StrictRequestBodies}):
 * events and vendor payloads gain fields over time and must keep being read.
 */
@Singleton
public class JsonInputPolicy implements ObjectMapperCustomizer {

    public static final int MAX_NESTING_DEPTH = 64;
    public static final int MAX_STRING_LENGTH = 1 << 20;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxStringLength(MAX_STRING_LENGTH).build());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("frontdesk-text")
                .addDeserializer(String.class, new CheckedString())
                .addKeyDeserializer(String.class, new CheckedKey())
                .addDeserializer(JsonNode.class, new CheckedTree()));
    }

    @Override
    public int priority() {
        // After Quarkus' own customizers, so nothing resets these settings.
        return MINIMUM_PRIORITY;
    }

    static String checked(String text, JsonParser parser, DeserializationContext context) throws InvalidTextException {
        return checked(text, parser, TextHandling.of(context));
    }

    private static String checked(String text, JsonParser parser, TextHandling handling) throws InvalidTextException {
        if (text == null) {
            return null;
        }
        int invalid = Text.firstInvalid(text);
        if (invalid < 0) {
            return text;
        }
        if (handling == TextHandling.CLEAN) {
            return Text.clean(text);
        }
        throw new InvalidTextException(parser, Text.describe(text, invalid));
    }

    /** Strings; a property marked {@link Verbatim} is refused rather than cleaned whatever the reader asked. */
    static final class CheckedString extends StringDeserializer implements ContextualDeserializer {

        private final boolean verbatim;

        CheckedString() {
            this(false);
        }

        private CheckedString(boolean verbatim) {
            this.verbatim = verbatim;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean marked = property != null && property.getAnnotation(Verbatim.class) != null;
            return marked == verbatim ? this : new CheckedString(marked);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return checked(super.deserialize(parser, context), parser,
                    verbatim ? TextHandling.REFUSE : TextHandling.of(context));
        }
    }

    static final class CheckedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(key, context.getParser(), context);
        }
    }

    /** Trees (webhooks, analytics batches) are checked after parsing, with the path of the offending value. */
    static final class CheckedTree extends StdDeserializer<JsonNode> {

        @SuppressWarnings("unchecked")
        private final JsonDeserializer<JsonNode> trees = (JsonDeserializer<JsonNode>) JsonNodeDeserializer
                .getDeserializer(JsonNode.class);

        CheckedTree() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return check(trees.deserialize(parser, context), "", parser, context);
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return NullNode.getInstance();
        }

        private JsonNode check(JsonNode node, String pointer, JsonParser parser, DeserializationContext context)
                throws IOException {
            if (node.isTextual()) {
                String text = node.textValue();
                int invalid = Text.firstInvalid(text);
                if (invalid < 0) {
                    return node;
                }
                if (TextHandling.of(context) == TextHandling.CLEAN) {
                    return TextNode.valueOf(Text.clean(text));
                }
                throw failure(parser, pointer, Text.describe(text, invalid));
            }
            if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    JsonNode checked = check(array.get(i), pointer + "[" + i + "]", parser, context);
                    if (checked != array.get(i)) {
                        array.set(i, checked);
                    }
                }
            } else if (node instanceof ObjectNode object) {
                ObjectNode cleaned = null;
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String path = pointer.isEmpty() ? field.getKey() : pointer + "." + field.getKey();
                    int invalidName = Text.firstInvalid(field.getKey());
                    if (invalidName >= 0 && TextHandling.of(context) == TextHandling.REFUSE) {
                        // The object is named, not the key: the key itself is what must not be echoed back.
                        throw failure(parser, pointer.isEmpty() ? "body" : pointer,
                                "has a field name that " + Text.describe(field.getKey(), invalidName));
                    }
                    JsonNode value = check(field.getValue(), path, parser, context);
                    if (invalidName >= 0 || value != field.getValue()) {
                        cleaned = cleaned == null ? object.deepCopy() : cleaned;
                        cleaned.remove(field.getKey());
                        cleaned.set(Text.clean(field.getKey()), value);
                    }
                }
                return cleaned == null ? object : cleaned;
            }
            return node;
        }

        private static InvalidTextException failure(JsonParser parser, String path, String reason) {
            InvalidTextException e = new InvalidTextException(parser, reason);
            if (!path.isEmpty()) {
                e.prependPath(new com.fasterxml.jackson.databind.JsonMappingException.Reference(null, path));
            }
            return e;
        }
    }
}

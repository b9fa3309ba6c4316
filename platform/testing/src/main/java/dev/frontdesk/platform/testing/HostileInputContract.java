package dev.frontdesk.platform.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.frontdesk.platform.testing.RawHttp.RawResponse;
import io.restassured.RestAssured;

/**
 * The HTTP edge under hostile input, generated from the service's own OpenAPI document (so a new operation is
 * covered the day it is written): for every operation, malformed variants of its path ids, query parameters and
 * body (wrong types, nulls, NUL and unpaired surrogates, duplicated keys, trailing content, deep nesting, huge and
 * chunked bodies, extreme numbers and dates, bad ids, wrong content types). Every answer must be below 500; every
 * error {@code application/problem+json} without a stack trace, class name or SQL; a refused request must leave
 * every table of the service's schema as it was. The management endpoints must not answer on the public port, and
 * the {@code uri} tag of the HTTP metrics must stay a route template whatever paths were tried.
 * <p>
 * A service's test extends this, says its schema, and may give real ids ({@link #pathValues()}), example bodies
 * for operations whose schema says little (webhooks: {@link #exampleBody}) and the headers an operation needs
 * ({@link #headers}: tokens by default, signatures for webhooks).
 */
public abstract class HostileInputContract {

    /** An operation of the OpenAPI document. */
    public record Operation(String method, String path, List<Parameter> parameters, String contentType, JsonNode schema,
            List<String> roles) {

        public boolean hasBody() {
            return contentType != null;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public record Parameter(String name, String in, boolean required, String format) {
    }

    /** One request sent and what it was meant to test. */
    public record Attempt(Operation operation, String variant, String path, byte[] body, String contentType,
            boolean chunked) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern INSTANT_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");
    private static final Pattern DAY_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "java.", "org.postgresql", "SQLState",
            "dev.frontdesk", "io.quarkus", "com.fasterxml", "io.vertx", "ERROR:");
    private static final int BIG = 1_100_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> failures = new ArrayList<>();
    private int sent;

    /** The service's schema (and database role): its tables are counted around every refused request. */
    protected abstract String schema();

    /** Tables that change on their own (consumers, jobs) and are not counted. */
    protected Set<String> uncountedTables() {
        return Set.of("inbox", "flyway_schema_history");
    }

    /**
     * A condition on {@code table}'s rows that leaves out those that background jobs write on their own (e.g.
     * presence events in the outbox), or null to count every row.
     */
    protected String countedRows(String table) {
        return null;
    }

    /** Real values for path parameters by name, so that body variants reach the code behind an existing id. */
    protected Map<String, String> pathValues() {
        return Map.of();
    }

    /** A realistic body for an operation whose schema is only bytes or text (webhooks); null for none. */
    protected String exampleBody(Operation operation) {
        return null;
    }

    /**
     * The headers to send with {@code body} to {@code operation}: by default a development token with the first
     * role the operation allows (admin when allowed). Webhook tests add the vendor's signature over the body.
     */
    protected Map<String, String> headers(Operation operation, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!operation.roles().isEmpty()) {
            String role = operation.roles().contains("admin") ? "admin" : operation.roles().get(0);
            headers.put("Authorization", "Bearer " + DevTokens.mint("org-hostile", "hostile-" + role, role));
        }
        return headers;
    }

    /**
     * The pages the service serves besides its API (a console, a join page), which the OpenAPI document leaves out,
     * as its metrics name them: fixed routes or a pattern's one name (e.g. {@code /console/*}); none by default.
     */
    protected Set<String> pageRoutes() {
        return Set.of();
    }

    /** Operations left out, with the reason in the override's comment (none by default). */
    protected boolean skipped(Operation operation) {
        return false;
    }

    @Test
    void everyOperationAnswersHostileInputWithA4xxProblemAndStoresNothing() throws Exception {
        JsonNode document = JSON.readTree(fetch(URI.create("http://localhost:" + Management.port() + "/q/openapi?format=json")));
        List<Operation> operations = operations(document);
        assertTrue(operations.size() > 0, "the OpenAPI document lists no operation");
        List<String> tables = tables();
        int covered = 0;
        for (Operation operation : operations) {
            if (skipped(operation)) {
                continue;
            }
            covered++;
            for (Attempt attempt : attempts(operation, document)) {
                send(attempt, tables);
            }
        }
        System.out.printf("Hostile input: %d requests over %d operations of %s, %d failures%n", sent, covered,
                schema(), failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " hostile requests failed:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    @Test
    void managementEndpointsAreNotOnThePublicPort() throws Exception {
        for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/q/swagger-ui",
                "/q/dev-ui", "/api/x/../../q/metrics", "/api/x/%2e%2e/%2e%2e/q/metrics", "/./q/metrics")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(publicUri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() == 404 || response.statusCode() == 400,
                    path + " answered " + response.statusCode() + " on the public port");
            assertTrue(!response.body().contains("http_server_requests") && !response.body().contains("\"UP\""), path);
        }
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Management.port()
                + "/q/health/live")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void metricsNameRouteTemplatesNotRawPaths() throws Exception {
        for (int i = 0; i < 5; i++) {
            http.send(HttpRequest.newBuilder(publicUri("/api/no-such-thing/" + i + "/x%00y")).build(),
                    HttpResponse.BodyHandlers.discarding());
            http.send(HttpRequest.newBuilder(publicUri("/nothing-" + i)).build(), HttpResponse.BodyHandlers.discarding());
        }
        JsonNode document = JSON.readTree(fetch(URI.create("http://localhost:" + Management.port() + "/q/openapi?format=json")));
        Set<String> templates = new LinkedHashSet<>();
        document.path("paths").fieldNames().forEachRemaining(templates::add);
        // A method the route does not have (405) on a path under a known template.
        for (String template : templates) {
            if (template.contains("{")) {
                Set<String> methods = new LinkedHashSet<>();
                document.path("paths").path(template).fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase(Locale.ROOT)));
                String method = List.of("PATCH", "PUT", "DELETE", "POST", "GET").stream()
                        .filter(m -> !methods.contains(m)).findFirst().orElse("PATCH");
                for (int i = 0; i < 3; i++) {
                    RawHttp.send("localhost", RestAssured.port, method, template.replaceAll("\\{[^}]+}", "hostile-label-" + i),
                            Map.of(), null, false);
                }
                break;
            }
        }
        String metrics = fetch(URI.create("http://localhost:" + Management.port() + "/q/metrics"));
        Matcher uri = Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"").matcher(metrics);
        Set<String> unexpected = new TreeSet<>();
        while (uri.find()) {
            String value = uri.group(1);
            // Fixed values besides the templates; "/cors-preflight" is Quarkus' one tag for every CORS preflight.
            if (!templates.contains(value) && !pageRoutes().contains(value) && !Set.of("NOT_FOUND", "REDIRECTION", "root", "UNKNOWN", "/INVALID",
                    "/cors-preflight").contains(value)
                    && !value.startsWith("/ws/") && !value.startsWith("/q/")) {
                unexpected.add(value);
            }
        }
        assertTrue(unexpected.isEmpty(), "metrics name raw paths: " + unexpected);
    }

    @Test
    void requestsLeakNoFileDescriptors() throws Exception {
        java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(fds), "needs Linux's /proc");
        for (int i = 0; i < 20; i++) {
            RawHttp.send("localhost", RestAssured.port, "GET", "/api/warm-up-" + i, Map.of(), null, false);
        }
        long before = count(fds);
        for (int i = 0; i < 200; i++) {
            RawHttp.send("localhost", RestAssured.port, "GET", "/api/fd-" + i, Map.of("X-Forwarded-Host", "x.example"),
                    null, false);
        }
        // Sockets close a little after their answers: wait for it, with a deadline.
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertTrue(count(fds) < before + 20,
                        "200 requests left " + (count(fds) - before) + " more open file descriptors"));
    }

    private static long count(java.nio.file.Path directory) throws java.io.IOException {
        try (var entries = java.nio.file.Files.list(directory)) {
            return entries.count();
        }
    }

    // --- generating the attempts --------------------------------------------------------------------------------

    private List<Attempt> attempts(Operation operation, JsonNode document) {
        List<Attempt> attempts = new ArrayList<>();
        String example = exampleBody(operation);
        if (example == null && operation.schema() != null) {
            example = example(operation.schema(), document, 0).toString();
        }
        boolean json = operation.hasBody() && (operation.contentType().contains("json")
                || operation.contentType().equals("*/*") || operation.contentType().startsWith("text/plain"));
        byte[] exampleBytes = example == null ? null : example.getBytes(StandardCharsets.UTF_8);
        String bodyType = operation.hasBody() ? (operation.contentType().equals("*/*") ? "application/json"
                : operation.contentType()) : null;

        // Path ids: every path parameter in turn gets hostile values, the others their real ones.
        for (Parameter parameter : operation.parameters()) {
            if (!parameter.in().equals("path")) {
                continue;
            }
            for (String hostile : List.of("%00", "a%20b'c", "%", "%FF", "x".repeat(300), "..%2f..%2fq%2fmetrics",
                    "-1", "%E2%80%AE", "%ED%A0%80", "99999999999999999999")) {
                attempts.add(new Attempt(operation, "path " + parameter.name() + "=" + abbreviate(hostile),
                        path(operation, Map.of(parameter.name(), hostile)), exampleBytes,
                        bodyType, false));
            }
        }
        // Query parameters.
        Set<String> queryNames = new LinkedHashSet<>();
        for (Parameter parameter : operation.parameters()) {
            if (!parameter.in().equals("query")) {
                continue;
            }
            queryNames.add(parameter.name());
            for (String hostile : List.of("%00", "-999999999-01-01", "%2B999999999-12-31", "99999999999999999999", "-1",
                    "x", "%", "%FF", "a".repeat(5000), "2026-02-30", "1e400")) {
                attempts.add(new Attempt(operation, "query " + parameter.name() + "=" + abbreviate(hostile),
                        path(operation, Map.of()) + "?" + parameter.name() + "=" + hostile, exampleBytes, bodyType, false));
            }
        }
        if (queryNames.contains("from") && queryNames.contains("to")) {
            attempts.add(new Attempt(operation, "from after to", path(operation, Map.of()) + "?from=2026-12-01&to=2026-11-01",
                    exampleBytes, bodyType, false));
        }
        if (!operation.hasBody()) {
            return attempts;
        }
        String path = path(operation, Map.of());
        // Whole bodies.
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty body", "");
        bodies.put("not JSON", "{");
        bodies.put("JSON null", "null");
        bodies.put("a string", "\"x\"");
        bodies.put("an array instead of an object", "[]");
        bodies.put("an array of nulls", "[null]");
        bodies.put("5000-deep nesting", "[".repeat(5000) + "]".repeat(5000));
        bodies.put("5000-deep objects", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
        if (example != null) {
            bodies.put("trailing content", example + "}}}");
            bodies.put("a second value", example + " " + example);
            bodies.put("an unknown field", withField(example, "zzUnknownField", "1"));
            bodies.put("a duplicated key", duplicatedKey(example));
            bodies.put("a NUL in a key", withField(example, "a\\u0000b", "1"));
        }
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            attempts.add(new Attempt(operation, body.getKey(), path, body.getValue().getBytes(StandardCharsets.UTF_8),
                    bodyType, false));
        }
        String huge = "{\"x\":\"" + "a".repeat(BIG) + "\"}";
        attempts.add(new Attempt(operation, "a 1.1 MB body", path, huge.getBytes(StandardCharsets.UTF_8), bodyType, false));
        attempts.add(new Attempt(operation, "a 1.1 MB chunked body", path, huge.getBytes(StandardCharsets.UTF_8), bodyType, true));
        if (exampleBytes != null) {
            attempts.add(new Attempt(operation, "XML content type", path, exampleBytes, "application/xml", false));
            attempts.add(new Attempt(operation, "form content type", path, "a=%&b=%00".getBytes(StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded", false));
        }
        if (!json) {
            for (String form : List.of("MessageSid=%", "MessageSid=%00", "%zz=1", "a=%FF", "MessageSid=" + "a".repeat(BIG))) {
                attempts.add(new Attempt(operation, "form " + abbreviate(form), path, form.getBytes(StandardCharsets.UTF_8),
                        bodyType, false));
            }
            return attempts;
        }
        // Every leaf of the example, in turn.
        if (example != null) {
            JsonNode tree;
            try {
                tree = JSON.readTree(example);
            } catch (Exception e) {
                throw new IllegalStateException("example body of " + operation + " is not JSON", e);
            }
            List<String> pointers = new ArrayList<>();
            leaves(tree, "", pointers);
            for (String pointer : pointers.subList(0, Math.min(30, pointers.size()))) {
                JsonNode leaf = tree.at(pointer);
                for (Map.Entry<String, String> value : leafVariants(leaf).entrySet()) {
                    String mutated = replaced(tree, pointer, value.getValue());
                    attempts.add(new Attempt(operation, pointer + " = " + value.getKey(), path,
                            mutated.getBytes(StandardCharsets.UTF_8), bodyType, false));
                }
            }
        }
        return attempts;
    }

    private static Map<String, String> leafVariants(JsonNode leaf) {
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("null", "null");
        variants.put("an object", "{}");
        variants.put("an array", "[]");
        if (leaf.isTextual()) {
            String text = leaf.textValue();
            variants.put("a number", "12345");
            variants.put("text with NUL", "\"a\\u0000b\"");
            variants.put("an unpaired surrogate", "\"a\\ud800b\"");
            variants.put("a control character", "\"a\\u0007b\"");
            variants.put("20,000 characters", "\"" + "x".repeat(20_000) + "\"");
            variants.put("empty text", "\"\"");
            if (UUID_TEXT.matcher(text).matches()) {
                variants.put("a bad uuid", "\"not-a-uuid\"");
            }
            if (INSTANT_TEXT.matcher(text).matches() || DAY_TEXT.matcher(text).matches()) {
                variants.put("year -999999999", "\"-999999999-01-01T00:00:00Z\"");
                variants.put("year +999999999", "\"+999999999-12-31T23:59:59Z\"");
                variants.put("not a time", "\"2026-13-45T99:99:99Z\"");
            }
        } else if (leaf.isNumber()) {
            variants.put("text", "\"x\"");
            variants.put("1e400", "1e400");
            variants.put("2^63", "9223372036854775808");
            variants.put("-2^63-1", "-9223372036854775809");
            variants.put("-1", "-1");
            variants.put("a fraction", "0.5");
        } else if (leaf.isBoolean()) {
            variants.put("text", "\"yes\"");
            variants.put("a number", "1");
        } else if (leaf.isArray()) {
            variants.put("a list of null", "[null]");
            variants.put("a list of objects", "[{}]");
            variants.put("a list with NUL text", "[\"a\\u0000b\"]");
        } else if (leaf.isObject()) {
            variants.put("an object with a NUL key", "{\"a\\u0000\":1}");
        }
        return variants;
    }

    private static void leaves(JsonNode node, String pointer, List<String> pointers) {
        if (node.isObject()) {
            if (!pointer.isEmpty() && node.isEmpty()) {
                pointers.add(pointer);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                leaves(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), pointers);
            }
        } else if (node.isArray()) {
            pointers.add(pointer);
            if (!node.isEmpty()) {
                leaves(node.get(0), pointer + "/0", pointers);
            }
        } else {
            pointers.add(pointer);
        }
    }

    private static String replaced(JsonNode tree, String pointer, String rawValue) {
        // Raw text is spliced in, so that values JSON trees cannot hold (NUL escapes, 1e400) reach the service as sent.
        String marker = "\"__hostile_value__\"";
        JsonNode copy = tree.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.put(key, "__hostile_value__");
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(key), JsonNodeFactory.instance.textNode("__hostile_value__"));
        }
        return copy.toString().replace(marker, rawValue);
    }

    private static String withField(String example, String name, String rawValue) {
        String trimmed = example.trim();
        if (!trimmed.startsWith("{")) {
            return "{\"" + name + "\":" + rawValue + "}";
        }
        return "{\"" + name + "\":" + rawValue + (trimmed.equals("{}") ? "}" : "," + trimmed.substring(1));
    }

    private static String duplicatedKey(String example) {
        try {
            JsonNode tree = JSON.readTree(example);
            if (tree.isObject() && tree.size() > 0) {
                String first = tree.fieldNames().next();
                return withField(example, first, tree.get(first).toString());
            }
        } catch (Exception e) {
            // not JSON: fall through
        }
        return "{\"a\":1,\"a\":2}";
    }

    /** A minimal valid-looking instance of a schema: required and optional properties, first enum values. */
    private static JsonNode example(JsonNode schema, JsonNode document, int depth) {
        schema = resolve(schema, document);
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (depth > 4) {
            return f.nullNode();
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.has("allOf")) {
            return example(schema.get("allOf").get(0), document, depth);
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode options = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
            for (JsonNode option : options) {
                if (!"null".equals(option.path("type").asText())) {
                    return example(option, document, depth);
                }
            }
        }
        String type = type(schema);
        String format = schema.path("format").asText("");
        switch (type) {
            case "object": {
                ObjectNode object = f.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> property = it.next();
                    object.set(property.getKey(), example(property.getValue(), document, depth + 1));
                }
                return object;
            }
            case "array": {
                ArrayNode array = f.arrayNode();
                array.add(example(schema.path("items"), document, depth + 1));
                return array;
            }
            case "integer":
            case "number":
                return f.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "boolean":
                return f.booleanNode(true);
            default:
                return f.textNode(switch (format) {
                    case "uuid" -> "00000000-0000-4000-8000-000000000001";
                    case "date-time" -> "2026-11-30T10:00:00Z";
                    case "date" -> "2026-11-30";
                    case "email" -> "someone@example.com";
                    case "uri", "url" -> "https://example.com/page";
                    default -> "x";
                });
        }
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static JsonNode resolve(JsonNode schema, JsonNode document) {
        while (schema.has("$ref")) {
            schema = document.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }

    private List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    continue;
                }
                JsonNode op = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    JsonNode resolved = resolve(p, document);
                    parameters.add(new Parameter(resolved.path("name").asText(), resolved.path("in").asText(),
                            resolved.path("required").asBoolean(), resolved.path("schema").path("format").asText("")));
                }
                String contentType = null;
                JsonNode schema = null;
                Iterator<Map.Entry<String, JsonNode>> content = op.path("requestBody").path("content").fields();
                if (content.hasNext()) {
                    Map.Entry<String, JsonNode> first = content.next();
                    contentType = first.getKey();
                    JsonNode s = first.getValue().path("schema");
                    JsonNode resolved = s.isMissingNode() ? null : resolve(s, document);
                    schema = resolved == null || "binary".equals(resolved.path("format").asText())
                            || (!"object".equals(type(resolved)) && !"array".equals(type(resolved))) ? null : resolved;
                }
                List<String> roles = new ArrayList<>();
                for (JsonNode requirement : op.path("security")) {
                    requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText())));
                }
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters,
                        contentType, schema, roles));
            }
        }
        return operations;
    }

    private String path(Operation operation, Map<String, String> overrides) {
        String path = operation.path();
        for (Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("path")) {
                String value = overrides.getOrDefault(parameter.name(),
                        pathValues().getOrDefault(parameter.name(), parameter.format().equals("uuid")
                                ? "00000000-0000-4000-8000-0000000000ff" : "no-such-id"));
                path = path.replace("{" + parameter.name() + "}", value);
            }
        }
        return path;
    }

    // --- sending and judging ------------------------------------------------------------------------------------

    private void send(Attempt attempt, List<String> tables) throws Exception {
        Map<String, Long> before = counts(tables);
        RawResponse response = exchange(attempt);
        if (response == null) {
            return;
        }
        Map<String, Long> after = counts(tables);
        if (response.status() >= 400 && response.status() < 500 && !after.equals(before)) {
            // Other tests' leftovers share the application (a ring deadline, a job): once the schema is quiet, the
            // same request again must change nothing, or it is a request that stores despite refusing.
            awaitQuiet(tables);
            before = counts(tables);
            response = exchange(attempt);
            if (response == null) {
                return;
            }
            after = counts(tables);
        }
        judge(attempt, response, before, after);
    }

    /** Sends the attempt; null when the connection was closed on a huge body (a refusal before reading it all). */
    private RawResponse exchange(Attempt attempt) {
        byte[] body = attempt.body() == null ? new byte[0] : attempt.body();
        boolean withBody = attempt.operation().hasBody() || attempt.body() != null;
        Map<String, String> headers = new LinkedHashMap<>(headers(attempt.operation(), body));
        if (withBody && attempt.contentType() != null) {
            headers.put("Content-Type", attempt.contentType());
        }
        sent++;
        try {
            return RawHttp.send("localhost", RestAssured.port, attempt.operation().method(), attempt.path(), headers,
                    withBody ? body : null, attempt.chunked());
        } catch (java.io.IOException closed) {
            if (body.length < BIG) {
                failures.add(attempt.operation() + " [" + attempt.variant() + "]: " + closed);
            }
            return null;
        }
    }

    private void awaitQuiet(List<String> tables) {
        AtomicReference<Map<String, Long>> last = new AtomicReference<>(Map.of());
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, Long> now = counts(tables);
            return now.equals(last.getAndSet(now));
        });
    }

    private void judge(Attempt attempt, RawResponse response, Map<String, Long> before, Map<String, Long> after) {
        String where = attempt.operation() + " [" + attempt.variant() + "] → " + response.status();
        String body = response.body();
        if (response.status() >= 500) {
            failures.add(where + ": " + abbreviate(body));
            return;
        }
        if (response.status() >= 400) {
            String type = response.header("content-type");
            if (!type.startsWith("application/problem+json")) {
                failures.add(where + ": content type '" + type + "', body " + abbreviate(body));
            }
            if (!after.equals(before)) {
                failures.add(where + ": refused, yet rows changed " + difference(before, after));
            }
        }
        for (String leak : LEAKS) {
            if (body.contains(leak) && response.status() >= 400) {
                failures.add(where + ": the answer shows '" + leak.trim() + "': " + abbreviate(body));
            }
        }
    }

    private static String difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> changed = new TreeMap<>();
        after.forEach((table, count) -> {
            if (!count.equals(before.get(table))) {
                changed.put(table, before.get(table) + " → " + count);
            }
        });
        return changed.toString();
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                        + schema() + "' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                if (!uncountedTables().contains(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private Map<String, Long> counts(List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return counts;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < tables.size(); i++) {
            String condition = countedRows(tables.get(i));
            sql.append(i == 0 ? "" : ", ").append("(SELECT count(*) FROM ").append(schema()).append(".\"")
                    .append(tables.get(i)).append("\"").append(condition == null ? "" : " WHERE " + condition)
                    .append(")");
        }
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < tables.size(); i++) {
                counts.put(tables.get(i), rs.getLong(i + 1));
            }
        }
        return counts;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(TestInfrastructure.postgres().jdbcUrl(), schema(), schema());
    }

    private String fetch(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri + " answered " + response.statusCode());
        return response.body();
    }

    protected URI publicUri(String pathAndQuery) {
        return URI.create("http://localhost:" + RestAssured.port + pathAndQuery);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "…";
    }
}

package dev.frontdesk.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.frontdesk.local.LocalStack;

/**
 * What a native image would lack unless registered, checked against the native image sources every build generates
 * (the quarkus-maven-plugin's {@code native-sources} execution, in target/native-check): classes Jackson binds by
 * reflection, and resources read from the class path at run time.
 * <p>
 * A native image binds with Jackson only the classes registered for reflection. Quarkus' REST layer registers the
 * types of its endpoints; what a service binds by hand must be registered by the service: the event payloads (the
 * records nested in its {@code *Events} class, which Outbox writes and Inbox reads) and a few bodies read or written
 * outside the REST layer. Each must be in the reflect-config.json. A native image holds only the class-path resources
 * registered too ({@code @RegisterResources}): every file a service ships beside its classes must be in the
 * resource-config.json.
 */
@Order(0)
class NativeImageConfigTest {

    /** A payload holder's nested classes, but not the compiler's anonymous ones ({@code CallEvents$1}). */
    private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9]+Events(\\$[A-Za-z_][A-Za-z0-9_]*)+\\.class");

    /**
     * Bound by hand outside the {@code *Events} classes, so not found by name: the widget's text/plain bodies
     * (WidgetRequests.read) and the WebSocket frames (LocalSockets).
     */
    private static final Map<String, List<String>> BOUND_BY_HAND = Map.of(
            "visitor-service", List.of("dev.frontdesk.visitor.widget.IdentifyRequest",
                    "dev.frontdesk.visitor.widget.TrackRequest"),
            "notification-service", List.of("dev.frontdesk.notification.websocket.Frame"));

    /** The platform's own resources read at run time, in every service. */
    private static final List<String> PLATFORM_RESOURCES = List.of("dev/frontdesk/platform/web/crawler-user-agents.json");

    private static final Path HOME = Path.of(System.getProperty("user.dir")).getParent();

    static Stream<String> services() {
        return LocalStack.SERVICES.stream().map(LocalStack.Service::name);
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyTypeJacksonBindsByHandIsRegisteredForReflection(String service) throws IOException {
        Path target = HOME.resolve(service).resolve("target");
        List<String> payloads = payloadTypes(target.resolve("classes"));
        assertFalse(payloads.isEmpty(), service + " has no *Events class with nested payload records in "
                + target.resolve("classes") + ": build it first (./mvnw package -DskipTests)");
        Set<String> registered = reflectivelyAccessible(target);

        List<String> expected = new ArrayList<>(payloads);
        expected.addAll(BOUND_BY_HAND.getOrDefault(service, List.of()));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(registered);
        assertTrue(missing.isEmpty(), service + "'s native image would not bind these with Jackson (missing or"
                + " incomplete in its reflect-config.json; add @RegisterForReflection): " + missing);
    }

    /**
     * Every resource a service ships (the files of its target/classes other than classes and application.properties,
     * which Quarkus builds into its configuration) and the platform's crawler list is in the native image.
     */
    @ParameterizedTest
    @MethodSource("services")
    void everyResourceReadAtRunTimeIsInTheNativeImage(String service) throws IOException {
        Path target = HOME.resolve(service).resolve("target");
        Path classes = target.resolve("classes");
        List<String> shipped = new ArrayList<>(PLATFORM_RESOURCES);
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(Files::isRegularFile).map(file -> classes.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.endsWith(".class") && !name.equals("application.properties")
                            && !name.startsWith("META-INF/"))
                    .forEach(shipped::add);
        }
        List<Pattern> included = new ArrayList<>();
        for (JsonNode include : nativeConfig(target, "resource-config.json").path("resources").path("includes")) {
            included.add(Pattern.compile(include.path("pattern").asText()));
        }
        Set<String> missing = new TreeSet<>();
        for (String resource : shipped) {
            if (included.stream().noneMatch(pattern -> pattern.matcher(resource).matches())) {
                missing.add(resource);
            }
        }
        assertTrue(missing.isEmpty(), service + "'s native image would not hold these class-path resources (add"
                + " @RegisterResources where they are read): " + missing);
    }

    /** Every class nested in a {@code *Events} class of the service, from its compiled classes. */
    private static List<String> payloadTypes(Path classes) throws IOException {
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> PAYLOAD.matcher(file.getFileName().toString()).matches())
                    .map(file -> classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .sorted()
                    .toList();
        }
    }

    /** One configuration file of the native image sources (META-INF/native-image/{@code name} of the runner jar). */
    private static JsonNode nativeConfig(Path target, String name) throws IOException {
        Path sources = target.resolve("native-check/native-sources");
        assertTrue(Files.isDirectory(sources), sources + " is missing: package the service first (./mvnw package"
                + " -DskipTests), which generates the native image sources (the root pom's native-sources execution)");
        Path runner;
        try (Stream<Path> files = Files.list(sources)) {
            runner = files.filter(file -> file.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("No *-runner.jar in " + sources));
        }
        try (ZipFile jar = new ZipFile(runner.toFile())) {
            ZipEntry entry = jar.getEntry("META-INF/native-image/" + name);
            assertTrue(entry != null, runner + " has no META-INF/native-image/" + name);
            try (InputStream in = jar.getInputStream(entry)) {
                return SystemStack.JSON.readTree(in);
            }
        }
    }

    /**
     * The classes the native image sources register with their constructors, methods and fields: what Jackson needs
     * to bind a record (its canonical constructor, its accessors) or a class.
     */
    private static Set<String> reflectivelyAccessible(Path target) throws IOException {
        JsonNode config = nativeConfig(target, "reflect-config.json");
        // A class may have several entries (one per extension that registered it): what counts is their union.
        Map<String, Set<String>> access = new HashMap<>();
        for (JsonNode type : config) {
            Set<String> granted = access.computeIfAbsent(type.path("name").asText(), name -> new HashSet<>());
            type.fields().forEachRemaining(field -> {
                if (field.getValue().asBoolean(false)) {
                    granted.add(field.getKey().replaceAll("^all(Declared|Public)", ""));
                }
            });
        }
        Set<String> accessible = new HashSet<>();
        access.forEach((name, granted) -> {
            if (granted.containsAll(List.of("Constructors", "Methods", "Fields"))) {
                accessible.add(name);
            }
        });
        return accessible;
    }
}

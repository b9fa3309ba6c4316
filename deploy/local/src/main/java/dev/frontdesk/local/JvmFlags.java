package dev.frontdesk.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' JVM options. Development (the local stack, the system tests) wants a fast start; production (the
 * Kubernetes manifests, the benchmark) wants throughput and a bounded heap, and its flags live in one place: the
 * {@code JAVA_TOOL_OPTIONS} of each Deployment in {@code deploy/k8s/base/<service>.yaml}.
 */
public final class JvmFlags {

    /** C1 only and a small heap: a service is ready sooner and the JIT leaves the cores to the others. */
    public static final List<String> DEVELOPMENT = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    /** {@code - {name: JAVA_TOOL_OPTIONS, value: "..."}} in a manifest. */
    private static final Pattern TOOL_OPTIONS = Pattern.compile(
            "\\{\\s*name:\\s*JAVA_TOOL_OPTIONS\\s*,\\s*value:\\s*\"([^\"]*)\"\\s*}");

    private final Path manifests;

    private JvmFlags(Path manifests) {
        this.manifests = manifests;
    }

    /** The flags of the manifests under {@code home}'s {@code deploy/k8s/base}. */
    public static JvmFlags ofManifests(Path home) {
        return new JvmFlags(home.resolve("deploy/k8s/base"));
    }

    /**
     * The production flags of {@code service}, split at spaces.
     *
     * @throws IllegalStateException when its manifest sets no {@code JAVA_TOOL_OPTIONS}
     */
    public List<String> of(String service) {
        Path manifest = manifests.resolve(service + ".yaml");
        try {
            Matcher matcher = TOOL_OPTIONS.matcher(Files.readString(manifest));
            if (!matcher.find()) {
                throw new IllegalStateException(manifest + " sets no JAVA_TOOL_OPTIONS");
            }
            return Arrays.stream(matcher.group(1).trim().split("\\s+")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

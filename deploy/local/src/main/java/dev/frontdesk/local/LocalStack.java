package dev.frontdesk.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import dev.frontdesk.platform.testing.DevTokens;
import dev.frontdesk.platform.testing.EmbeddedKafka;
import dev.frontdesk.platform.testing.EmbeddedPostgresServer;

/**
 * The one-command local stack: embedded PostgreSQL and a Kafka broker (data kept under
 * {@code deploy/local/data}), the topics of ARCHITECTURE.md, the five services and the API gateway on 8080.
 * <p>
 * {@code up} runs until Ctrl-C (or {@code stop}), then stops everything; {@code token} mints a development token.
 */
public final class LocalStack {

    /** A service, its public port and its management port (health, metrics, OpenAPI: never behind the gateway). */
    record Service(String name, String schema, int port) {

        int managementPort() {
            return port + 1000;
        }
    }

    static final List<Service> SERVICES = List.of(
            new Service("visitor-service", "visitor", 8081),
            new Service("call-service", "calls", 8082),
            new Service("analytics-service", "analytics", 8083),
            new Service("notification-service", "notifications", 8084),
            new Service("booking-webhook-service", "bookings", 8085));

    static final List<String> TOPICS = List.of("frontdesk.sites", "frontdesk.visitors", "frontdesk.calls",
            "frontdesk.bookings", "frontdesk.notifications", "frontdesk.notifications.fanout");

    static final int GATEWAY_PORT = 8080;

    private final Path home;
    private final Path data;
    private final Path logs;
    private final int postgresPort = Integer.parseInt(env("FRONTDESK_PG_PORT", "15432"));
    private final int kafkaPort = Integer.parseInt(env("FRONTDESK_KAFKA_PORT", "9092"));
    private final List<Process> processes = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private Gateway gateway;

    LocalStack(Path home) {
        this.home = home;
        this.data = home.resolve("deploy/local/data");
        this.logs = home.resolve("deploy/local/logs");
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        switch (command) {
            case "up" -> new LocalStack(Path.of(System.getProperty("frontdesk.home", "."))).up();
            case "token" -> System.out.println(token(args));
            default -> {
                System.err.println("usage: up | token --org ORG --sub USER --role admin|staff|client");
                System.exit(2);
            }
        }
    }

    private void up() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(data);
        Files.createDirectories(logs);
        Runtime.getRuntime().addShutdownHook(new Thread(this::down, "local-stack-stop"));

        postgres = EmbeddedPostgresServer.persistent(data.resolve("postgres"), postgresPort);
        for (Service service : SERVICES) {
            postgres.ensureServiceSchema(service.schema(), service.schema());
        }
        say("PostgreSQL ready on localhost:%d", postgresPort);

        kafka = new EmbeddedKafka(data.resolve("kafka"), kafkaPort, kafkaPort + 1,
                Map.of("auto.create.topics.enable", "false", "num.partitions", "3")).start();
        createTopics();
        say("Kafka ready on %s", kafka.bootstrapServers());

        for (Service service : SERVICES) {
            processes.add(startService(service));
        }
        gateway = new Gateway();
        gateway.start(GATEWAY_PORT);
        awaitReady(Duration.ofSeconds(120));
        say("All five services ready in %.1f s.", (System.nanoTime() - started) / 1e9);
        say("");
        say("  Gateway        http://localhost:%d   (e.g. POST /api/sites, /api/rooms; /ws for WebSockets)", GATEWAY_PORT);
        for (Service service : SERVICES) {
            say("  %-24s http://localhost:%d/q/swagger-ui   health /q/health/ready", service.name(),
                    service.managementPort());
        }
        say("  Logs           deploy/local/logs/");
        say("  A token        deploy/local/frontdesk token --org org-1 --sub alice --role admin");
        say("");
        say("Ctrl-C (or deploy/local/frontdesk stop) stops everything; data stays in deploy/local/data.");
        Files.writeString(data.resolve("stack.pid"), String.valueOf(ProcessHandle.current().pid()));
        Thread.currentThread().join();
    }

    private void createTopics() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : TOPICS) {
                if (!existing.contains(topic)) {
                    NewTopic newTopic = new NewTopic(topic, 3, (short) 1);
                    if (topic.equals("frontdesk.sites")) {
                        newTopic.configs(Map.of("cleanup.policy", "compact"));
                    }
                    missing.add(newTopic);
                }
                if (!existing.contains(topic + ".dlq")) {
                    missing.add(new NewTopic(topic + ".dlq", 1, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                say("Created topics %s", missing.stream().map(NewTopic::name).collect(Collectors.joining(", ")));
            }
        }
    }

    private Process startService(Service service) throws IOException {
        Path jar = home.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        // vertx.disableURIValidation: the platform checks request targets itself and answers with a problem.
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dvertx.disableURIValidation=true", "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // Service-to-service tokens (e.g. booking-webhook-service asking call-service for a room) are signed with
        // the development key, which every service of the local stack trusts.
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", devSigningKey().toString());
        Path log = logs.resolve(service.name() + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        return builder.start();
    }

    private Path devSigningKey() throws IOException {
        Path key = data.resolve("dev-jwt/privateKey.pem");
        if (!Files.exists(key)) {
            Files.createDirectories(key.getParent());
            try (InputStream in = LocalStack.class.getClassLoader().getResourceAsStream(DevTokens.PRIVATE_KEY)) {
                Files.copy(in, key);
            }
        }
        return key.toAbsolutePath();
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Service> waiting = new ArrayList<>(SERVICES);
        while (!waiting.isEmpty()) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException(SERVICES.get(i).name() + " exited; see deploy/local/logs/"
                            + SERVICES.get(i).name() + ".log");
                }
            }
            waiting.removeIf(service -> ready(http, service));
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready in " + timeout + ": " + waiting);
            }
            Thread.sleep(200);
        }
    }

    private static boolean ready(HttpClient http, Service service) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + service.managementPort() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private void down() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        if (gateway != null) {
            gateway.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        try {
            Files.deleteIfExists(data.resolve("stack.pid"));
        } catch (IOException ignored) {
            // nothing to clean
        }
        say("Stopped.");
    }

    private static String token(String[] args) {
        String org = "org-1";
        String sub = "admin";
        String role = "admin";
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--org" -> org = args[i + 1];
                case "--sub" -> sub = args[i + 1];
                case "--role" -> role = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!Set.of("admin", "staff", "client").contains(role)) {
            throw new IllegalArgumentException("role is admin, staff or client");
        }
        return DevTokens.mint(org, sub, role, Duration.ofHours(12));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}

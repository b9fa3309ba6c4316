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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
public final class LocalStack implements AutoCloseable {

    /** A service and its schema; its ports come from the {@link Layout}. */
    public record Service(String name, String schema) {
    }

    /** In the order of their ports: visitor-service on the first port after the gateway's, and so on. */
    public static final List<Service> SERVICES = List.of(
            new Service("visitor-service", "visitor"),
            new Service("call-service", "calls"),
            new Service("analytics-service", "analytics"),
            new Service("notification-service", "notifications"),
            new Service("booking-webhook-service", "bookings"));

    /** One process of a service: replica 0, 1, … */
    public record Instance(Service service, int replica) {

        String logName() {
            return replica == 0 ? service.name() : service.name() + "-" + (replica + 1);
        }
    }

    /** How many replicas of a service a layout has ports for. */
    public static final int MAX_REPLICAS = 2;

    /**
     * Where a stack keeps its data and logs, and its ports: the gateway on {@code gatewayPort}, the services' first
     * replicas on the five ports after it, their second replicas 10 above those, and each one's management port
     * (health, metrics, OpenAPI: never behind the gateway) 1000 above its own.
     */
    public record Layout(Path home, Path data, Path logs, int postgresPort, int kafkaPort, int kafkaControllerPort,
            int gatewayPort) {

        /** The developer's stack: gateway 8080, services 8081-8085, management 9081-9085, data under deploy/local. */
        public static Layout local(Path home) {
            int kafkaPort = Integer.parseInt(env("FRONTDESK_KAFKA_PORT", "9092"));
            return new Layout(home, home.resolve("deploy/local/data"), home.resolve("deploy/local/logs"),
                    Integer.parseInt(env("FRONTDESK_PG_PORT", "15432")), kafkaPort, kafkaPort + 1, GATEWAY_PORT);
        }

        /** A stack of its own (e.g. for system tests) under {@code directory}, on ports nobody listens on. */
        public static Layout onFreePorts(Path home, Path directory) {
            return new Layout(home, directory.resolve("data"), directory.resolve("logs"), FreePort.any(),
                    FreePort.any(), FreePort.any(), FreePort.block(10 * (MAX_REPLICAS - 1) + SERVICES.size() + 1, 1000));
        }

        public int port(Service service) {
            return port(new Instance(service, 0));
        }

        public int port(Instance instance) {
            if (instance.replica() < 0 || instance.replica() >= MAX_REPLICAS) {
                throw new IllegalArgumentException("replica " + instance.replica());
            }
            return gatewayPort + 1 + SERVICES.indexOf(instance.service()) + 10 * instance.replica();
        }

        public int managementPort(Instance instance) {
            return port(instance) + 1000;
        }
    }

    static final List<String> TOPICS = List.of("frontdesk.sites", "frontdesk.visitors", "frontdesk.calls",
            "frontdesk.bookings", "frontdesk.notifications", "frontdesk.notifications.fanout");

    static final int GATEWAY_PORT = 8080;

    /** The development public keys, on every service's class path (platform/core). */
    static final String DEV_USER_KEY = "frontdesk/dev-jwt/publicKey.pem";
    static final String DEV_SERVICE_KEY = "frontdesk/dev-service-jwt/publicKey.pem";
    /** The development key of secrets stored encrypted (the dev and test profiles' default too). */
    static final String DEV_SECRETS_KEY = "K0HARjjkeCQRDgYgT48cjXZhNS5FpMP+mSjn35B5sFE=";

    /**
     * How the stack runs its servers. {@code jvmFlags} gives each service's JVM options; {@code durablePostgres}
     * runs PostgreSQL with its production defaults ({@code fsync} and {@code synchronous_commit} on) instead of the
     * embedded server's fast, non-durable ones.
     */
    public record Tuning(Function<Service, List<String>> jvmFlags, boolean durablePostgres) {

        /** The local stack and the system tests: start fast, JIT only with C1 (see {@link JvmFlags#DEVELOPMENT}). */
        public static Tuning development() {
            return new Tuning(service -> JvmFlags.DEVELOPMENT, false);
        }

        /** As in production: each service's flags from its Kubernetes manifest, PostgreSQL durable. */
        public static Tuning production(Path home) {
            JvmFlags flags = JvmFlags.ofManifests(home);
            return new Tuning(service -> flags.of(service.name()), true);
        }
    }

    private final Layout layout;
    private final Tuning tuning;
    private final Path home;
    private final Path data;
    private final Path logs;
    private final Map<Instance, Process> processes = new LinkedHashMap<>();
    /** When each replica was started ({@link System#nanoTime()}). */
    private final Map<Instance, Long> startedAt = new HashMap<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private Gateway gateway;

    public LocalStack(Layout layout) {
        this(layout, Tuning.development());
    }

    public LocalStack(Layout layout, Tuning tuning) {
        this.layout = layout;
        this.tuning = tuning;
        this.home = layout.home();
        this.data = layout.data();
        this.logs = layout.logs();
    }

    public Layout layout() {
        return layout;
    }

    public static Service service(String name) {
        return SERVICES.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        switch (command) {
            case "up" -> new LocalStack(Layout.local(Path.of(System.getProperty("frontdesk.home", ".")))).up(
                    UpOptions.parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
            case "token" -> System.out.println(token(args));
            default -> {
                System.err.println("usage: up [--demo] [--without SERVICE[,SERVICE]] | token --org ORG --sub USER --role admin|staff|client [--name NAME]");
                System.exit(2);
            }
        }
    }

    /**
     * What {@code up} starts: every service but those {@code without} (each one's port is left to a copy run in dev
     * mode, which the gateway reaches there), and with {@code demo} the demo's data and site.
     */
    record UpOptions(Set<String> without, boolean demo) {

        static UpOptions parse(String[] args) {
            Set<String> without = new java.util.TreeSet<>();
            boolean demo = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--demo" -> demo = true;
                    case "--without" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--without needs a service, e.g. --without call-service");
                        }
                        for (String name : args[++i].split(",")) {
                            without.add(service(name.trim()).name());
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (up takes --demo and --without SERVICE[,SERVICE])");
                }
            }
            return new UpOptions(without, demo);
        }
    }

    private void up(UpOptions options) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(data);
        // Written first, so that "frontdesk stop" finds a stack that is still starting (or failing to).
        Files.writeString(data.resolve("stack.pid"), String.valueOf(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "local-stack-stop"));
        startInfrastructure();
        for (Service service : SERVICES) {
            if (options.without().contains(service.name())) {
                say("Not starting %s: its port %d is left to a copy in dev mode (./mvnw -pl %s quarkus:dev)",
                        service.name(), layout.port(service), service.name());
            } else {
                startService(service, developmentSettings());
            }
        }
        startGateway();
        say("Waiting for the services (logs in %s)...", home.relativize(logs));
        try {
            awaitReady(Duration.ofSeconds(120));
        } catch (IllegalStateException e) {
            say("");
            say("%s", e.getMessage());
            say("Stopping the stack.");
            System.exit(1);
        }
        say("%s ready in %.1f s.", options.without().isEmpty() ? "All five services" : "The services",
                (System.nanoTime() - started) / 1e9);
        say("");
        say("  Gateway        http://localhost:%d   (e.g. POST /api/sites, /api/rooms; /ws for WebSockets)",
                layout.gatewayPort());
        say("  Staff console  http://localhost:%d/console/   (sign in with a staff token, below)", layout.gatewayPort());
        say("  Widget         <script src=\"http://localhost:%d/widget/v1/frontdesk.js\" data-key=\"pk_...\" defer></script>",
                layout.gatewayPort());
        say("  Join page      http://localhost:%d/join   (members' links from reminders open it)", layout.gatewayPort());
        for (Service service : SERVICES) {
            say("  %-24s http://localhost:%d/q/swagger-ui   health /q/health/ready", service.name(),
                    layout.managementPort(new Instance(service, 0)));
        }
        say("  Logs           deploy/local/logs/");
        say("  A token        deploy/local/frontdesk token --org %s --sub alice --role admin   (admin | staff | client)",
                options.demo() ? Demo.ORG : "org-1");
        say("");
        if (options.demo()) {
            demo();
        }
        say("Ctrl-C (or deploy/local/frontdesk stop) stops everything; data stays in deploy/local/data.");
        Thread.currentThread().join();
    }

    /** The demo's organization, site, people and webhook endpoints, and its shop on {@link Demo#SITE_PORT}. */
    private void demo() throws Exception {
        String gateway = "http://localhost:" + layout.gatewayPort();
        Demo.Site site = new Demo.Site(Demo.SITE_PORT, gateway);
        Demo.Setup setup = Demo.setUp(gateway, site.origin());
        site.start(setup.siteKey());
        setup.print(site, System.out);
    }

    /** PostgreSQL with each service's role and schema, and Kafka with the topics of ARCHITECTURE.md. */
    public void startInfrastructure() throws Exception {
        Files.createDirectories(data);
        Files.createDirectories(logs);
        postgres = startPostgres();
        for (Service service : SERVICES) {
            postgres.ensureServiceSchema(service.schema(), service.schema());
        }
        say("PostgreSQL ready on localhost:%d", layout.postgresPort());

        kafka = new EmbeddedKafka(data.resolve("kafka"), layout.kafkaPort(), layout.kafkaControllerPort(),
                Map.of("auto.create.topics.enable", "false", "num.partitions", "3")).start();
        createTopics();
        say("Kafka ready on %s", kafka.bootstrapServers());
    }

    private EmbeddedPostgresServer startPostgres() {
        return tuning.durablePostgres()
                ? EmbeddedPostgresServer.persistentDurable(data.resolve("postgres"), layout.postgresPort())
                : EmbeddedPostgresServer.persistent(data.resolve("postgres"), layout.postgresPort());
    }

    /** This stack's PostgreSQL (e.g. for a reference measurement next to the services). */
    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /**
     * The gateway on the layout's port, routing each prefix to the replicas of its service started so far (to the
     * first replica's port if none is, e.g. a service run in dev mode on that port).
     */
    public void startGateway() {
        Map<String, List<Integer>> routes = new HashMap<>();
        Gateway.ROUTES.forEach((prefix, localPort) -> {
            Service service = SERVICES.get(localPort - GATEWAY_PORT - 1);
            List<Integer> ports = processes.keySet().stream().filter(instance -> instance.service().equals(service))
                    .map(layout::port).sorted().toList();
            routes.put(prefix, ports.isEmpty() ? List.of(layout.port(service)) : ports);
        });
        gateway = new Gateway(Gateway.Settings.replicated(routes));
        gateway.start(layout.gatewayPort());
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

    /**
     * Starts the packaged service as a process of its own, connected to this stack's PostgreSQL, Kafka and
     * neighbours, with {@code settings} (configuration as environment variables, e.g. {@code MP_JWT_VERIFY_ISSUER})
     * on top. Its output goes to the stack's log directory.
     */
    public Process startService(Service service, Map<String, String> settings) throws IOException {
        return startService(new Instance(service, 0), settings);
    }

    /** Starts one replica of a service (see {@link #startService(Service, Map)}). */
    public Process startService(Instance instance, Map<String, String> settings) throws IOException {
        Service service = instance.service();
        Path jar = home.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(tuning.jvmFlags().apply(service));
        // vertx.disableURIValidation: the platform checks request targets itself and answers with a problem.
        command.addAll(List.of("-Dvertx.disableURIValidation=true", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(layout.port(instance)));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(layout.managementPort(instance)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // Through the gateway, which spreads requests over call-service's replicas (in Kubernetes: its Service).
        env.put("QUARKUS_REST_CLIENT_CALL_SERVICE_URL", "http://localhost:" + layout.gatewayPort());
        env.putAll(settings);
        env.values().removeIf(String::isEmpty);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(logOf(instance).toFile()));
        Process process = builder.start();
        processes.put(instance, process);
        startedAt.put(instance, System.nanoTime());
        return process;
    }

    /**
     * The development keys and secrets, public in this repository: the services run their production profile here,
     * where nothing insecure is a default, so the local stack passes them explicitly.
     */
    public Map<String, String> developmentSettings() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", DEV_USER_KEY);
        env.put("FRONTDESK_SERVICE_TOKENS_VERIFY_KEY_LOCATION", DEV_SERVICE_KEY);
        env.put("FRONTDESK_SERVICE_TOKENS_SIGN_KEY_LOCATION", devFile(DevTokens.SERVICE_PRIVATE_KEY).toString());
        env.put("FRONTDESK_BOOKINGS_JOIN_LINK_SECRET", "frontdesk-local-join-links-not-for-production");
        // Members' join links open the join page behind this stack's gateway, whatever its port.
        env.put("FRONTDESK_BOOKINGS_JOIN_PAGE_URL", "http://localhost:" + layout.gatewayPort() + "/join");
        env.put("FRONTDESK_SECRETS_KEY", DEV_SECRETS_KEY);
        return env;
    }

    /** Stops one replica (SIGTERM, then SIGKILL after 20 s) and forgets it. */
    public void stopService(Instance instance) throws InterruptedException {
        Process process = processes.remove(instance);
        startedAt.remove(instance);
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The process last started for {@code service}. */
    public Process process(Service service) {
        return processes.get(new Instance(service, 0));
    }

    public Process process(Instance instance) {
        return processes.get(instance);
    }

    public Path logOf(Service service) {
        return logOf(new Instance(service, 0));
    }

    public Path logOf(Instance instance) {
        return logs.resolve(instance.logName() + ".log");
    }

    /** A development key of platform/testing, copied under the stack's data so that services can read it. */
    private Path devFile(String resource) throws IOException {
        Path file = data.resolve(resource.substring(resource.indexOf('/') + 1));
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            try (InputStream in = LocalStack.class.getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, file);
            }
        }
        return file.toAbsolutePath();
    }

    /**
     * Waits until every started service is ready, saying when each one is (and how long it took); fails at once when
     * one exits, with the end of its log.
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Instance> waiting = new ArrayList<>(processes.keySet());
        while (!waiting.isEmpty()) {
            for (Instance instance : waiting) {
                if (!processes.get(instance).isAlive()) {
                    throw new IllegalStateException(instance.logName() + " exited (code "
                            + processes.get(instance).exitValue() + "). The end of " + logOf(instance) + ":\n"
                            + tail(logOf(instance), 25));
                }
            }
            for (java.util.Iterator<Instance> it = waiting.iterator(); it.hasNext();) {
                Instance instance = it.next();
                if (ready(http, layout.managementPort(instance))) {
                    it.remove();
                    say("  %-26s ready in %4.1f s", instance.logName(),
                            (System.nanoTime() - startedAt.get(instance)) / 1e9);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready in " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(i -> i.logName() + " (" + logOf(i) + ")").collect(Collectors.joining(", ")));
            }
            Thread.sleep(200);
        }
    }

    /** The last {@code lines} lines of a log, indented. */
    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream().map(line -> "    " + line)
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "    (not readable: " + e.getMessage() + ")";
        }
    }

    private static boolean ready(HttpClient http, int managementPort) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Faults, for the system tests and for rehearsing an outage: the broker goes away (its data stays) … */
    public void stopKafka() {
        kafka.stop();
        say("Kafka stopped");
    }

    /** … and comes back on the same port with everything it had. */
    public void startKafka() {
        kafka.start();
        say("Kafka started again on %s", kafka.bootstrapServers());
    }

    /** PostgreSQL freezes (every process stopped): connections hang rather than fail … */
    public void pausePostgres() {
        postgres.pause();
        say("PostgreSQL paused");
    }

    /** … and goes on. */
    public void resumePostgres() {
        postgres.resume();
        say("PostgreSQL resumed");
    }

    /** PostgreSQL stops (every connection closed) and starts again on the same port with its data. */
    public void restartPostgres() {
        postgres.close();
        postgres = startPostgres();
        say("PostgreSQL restarted on localhost:%d", layout.postgresPort());
    }

    /** Stops the services, the gateway, Kafka and PostgreSQL; data stays. */
    @Override
    public void close() {
        for (Process process : processes.values()) {
            process.destroy();
        }
        for (Process process : processes.values()) {
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
        processes.clear();
        gateway = null;
        kafka = null;
        postgres = null;
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
        String name = null;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--org" -> org = args[i + 1];
                case "--sub" -> sub = args[i + 1];
                case "--role" -> role = args[i + 1];
                case "--name" -> name = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!Set.of("admin", "staff", "client").contains(role)) {
            throw new IllegalArgumentException("role is admin, staff or client");
        }
        return DevTokens.mint(org, sub, role, Duration.ofHours(12), name == null ? sub : name);
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

package dev.frontdesk.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.frontdesk.local.Demo;
import dev.frontdesk.local.LocalStack;
import dev.frontdesk.local.LocalStack.Instance;
import dev.frontdesk.local.LocalStack.Service;

/**
 * The project's benchmark ({@code deploy/local/frontdesk bench [STEP...]}): a stack of its own on free ports, the
 * services with their production JVM flags (the Kubernetes manifests') and PostgreSQL durable, then each hot path of
 * ARCHITECTURE.md under load from the same machine. One line per figure, {@code BENCH <name> <value> <unit>}, and
 * each throughput against its reference measured in the same run: the same service's no-op endpoint
 * ({@code /q/health/live}) and raw PostgreSQL upserts with the same client count.
 * <p>
 * Steps (all when none is named): {@code start}, {@code heartbeat}, {@code ingestion}, {@code ring}, {@code sockets};
 * {@code --keep} leaves the stack running afterwards, e.g. to look at its tables or profile a service.
 * Not a test: it asserts nothing but that the load ran; the figures are for the README's table.
 */
public final class Benchmark {

    static final List<String> STEPS = List.of("start", "ring", "sockets", "ingestion", "heartbeat");
    private static final int CONNECTIONS = 32;
    private static final int VISITORS = 5_000;
    private static final int SOCKETS = 10_000;
    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0 Safari/537.36";

    private final LocalStack stack;
    private final Path work;
    private final Wrk wrk;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private Demo.Setup demo;

    private Benchmark(LocalStack stack, Path work) {
        this.stack = stack;
        this.work = work;
        this.wrk = new Wrk(work.resolve("scripts"));
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("frontdesk.home", ".")).toAbsolutePath().normalize();
        List<String> named = new ArrayList<>(List.of(args));
        boolean keep = named.remove("--keep");
        Set<String> steps = named.isEmpty() ? Set.copyOf(STEPS) : Set.copyOf(named);
        for (String step : steps) {
            if (!STEPS.contains(step)) {
                System.err.println("usage: bench [--keep] [" + String.join("|", STEPS) + "]...");
                System.exit(2);
            }
        }
        Tools.require("wrk", "wrk");
        Tools.require("pgbench", "postgresql-client");
        Path work = Files.createTempDirectory("frontdesk-bench");
        long started = System.nanoTime();
        LocalStack.Tuning tuning = LocalStack.Tuning.production(home);
        try (LocalStack stack = new LocalStack(LocalStack.Layout.onFreePorts(home, work), tuning)) {
            Benchmark bench = new Benchmark(stack, work);
            java.lang.Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-stop")); // Ctrl-C
            bench.header(tuning);
            stack.startInfrastructure();
            if (steps.contains("start")) {
                bench.startEachAlone();
            }
            bench.startAll(steps.contains("start"));
            // Quiet paths first: the heartbeats' thousands of new visitors keep the presence job and the staff's
            // frames busy for minutes afterwards, which the ring and the ingestion would measure too.
            if (steps.contains("ring")) {
                bench.ring();
            }
            if (steps.contains("sockets")) {
                bench.sockets();
            }
            if (steps.contains("ingestion")) {
                bench.ingestion();
            }
            if (steps.contains("heartbeat")) {
                bench.heartbeat();
            }
            bench.figure("bench.duration", (System.nanoTime() - started) / 1e9, "s");
            bench.summary();
            if (keep) {
                System.out.printf("--keep: the stack stays up (gateway on %d, PostgreSQL on %d, logs in %s) until Ctrl-C%n",
                        stack.layout().gatewayPort(), stack.layout().postgresPort(), stack.layout().logs());
                Thread.currentThread().join();
            }
        }
    }

    private void header(LocalStack.Tuning tuning) {
        System.out.printf("Frontdesk benchmark, %s, %d cores, %s (%s)%n", java.time.LocalDate.now(),
                java.lang.Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        for (Service service : LocalStack.SERVICES) {
            System.out.printf("JVM %s %s%n", service.name(), String.join(" ", tuning.jvmFlags().apply(service)));
        }
        System.out.println("PostgreSQL durable (fsync, synchronous_commit on); load from wrk, pgbench and a Vert.x"
                + " WebSocket client on the same machine");
    }

    /** Each service alone: from its process start to ready; stopped again before the next. */
    private void startEachAlone() throws Exception {
        for (Service service : LocalStack.SERVICES) {
            Instance instance = new Instance(service, 0);
            long start = System.nanoTime();
            stack.startService(instance, stack.developmentSettings());
            awaitReady(instance, Duration.ofSeconds(120));
            figure("start.alone." + service.name(), (System.nanoTime() - start) / 1e9, "s");
            stack.stopService(instance);
        }
    }

    /** All five at once, the gateway, the demo's data; then, after a quiet minute's part, each one's idle RSS. */
    private void startAll(boolean measure) throws Exception {
        long start = System.nanoTime();
        for (Service service : LocalStack.SERVICES) {
            stack.startService(service, stack.developmentSettings());
        }
        double slowest = 0;
        List<Service> waiting = new ArrayList<>(LocalStack.SERVICES);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext();) {
                Service service = it.next();
                if (ready(new Instance(service, 0))) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    slowest = Math.max(slowest, seconds);
                    if (measure) {
                        figure("start.together." + service.name(), seconds, "s");
                    }
                    it.remove();
                }
            }
            if ((System.nanoTime() - start) > Duration.ofSeconds(180).toNanos()) {
                throw new IllegalStateException("not ready after 180 s: " + waiting);
            }
            Thread.sleep(50);
        }
        if (measure) {
            figure("start.together.all", slowest, "s");
        }
        stack.startGateway();
        demo = Demo.setUp("http://localhost:" + stack.layout().gatewayPort(), "http://localhost:3000");
        if (measure) {
            Thread.sleep(20_000); // idle: the start's allocations settle, timers run once
            for (Service service : LocalStack.SERVICES) {
                figure("rss.idle." + service.name(), process(service).rss() / 1e6, "MB");
            }
        }
    }

    /** Returning visitors' heartbeats against the same service's no-op and raw PostgreSQL upserts. */
    private void heartbeat() throws Exception {
        Service visitors = LocalStack.service("visitor-service");
        String script = """
                local counter = 0
                function setup(thread) thread:set("tid", counter); counter = counter + 1 end
                function init(args) math.randomseed(os.time() + tid * 7919) end
                local key = os.getenv("SITE_KEY")
                local body = '{"type":"heartbeat","visible":true}'
                local headers = {["Content-Type"]="application/json", ["X-Org-Key"]=key,
                  ["Origin"]="http://localhost:3000", ["User-Agent"]="%s"}
                local every = os.getenv("EVERY") == "1"
                local n = 0
                function request()
                  -- EVERY: each visitor in turn (the warm-up makes all of them returning visitors); else at random.
                  n = n + 1
                  local visitor = every and ((n * 2 + tid) %% %d) + 1 or math.random(1, %d)
                  headers["X-Visitor-Id"] = string.format("v_00000000-0000-4000-8000-%%012d", visitor)
                  return wrk.format("POST", "/api/visitors/track", headers, body)
                end
                """.formatted(CHROME, VISITORS, VISITORS);
        String url = "http://localhost:" + stack.layout().port(visitors);
        Map<String, String> env = Map.of("SITE_KEY", demo.siteKey());
        // Every visitor at least once (they become returning visitors) and the JIT's warm-up; then the presence job
        // announces them all, and a quiet moment lets the staff frames those announcements caused go out.
        wrk.run("heartbeat-warmup", url, script, CONNECTIONS, 20, Map.of("SITE_KEY", demo.siteKey(), "EVERY", "1"));
        awaitVisitorsSettled();
        Thread.sleep(10_000);
        Wrk.Result noop = noop(visitors);
        Wrk.Result beats = wrk.run("heartbeat", url, script, CONNECTIONS, 20, env);
        double upserts = new Pgbench(work.resolve("scripts"), stack.layout().postgresPort())
                .upserts(CONNECTIONS, 20, VISITORS);
        throughput("heartbeat", beats);
        figure("noop.visitor-service", noop.perSecond(), "req/s");
        figure("pg.upsert", upserts, "tx/s");
        figure("heartbeat.vs_noop", beats.perSecond() / noop.perSecond(), "ratio");
        figure("heartbeat.vs_pg_upsert", beats.perSecond() / upserts, "ratio");
    }

    /** One widget event per request, each with its own eventId; then every acknowledged one must be stored. */
    private void ingestion() throws Exception {
        Service analytics = LocalStack.service("analytics-service");
        String url = "http://localhost:" + stack.layout().port(analytics);
        awaitSiteKnownToAnalytics(url);
        Wrk.Result noop = noop(analytics);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String script = """
                local counter = 0
                function setup(thread) thread:set("tid", counter); counter = counter + 1 end
                local n = 0
                local key = os.getenv("SITE_KEY")
                local run = os.getenv("RUN")
                local headers = {["Content-Type"]="application/json", ["Origin"]="http://localhost:3000",
                  ["User-Agent"]="%s"}
                function request()
                  n = n + 1
                  local body = string.format('{"widgetId":"%%s","sessionId":"s_%%s_%%d","eventType":"widget_load",'
                    .. '"pageUrl":"http://localhost:3000/","timestamp":"%%s","eventId":"e_%%s_%%d_%%d"}',
                    key, run, tid, os.date("!%%Y-%%m-%%dT%%H:%%M:%%SZ"), run, tid, n)
                  return wrk.format("POST", "/api/analytics/events", headers, body)
                end
                """.formatted(CHROME);
        wrk.run("ingestion-warmup", url, script, CONNECTIONS, 10, Map.of("SITE_KEY", demo.siteKey(), "RUN", run + "w"));
        Wrk.Result events = wrk.run("ingestion", url, script, CONNECTIONS, 20,
                Map.of("SITE_KEY", demo.siteKey(), "RUN", run));
        long stored = storedEvents("e_" + run + "_%");
        throughput("ingestion", events);
        figure("noop.analytics-service", noop.perSecond(), "req/s");
        figure("ingestion.vs_noop", events.perSecond() / noop.perSecond(), "ratio");
        figure("ingestion.acknowledged", events.succeeded(), "events");
        figure("ingestion.lost", Math.max(0, events.succeeded() - stored), "events");
    }

    /** Staff rings a client: 100 calls right after the start (cold), then 300 more (warm). */
    private void ring() throws Exception {
        try (RingPath ring = new RingPath(stack.layout().gatewayPort())) {
            ring.listen(demo.client());
            List<Long> cold = ring.ring(demo.staff(), "cleo", 100);
            List<Long> warm = ring.ring(demo.staff(), "cleo", 300);
            List<Long> answers = ring.answerTimes();
            figure("ring.cold.p50", RingPath.percentile(cold, 50) / 1000.0, "ms");
            figure("ring.cold.p99", RingPath.percentile(cold, 99) / 1000.0, "ms");
            figure("ring.p50", RingPath.percentile(warm, 50) / 1000.0, "ms");
            figure("ring.p99", RingPath.percentile(warm, 99) / 1000.0, "ms");
            // Where the ring's time goes: the caller's 201 (the call, its lines, the outbox row, committed) ...
            figure("ring.answer.p50", RingPath.percentile(answers, 50) / 1000.0, "ms");
            figure("ring.answer.p99", RingPath.percentile(answers, 99) / 1000.0, "ms");
            // ... and the event's way from that commit to the callee's socket (relay, Kafka, inbox, socket).
            List<Long> afterAnswer = new ArrayList<>(warm.size());
            for (int i = 0; i < warm.size(); i++) {
                afterAnswer.add(Math.max(0, warm.get(i) - answers.get(i)));
            }
            figure("ring.after_answer.p50", RingPath.percentile(afterAnswer, 50) / 1000.0, "ms");
            figure("ring.after_answer.p99", RingPath.percentile(afterAnswer, 99) / 1000.0, "ms");
        }
    }

    /** 10,000 users' sockets on one notification-service: how fast they open, the heap after a full GC, the RSS. */
    private void sockets() throws Exception {
        Service notifications = LocalStack.service("notification-service");
        try (UserSockets sockets = new UserSockets()) {
            UserSockets.Opened opened = sockets.open(stack.layout().port(notifications), Demo.ORG, SOCKETS);
            figure("sockets.open", opened.open(), "sockets");
            figure("sockets.failed", opened.failed(), "sockets");
            figure("sockets.open_time", opened.seconds(), "s");
            JvmProcess process = process(notifications);
            figure("sockets.heap_after_gc", process.heapAfterGc() / 1e6, "MB");
            figure("sockets.rss", process.rss() / 1e6, "MB");
        }
    }

    private Wrk.Result noop(Service service) throws Exception {
        String url = "http://localhost:" + stack.layout().managementPort(new Instance(service, 0));
        wrk.run("noop-warmup", url, Wrk.get("/q/health/live"), CONNECTIONS, 5, Map.of());
        return wrk.run("noop", url, Wrk.get("/q/health/live"), CONNECTIONS, 15, Map.of());
    }

    private void throughput(String name, Wrk.Result result) {
        figure(name, result.perSecond(), "req/s");
        figure(name + ".p50", result.p50Micros() / 1000.0, "ms");
        figure(name + ".p99", result.p99Micros() / 1000.0, "ms");
        figure(name + ".failed", result.failed(), "requests");
    }

    /** The demo site reaches analytics-service over the compacted sites topic: its first event waits for it. */
    private void awaitSiteKnownToAnalytics(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = http.send(HttpRequest.newBuilder(URI.create(url + "/api/analytics/events"))
                    .header("Content-Type", "application/json").header("Origin", "http://localhost:3000")
                    .header("User-Agent", CHROME)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"widgetId":"%s","sessionId":"s_probe","eventType":"widget_load",\
                            "pageUrl":"http://localhost:3000/","timestamp":"%s"}""".formatted(demo.siteKey(),
                            java.time.Instant.now()))).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 202) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("analytics-service does not know the demo site: " + status);
    }

    /** All {@link #VISITORS} exist and the presence job has announced each as active. */
    private void awaitVisitorsSettled() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), "visitor", "visitor");
                PreparedStatement count = c.prepareStatement("SELECT count(*) FILTER (WHERE state = 'active'), count(*) "
                        + "FROM visitor WHERE id::text LIKE '00000000-0000-4000-8000-%'")) {
            while (true) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == VISITORS && rs.getLong(2) == VISITORS) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("visitors not settled: " + rs.getLong(1) + " active of "
                                + rs.getLong(2) + ", " + VISITORS + " expected");
                    }
                }
                Thread.sleep(500);
            }
        }
    }

    private long storedEvents(String eventIdPattern) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), "analytics", "analytics");
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM widget_event WHERE event_id LIKE ?")) {
            count.setString(1, eventIdPattern);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private JvmProcess process(Service service) {
        Instance instance = new Instance(service, 0);
        return new JvmProcess(stack.process(instance), stack.layout().managementPort(instance));
    }

    private void awaitReady(Instance instance, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready(instance)) {
            if (!stack.process(instance).isAlive()) {
                throw new IllegalStateException(instance + " exited; see " + stack.logOf(instance));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(instance + " not ready in " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private boolean ready(Instance instance) {
        try {
            return PROBE.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + stack.layout().managementPort(instance) + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private void figure(String name, double value, String unit) {
        String formatted = value == Math.rint(value) && !unit.equals("ratio") ? String.valueOf((long) value)
                : String.format(Locale.ROOT, unit.equals("ratio") ? "%.3f" : "%.1f", value);
        figures.put(name, formatted + " " + unit);
        System.out.println("BENCH " + name + " " + formatted + " " + unit);
    }

    private void summary() {
        System.out.println();
        System.out.println(figures.entrySet().stream().map(e -> String.format("  %-40s %s", e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n")));
    }
}

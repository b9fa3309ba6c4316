package dev.frontdesk.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server standing in for a SaaS API (Daily, Twilio, Slack) in tests. It records every request and
 * answers from routes ({@code "POST /rooms"}, matched on method and path prefix) that a service-specific stub
 * fills with the vendor's documented bodies. Failures are scripted per route: the next answers can be forced
 * (429, 500, …) before the route answers normally again.
 */
public final class StubServer implements AutoCloseable {

    public record Request(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public record Response(int status, Map<String, String> headers, String body) {

        public static Response json(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
    private final Map<String, Deque<Response>> scripted = new ConcurrentHashMap<>();

    /** A stub on any free port. */
    public StubServer() {
        this(0);
    }

    /** A stub on {@code port}, e.g. one from {@link #reservedPort(String)}. */
    public StubServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * A port for the stub called {@code name}, the same for the whole JVM. A {@code QuarkusTestProfile} computes its
     * config in another class loader than the test that drives the stub, so the two cannot share a stub object:
     * they share this port instead (a system property), and the test starts the stub on it.
     */
    public static synchronized int reservedPort(String name) {
        String key = "frontdesk.test.stub." + name + ".port";
        String port = System.getProperty(key);
        if (port == null) {
            port = String.valueOf(FreePorts.find());
            System.setProperty(key, port);
        }
        return Integer.parseInt(port);
    }

    public static String reservedBaseUrl(String name) {
        return "http://127.0.0.1:" + reservedPort(name);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests whose method matches and whose path starts with {@code pathPrefix}; longest prefix wins. */
    public StubServer route(String method, String pathPrefix, Function<Request, Response> handler) {
        routes.put(method + " " + pathPrefix, handler);
        return this;
    }

    /** The next requests of that route get these answers, in order, before the route answers normally again. */
    public void failNext(String method, String pathPrefix, Response... answers) {
        Deque<Response> queue = scripted.computeIfAbsent(method + " " + pathPrefix, key -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(answers));
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    public void reset() {
        requests.clear();
        scripted.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Response response = answer(request);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Response answer(Request request) {
        String key = routes.keySet().stream()
                .filter(route -> {
                    String[] parts = route.split(" ", 2);
                    return parts[0].equals(request.method()) && request.path().startsWith(parts[1]);
                })
                .max((a, b) -> Integer.compare(a.length(), b.length()))
                .orElse(null);
        if (key == null) {
            return Response.json(404, "{\"error\":\"not-found\",\"info\":\"no stub route\"}");
        }
        Deque<Response> queue = scripted.get(key);
        if (queue != null) {
            synchronized (queue) {
                Response forced = queue.poll();
                if (forced != null) {
                    return forced;
                }
            }
        }
        return routes.get(key).apply(request);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

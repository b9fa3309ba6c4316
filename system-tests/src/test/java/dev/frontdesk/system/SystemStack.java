package dev.frontdesk.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.local.LocalStack;

/**
 * A stack of packaged services started by the local stack's launcher on free ports, with replicas, behind the
 * gateway; and clients as users meet it: HTTP through the gateway, WebSockets through the gateway.
 */
final class SystemStack implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Starts PostgreSQL, Kafka, {@code replicas} (service name → how many) with the development settings plus
     * {@code settings}, then the gateway, and waits until every replica is ready.
     */
    SystemStack(Path directory, Map<String, Integer> replicas, Map<String, String> settings) throws Exception {
        Path home = Path.of(System.getProperty("user.dir")).getParent();
        stack = new LocalStack(LocalStack.Layout.onFreePorts(home, directory));
        stack.startInfrastructure();
        for (Map.Entry<String, Integer> entry : replicas.entrySet()) {
            LocalStack.Service service = LocalStack.service(entry.getKey());
            Map<String, String> env = new HashMap<>(stack.developmentSettings());
            env.putAll(settings);
            for (int replica = 0; replica < entry.getValue(); replica++) {
                stack.startService(new LocalStack.Instance(service, replica), env);
            }
        }
        stack.startGateway();
        stack.awaitReady(Duration.ofSeconds(180));
    }

    String url(String path) {
        return "http://localhost:" + stack.layout().gatewayPort() + path;
    }

    int managementPort(String service, int replica) {
        return stack.layout().managementPort(new LocalStack.Instance(LocalStack.service(service), replica));
    }

    /** A request through the gateway; a null body sends none. */
    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String token, String body, int status) throws Exception {
        HttpResponse<String> response = send(method, path, token, body);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + ": expected " + status + ", got " + response.statusCode()
                    + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** A socket through the gateway with the token on the upgrade, collecting the frames it receives. */
    Frames socket(String path, String token) throws Exception {
        Frames frames = new Frames();
        HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://localhost:" + stack.layout().gatewayPort() + path), frames)
                .get(10, TimeUnit.SECONDS);
        return frames;
    }

    /** A management endpoint of one replica (never through the gateway). */
    String management(String service, int replica, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort(service, replica) + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
        stack.close();
    }

    /** The frames a socket received, parsed, in order. */
    static final class Frames implements WebSocket.Listener {

        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        volatile boolean closed;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    partial.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed = true;
            return null;
        }

        long count(String type, Predicate<JsonNode> payload) {
            return received.stream().filter(frame -> type.equals(frame.path("type").asText()))
                    .filter(frame -> payload.test(frame.path("payload"))).count();
        }
    }
}

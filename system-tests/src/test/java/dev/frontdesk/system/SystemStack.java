package dev.frontdesk.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return send(URI.create(url(path)), method, token, body);
    }

    private HttpResponse<String> send(URI uri, String method, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
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

    /** A request to one replica directly, past the gateway. */
    HttpResponse<String> sendToReplica(String service, int replica, String method, String path, String token,
            String body) throws Exception {
        int port = stack.layout().port(new LocalStack.Instance(LocalStack.service(service), replica));
        return send(URI.create("http://localhost:" + port + path), method, token, body);
    }

    /** How many sockets a notification-service replica holds (its {@code frontdesk_notifications_sockets_open}). */
    long openSockets(int replica) throws Exception {
        Matcher gauge = Pattern.compile("(?m)^frontdesk_notifications_sockets_open\\S* ([0-9.]+)")
                .matcher(management("notification-service", replica, "/q/metrics"));
        return gauge.find() ? (long) Double.parseDouble(gauge.group(1)) : 0;
    }

    /** The status of a management endpoint of one replica, or -1 if it did not answer within {@code timeout}. */
    int managementStatus(String service, int replica, String path, Duration timeout) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort(service, replica)
                    + path)).timeout(timeout).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The unexpected failures a replica logged (ERROR lines and the exception line after each), for failure messages. */
    String errorsOf(String service, int replica) {
        try {
            List<String> lines = Files.readAllLines(
                    stack.logOf(new LocalStack.Instance(LocalStack.service(service), replica)));
            StringBuilder errors = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(" ERROR ")) {
                    errors.append(lines.get(i)).append('\n');
                    if (i + 1 < lines.size()) {
                        errors.append(lines.get(i + 1)).append('\n');
                    }
                }
            }
            return errors.toString();
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    /** Kills a replica as a crash would (SIGKILL: no shutdown hooks, no leaving its consumer groups). */
    void kill(String service, int replica) throws InterruptedException {
        Process process = stack.process(new LocalStack.Instance(LocalStack.service(service), replica));
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
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
        /** When each frame arrived ({@link System#nanoTime()}), in the order of {@link #received}. */
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        volatile boolean closed;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    arrivals.add(System.nanoTime());
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

        /** When the first frame of this type about this call arrived ({@link System#nanoTime()}), or null. */
        Long arrivalOf(String type, String callId) {
            for (int i = 0; i < received.size(); i++) {
                JsonNode frame = received.get(i);
                if (type.equals(frame.path("type").asText()) && callId.equals(frame.path("payload").path("callId").asText())) {
                    return arrivals.get(i);
                }
            }
            return null;
        }

        /** The id of the last replayable frame received (what a reconnecting client sends as {@code since}). */
        String lastId() {
            String last = "0";
            for (JsonNode frame : received) {
                if (frame.path("id").asText().matches("[0-9]+")) {
                    last = frame.path("id").asText();
                }
            }
            return last;
        }

        long count(String type, Predicate<JsonNode> payload) {
            return received.stream().filter(frame -> type.equals(frame.path("type").asText()))
                    .filter(frame -> payload.test(frame.path("payload"))).count();
        }
    }
}

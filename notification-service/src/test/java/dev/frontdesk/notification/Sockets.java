package dev.frontdesk.notification;


import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/** A real WebSocket client, as a browser would connect: frames it received, in order. */
final class Sockets implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Vertx VERTX = Vertx.vertx();

    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private final WebSocketClient client;

    private Sockets(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> {
            try {
                frames.add(JSON.readTree(text));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The user endpoint with the token as the browser sends it: as a subprotocol. */
    static Sockets user(URI base, String token, String query) {
        WebSocketConnectOptions options = options(base, "/ws/notifications" + (query == null ? "" : "?" + query))
                .addSubProtocol("bearer-token-carrier")
                .addSubProtocol(URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        return connect(options);
    }

    static Sockets visitor(URI base, String query, String origin) {
        WebSocketConnectOptions options = options(base, "/ws/visitor?" + query);
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        return connect(options);
    }

    /** The HTTP status the upgrade was refused with (a RuntimeException if it was accepted). */
    static int refusal(WebSocketConnectOptions options) {
        try {
            connect(options).close();
        } catch (CompletionException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            java.util.regex.Matcher status = java.util.regex.Pattern.compile("\\b([1-5][0-9][0-9])\\b").matcher(message);
            if (status.find()) {
                return Integer.parseInt(status.group(1));
            }
            throw new AssertionError("Refused without a status: " + message, cause);
        }
        throw new AssertionError("The upgrade was accepted");
    }

    static WebSocketConnectOptions options(URI base, String pathAndQuery) {
        return new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort()).setURI(pathAndQuery);
    }

    private static Sockets connect(WebSocketConnectOptions options) {
        WebSocketClient client = VERTX.createWebSocketClient();
        try {
            // The frame handler is set on the event loop as the upgrade completes: set later, from this thread, the
            // first frames (a replay sent right after the upgrade) could arrive before it and be dropped.
            return client.connect(options).map(socket -> new Sockets(client, socket))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            client.close();
            throw new CompletionException(e.getCause());
        } catch (Exception e) {
            client.close();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a frame of this type whose payload field has this value. */
    JsonNode await(String type, String field, String value) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> find(type, field, value) != null);
        return find(type, field, value);
    }

    JsonNode find(String type, String field, String value) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())
                && value.equals(f.path("payload").path(field).asText())).findFirst().orElse(null);
    }

    long count(String type, String field, String value) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())
                && value.equals(f.path("payload").path(field).asText())).count();
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        socket.close().toCompletionStage().toCompletableFuture().join();
        client.close();
    }
}

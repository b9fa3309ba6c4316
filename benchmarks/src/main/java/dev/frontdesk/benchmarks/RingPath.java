package dev.frontdesk.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * The ring path as users meet it: the caller's {@code POST /api/calls} through the gateway, until the callee's socket
 * (also through the gateway) receives that call's {@code incoming-call} frame. Each call is cancelled, and the next
 * one starts once the callee's screen has been told so ({@code call-updated}, a status past ringing): every call
 * rings a free callee on a stack that has finished the previous call's work (ringing, delivery, cancel frames in
 * four services), as a user's call meets it, not queued behind the one before.
 */
final class RingPath implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http;
    private final WebSocketClient sockets;
    private final int gatewayPort;
    private final Map<String, Long> incoming = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> awaited = new ConcurrentHashMap<>();
    private final List<Long> answered = new ArrayList<>();
    private final Map<String, CompletableFuture<Void>> settled = new ConcurrentHashMap<>();

    RingPath(int gatewayPort) {
        this.gatewayPort = gatewayPort;
        this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultPort(gatewayPort).setKeepAlive(true));
        this.sockets = vertx.createWebSocketClient();
    }

    /** Opens the callee's socket; frames are timed as they arrive. */
    void listen(String calleeToken) throws Exception {
        WebSocket socket = sockets.connect(new WebSocketConnectOptions().setPort(gatewayPort).setHost("localhost")
                .setURI("/ws/notifications").addHeader("Authorization", "Bearer " + calleeToken))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> {
            long now = System.nanoTime();
            JsonObject frame = new JsonObject(text);
            if ("call-updated".equals(frame.getString("type"))) {
                JsonObject payload = frame.getJsonObject("payload");
                String status = payload.getString("status");
                if (!"initiated".equals(status) && !"ringing".equals(status)) {
                    settled.computeIfAbsent(payload.getString("callId"), id -> new CompletableFuture<>()).complete(null);
                }
            }
            if ("incoming-call".equals(frame.getString("type"))) {
                String callId = frame.getJsonObject("payload").getString("callId");
                incoming.put(callId, now);
                CompletableFuture<Long> waiting = awaited.remove(callId);
                if (waiting != null) {
                    waiting.complete(now);
                }
            }
        });
    }

    /** Rings {@code callee} {@code calls} times, one after the other; the latency of each, in µs, in order. */
    List<Long> ring(String callerToken, String callee, int calls) throws Exception {
        List<Long> micros = new ArrayList<>(calls);
        answered.clear();
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            JsonObject call = request(HttpMethod.POST, "/api/calls", callerToken,
                    new JsonObject().put("calleeId", callee), 201);
            answered.add((System.nanoTime() - start) / 1000);
            String callId = call.getString("id");
            CompletableFuture<Long> arrival = new CompletableFuture<>();
            awaited.put(callId, arrival);
            Long early = incoming.get(callId);
            if (early != null) {
                arrival.complete(early);
            }
            long arrived = arrival.get(10, TimeUnit.SECONDS);
            awaited.remove(callId);
            micros.add((arrived - start) / 1000);
            request(HttpMethod.POST, "/api/calls/" + callId + "/cancel", callerToken, null, 200);
            settled.computeIfAbsent(callId, id -> new CompletableFuture<>()).get(10, TimeUnit.SECONDS);
            settled.remove(callId);
        }
        return micros;
    }

    /** How long each {@code POST /api/calls} of the last {@link #ring} took to answer, in µs, in order. */
    List<Long> answerTimes() {
        return List.copyOf(answered);
    }

    private JsonObject request(HttpMethod method, String path, String token, JsonObject body, int expected)
            throws Exception {
        return http.request(new RequestOptions().setMethod(method).setURI(path).setHost("localhost")
                .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json"))
                .compose(request -> request.send(body == null ? Buffer.buffer() : body.toBuffer()))
                .compose(response -> response.body().map(buffer -> {
                    if (response.statusCode() != expected) {
                        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                                + ": " + buffer);
                    }
                    return buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
                }))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The {@code p}th percentile (0-100) of {@code values}, nearest rank. */
    static long percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    @Override
    public void close() {
        vertx.close();
    }
}

package dev.frontdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/** The gateway routes by prefix to a real upstream server, WebSocket upgrades included, within its limits. */
@Timeout(30) // a hanging gateway fails a test rather than the build
class GatewayTest {

    /** The gateway's answer timeout in these tests (30 s in production). */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMillis(800);

    private static final String REFUSAL = new JsonObject().put("type", "about:blank").put("title", "Unauthorized")
            .put("status", 401).put("detail", "A valid bearer token is required").encode();

    private Vertx vertx;
    private Gateway gateway;
    private int gatewayPort;
    /** Request targets the upstream received, in order. */
    private final Queue<String> seen = new ConcurrentLinkedQueue<>();
    /** The headers of the last request the upstream received, by path. */
    private final Map<String, MultiMap> seenHeaders = new ConcurrentHashMap<>();
    /** Connections currently open to the upstream. */
    private final AtomicInteger upstreamConnections = new AtomicInteger();
    /** Open upstream connections on which an upgrade was refused. */
    private final Set<HttpConnection> refusingConnections = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        HttpServer upstream = vertx.createHttpServer(new HttpServerOptions()
                        .setWebSocketSubProtocols(List.of("bearer-token-carrier")))
                .connectionHandler(connection -> {
                    upstreamConnections.incrementAndGet();
                    connection.closeHandler(v -> {
                        upstreamConnections.decrementAndGet();
                        refusingConnections.remove(connection);
                    });
                })
                .requestHandler(this::upstream)
                .listen(0).toCompletionStage().toCompletableFuture().join();
        gateway = new Gateway(Gateway.Settings.defaults(Map.of("/api/rooms", upstream.actualPort(), "/ws", upstream.actualPort()))
                .withRequestTimeout(ANSWER_TIMEOUT));
        gatewayPort = gateway.start(0);
    }

    /** Like a service: refuses /ws/refused upgrades with a problem, echoes WebSockets, never answers /api/rooms/hang. */
    private void upstream(HttpServerRequest request) {
        seen.add(request.uri());
        seenHeaders.put(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        if (request.path().startsWith("/ws/refused")) {
            refusingConnections.add(request.connection());
            request.response().setStatusCode(401).putHeader("content-type", "application/problem+json")
                    .putHeader("www-authenticate", "Bearer realm=\"frontdesk\"").end(REFUSAL);
        } else if (request.path().startsWith("/ws/slow/")) {
            request.pause();
            vertx.setTimer(300, id -> request.toWebSocket());
        } else if (request.path().startsWith("/ws/")) {
            request.toWebSocket().onSuccess(socket ->
                    socket.textMessageHandler(text -> socket.writeTextMessage("echo:" + text)));
        } else if (!request.path().equals("/api/rooms/hang")) {
            request.body().onSuccess(body -> request.response().putHeader("content-type", "text/plain")
                    .end("upstream saw " + request.method() + " " + request.path()
                            + (body.length() > 0 ? " body=" + body.length() : "")));
        }
    }

    @AfterEach
    void stop() {
        gateway.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void routesAPrefixToItsService() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/rooms/abc"))
                        .timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("upstream saw GET /api/rooms/abc", response.body());
    }

    @Test
    void anUnknownPathIsAProblem404() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/roomsx"))
                        .timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
        assertTrue(response.body().contains("No service serves /api/roomsx"), response.body());
    }

    @Test
    void webSocketUpgradesPassThrough() throws Exception {
        assertEquals("echo:hello", echo("hello", Duration.ofSeconds(5)));
    }

    @Test
    void stalledUploadsHoldNoServiceConnection() throws Exception {
        // More stalled uploads than the pool has connections to the service: each announces 1,000 bytes, sends 9.
        List<Raw> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                Raw raw = new Raw(gatewayPort);
                stalled.add(raw);
                raw.send("POST /api/rooms/stalled-" + i + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"name\":");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/rooms/meanwhile"))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("upstream saw GET /api/rooms/meanwhile", response.body());
            assertTrue(System.nanoTime() < deadline, "a request behind 80 stalled uploads took over 1 s");
            assertTrue(seen.stream().noneMatch(uri -> uri.startsWith("/api/rooms/stalled-")),
                    "a stalled upload reached the service before its body was complete");
            // A stalled body is given up at the answer timeout: 408, and the connection closed.
            Raw.Response timedOut = stalled.get(0).read();
            assertEquals(408, timedOut.status());
            assertEquals("application/problem+json", timedOut.header("content-type"));
        } finally {
            for (Raw raw : stalled) {
                raw.close();
            }
        }
    }

    @Test
    void anUpgradeWhoseClientLeftBeforeTheAnswerLeavesNothingOpen() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Raw raw = new Raw(gatewayPort)) {
                raw.send("GET /ws/slow/" + i + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n");
            } // the client leaves before the service's 101
        }
        await(() -> seen.stream().filter(uri -> uri.startsWith("/ws/slow/")).count() == 5, Duration.ofSeconds(3),
                "the upgrades did not reach the service");
        await(() -> upstreamConnections.get() == 0, Duration.ofSeconds(3),
                "tunnels to the service stayed open after their clients left");
    }

    @Test
    void refusedUpgradesAreRelayedWholeAndLeakNoConnection() throws Exception {
        // Warm up (class loading, JIT) so that the 1 s deadline below measures the gateway, not a cold JVM.
        assertEquals("echo:warm", echo("warm", Duration.ofSeconds(5)));
        assertEquals(200, HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/rooms/warm"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        for (int i = 0; i < 50; i++) {
            try (Raw raw = new Raw(gatewayPort)) {
                raw.send("GET /ws/refused/" + i + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer expired\r\n\r\n");
                Raw.Response response = raw.read();
                assertEquals(401, response.status(), "refusal " + i);
                assertEquals("application/problem+json", response.header("content-type"));
                assertEquals("Bearer realm=\"frontdesk\"", response.header("www-authenticate"));
                assertEquals(REFUSAL, response.body());
            }
        }
        // Every refused upgrade's service connection is closed, not parked in a pool.
        await(refusingConnections::isEmpty, Duration.ofSeconds(2), "service connections left open");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/rooms/after"))
                        .timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("upstream saw GET /api/rooms/after", response.body());
        assertEquals("echo:after", echo("after", Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        assertTrue(System.nanoTime() < deadline, "a request and a WebSocket after the refusals took over 1 s");
    }

    @Test
    void aWebSocketSubprotocolReachesTheServiceAndTheChosenOneComesBack() throws Exception {
        String offered = "bearer-token-carrier, quarkus-http-upgrade#Authorization#Bearer abc";
        try (Raw raw = new Raw(gatewayPort)) {
            raw.send("GET /ws/user HTTP/1.1\r\nHost: localhost:" + gatewayPort + "\r\nUpgrade: websocket\r\n"
                    + "Connection: keep-alive, Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: " + offered + "\r\n"
                    + "Origin: http://localhost:5173\r\nAuthorization: Bearer abc\r\n"
                    + "X-Forwarded-For: 6.6.6.6\r\nForwarded: for=6.6.6.6\r\n\r\n");
            Raw.Response response = raw.read();
            assertEquals(101, response.status());
            assertEquals("bearer-token-carrier", response.header("sec-websocket-protocol"));

            MultiMap atService = seenHeaders.get("/ws/user");
            assertEquals(offered, atService.get("sec-websocket-protocol"));
            assertEquals("Bearer abc", atService.get("authorization"));
            assertEquals("http://localhost:5173", atService.get("origin"));
            assertTrue("upgrade".equalsIgnoreCase(atService.get("connection")), atService.get("connection"));
            assertEquals("localhost:" + gatewayPort, atService.get("x-forwarded-host"));
            assertEquals(List.of("127.0.0.1"), atService.getAll("x-forwarded-for"));
            assertNull(atService.get("forwarded"));

            // The tunnel carries frames both ways: a masked text frame out, the echo back.
            raw.sendTextFrame("hi");
            assertEquals("echo:hi", raw.readTextFrame());
        }
    }

    @Test
    void aHostThatIsNotAnAuthorityIsAProblem400() throws Exception {
        for (String hosts : List.of("Host: evil.example/x\r\n", "Host: localhost\r\nHost: evil.example\r\n")) {
            try (Raw raw = new Raw(gatewayPort)) {
                raw.send("GET /api/rooms/abc HTTP/1.1\r\n" + hosts + "\r\n");
                assertProblem(raw.read(), 400);
            }
        }
        assertTrue(seen.isEmpty(), "the service saw " + seen);
    }

    @ParameterizedTest
    @CsvSource({
            "/api/rooms/../../q/metrics, 404",
            "/api/rooms/%2e%2e/%2e%2e/q/metrics, 404",
            "/api/rooms/./../../q/metrics, 404",
            "/api/rooms/%2E%2E%2Fq, 400",
            "/api/rooms/..%2f..%2fq, 400",
            "/api/rooms/%00, 400",
            "/api/rooms/..%5c..%5cq/metrics, 400",
            "/api/rooms/../../../q/metrics, 400",
            "/api/rooms/..;/..;/q/metrics, 400"})
    void traversalNeverReachesAService(String path, int status) throws Exception {
        try (Raw raw = new Raw(gatewayPort)) {
            raw.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Raw.Response response = raw.read();
            assertEquals(status, response.status(), response.body());
            assertProblem(response, status);
        }
        assertTrue(seen.isEmpty(), "the service saw " + seen);
    }

    @Test
    void dotSegmentsInsideARouteAreResolvedBeforeForwarding() throws Exception {
        try (Raw raw = new Raw(gatewayPort)) {
            raw.send("GET /api/rooms/x/../y?next=/a/../b HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals("upstream saw GET /api/rooms/y", raw.read().body());
            raw.send("GET /api/rooms/%7Eann/%61./ HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals("upstream saw GET /api/rooms/~ann/a./", raw.read().body());
        }
        assertEquals(List.of("/api/rooms/y?next=/a/../b", "/api/rooms/~ann/a./"), List.copyOf(seen));
    }

    @Test
    void forwardedHeadersAreTheGatewaysNotTheClients() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/rooms/where"))
                        .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                        .header("X-Forwarded-Port", "1").header("X-Forwarded-For", "6.6.6.6")
                        .header("X-Forwarded-Ssl", "on").header("X-Forwarded-Prefix", "/evil")
                        .header("Forwarded", "for=6.6.6.6;host=evil.example;proto=https")
                        .timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        MultiMap atService = seenHeaders.get("/api/rooms/where");
        assertEquals(List.of("localhost:" + gatewayPort), atService.getAll("x-forwarded-host"));
        assertEquals(List.of("http"), atService.getAll("x-forwarded-proto"));
        assertEquals(List.of(String.valueOf(gatewayPort)), atService.getAll("x-forwarded-port"));
        assertEquals(List.of("127.0.0.1"), atService.getAll("x-forwarded-for"));
        assertNull(atService.get("x-forwarded-ssl"));
        assertNull(atService.get("x-forwarded-prefix"));
        assertNull(atService.get("forwarded"));
    }

    @Test
    void aBodyAnnouncedTooLargeIsRefusedAtOnceWithoutTheService() throws Exception {
        // Headers only; with Expect (the answer is the 413, not a 100); with the whole body sent anyway (the
        // gateway drains it before closing, so the client still reads the 413 instead of a reset connection).
        for (String variant : List.of("", "Expect: 100-continue\r\n", "body")) {
            try (Raw raw = new Raw(gatewayPort)) {
                long started = System.nanoTime();
                raw.send("POST /api/rooms/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2000000\r\n" + (variant.equals("body") ? "" : variant) + "\r\n");
                if (variant.equals("body")) {
                    raw.send("x".repeat(2_000_000));
                }
                Raw.Response response = raw.read();
                assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "answered after over 1 s");
                assertEquals(413, response.status());
                assertProblem(response, 413);
                assertEquals("close", response.header("connection"));
            }
        }
        assertTrue(seen.isEmpty(), "the service saw " + seen);
        assertEquals(0, upstreamConnections.get());
    }

    @Test
    void aChunkedBodyIsLimitedAsItStreams() throws Exception {
        try (Raw raw = new Raw(gatewayPort)) {
            raw.send("POST /api/rooms/small HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            raw.sendChunks(100 * 1024);
            assertEquals("upstream saw POST /api/rooms/small body=" + 100 * 1024, raw.read().body());
        }
        try (Raw raw = new Raw(gatewayPort)) {
            raw.send("POST /api/rooms/upload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            raw.sendChunks(1024 * 1024 + 64 * 1024);
            Raw.Response response = raw.read();
            assertEquals(413, response.status(), response.body());
            assertProblem(response, 413);
        }
    }

    @Test
    void expectContinueIsAnsweredByTheGatewayAtOnce() throws Exception {
        try (Raw raw = new Raw(gatewayPort)) {
            long started = System.nanoTime();
            raw.send("POST /api/rooms/continue HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\n");
            Raw.Response interim = raw.read();
            long waited = System.nanoTime() - started;
            assertEquals(100, interim.status());
            assertTrue(waited < TimeUnit.MILLISECONDS.toNanos(500), "100 Continue after " + waited / 1_000_000 + " ms");
            raw.send("hello");
            assertEquals("upstream saw POST /api/rooms/continue body=5", raw.read().body());
        }
        assertNull(seenHeaders.get("/api/rooms/continue").get("expect"));
    }

    @Test
    void aServiceThatNeverAnswersIsAProblem504() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/rooms/hang"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - started;
        assertEquals(504, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
        assertEquals(504, new JsonObject(response.body()).getInteger("status"));
        assertTrue(elapsed >= ANSWER_TIMEOUT.toNanos(), "504 before the timeout");
        assertTrue(elapsed < ANSWER_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(3), "504 long after the timeout");
    }

    @Test
    void requestsTakeTurnsOverAServicesReplicasAndSkipOneThatIsGone() throws Exception {
        List<String> answeredBy = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<HttpServer> replicas = new ArrayList<>();
        for (String name : List.of("replica-1", "replica-2")) {
            replicas.add(vertx.createHttpServer().requestHandler(request -> {
                if (request.getHeader("upgrade") != null) {
                    request.toWebSocket().onSuccess(socket -> socket.writeTextMessage(name));
                    return;
                }
                answeredBy.add(name);
                request.response().end(name);
            }).listen(0).toCompletionStage().toCompletableFuture().join());
        }
        List<Integer> ports = replicas.stream().map(HttpServer::actualPort).toList();
        Gateway replicated = new Gateway(Gateway.Settings.replicated(Map.of("/api/rooms", ports, "/ws", ports)));
        int port = replicated.start(0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 6; i++) {
                http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rooms/x")).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            assertEquals(3, answeredBy.stream().filter("replica-1"::equals).count(), answeredBy.toString());
            assertEquals(3, answeredBy.stream().filter("replica-2"::equals).count(), answeredBy.toString());

            // replica-1 is gone (kill -9): every request, of any method, and every upgrade reaches replica-2.
            replicas.get(0).close().toCompletionStage().toCompletableFuture().join();
            answeredBy.clear();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/rooms/x")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode());
                assertEquals("replica-2", answer.body());
            }
            for (int i = 0; i < 2; i++) {
                java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
                http.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port + "/ws/user"),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket,
                                    CharSequence data, boolean last) {
                                first.complete(data.toString());
                                return null;
                            }
                        }).get(5, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals("replica-2", first.get(5, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            replicated.stop();
        }
    }

    @Test
    void aServiceThatIsDownIsAProblem502() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        Gateway down = new Gateway(Map.of("/api/rooms", closedPort, "/ws", closedPort));
        int port = down.start(0);
        try {
            for (String request : List.of("GET /api/rooms/abc HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    "GET /ws/user HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")) {
                try (Raw raw = new Raw(port)) {
                    raw.send(request);
                    Raw.Response response = raw.read();
                    assertEquals(502, response.status(), request);
                    assertProblem(response, 502);
                }
            }
        } finally {
            down.stop();
        }
    }

    @Test
    void aTargetOver8KiBIsAProblem414() throws Exception {
        for (int length : List.of(9 * 1024, 70 * 1024)) { // the gateway's limit, and Netty's own
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/rooms/" + "a".repeat(length)))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(414, response.statusCode(), "target of " + length);
            assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
            assertEquals("nosniff", response.headers().firstValue("x-content-type-options").orElse(""));
            assertEquals(414, new JsonObject(response.body()).getInteger("status"));
        }
        assertTrue(seen.isEmpty(), "the service saw a request");
    }

    @Test
    void headersOver16KiBAreAProblem431() throws Exception {
        for (int length : List.of(20 * 1024, 70 * 1024)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/rooms/abc"))
                            .header("X-Padding", "p".repeat(length)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(431, response.statusCode(), "headers of " + length);
            assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
            assertEquals(431, new JsonObject(response.body()).getInteger("status"));
        }
        assertTrue(seen.isEmpty(), "the service saw a request");
    }

    private String echo(String text, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(within)
                .buildAsync(URI.create("ws://localhost:" + gatewayPort + "/ws/user"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(within.toNanos(), TimeUnit.NANOSECONDS);
        socket.sendText(text, true);
        String answer = reply.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        return answer;
    }

    private static void assertProblem(Raw.Response response, int status) {
        assertEquals(status, response.status(), response.body());
        assertEquals("application/problem+json", response.header("content-type"));
        assertEquals("nosniff", response.header("x-content-type-options"));
        JsonObject problem = new JsonObject(response.body());
        assertEquals("about:blank", problem.getString("type"));
        assertEquals(status, problem.getInteger("status"));
        assertFalse(problem.getString("title", "").isEmpty());
        assertFalse(problem.getString("detail", "").isEmpty());
    }

    private static void await(BooleanSupplier condition, Duration within, String failure) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(failure);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll, not a fixed wait
        }
    }

    /** A client that sends bytes exactly as written: no path normalization, no header rules. */
    private static final class Raw implements AutoCloseable {

        record Response(int status, Map<String, String> headers, String body) {
            String header(String name) {
                return headers.get(name);
            }
        }

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Raw(int port) throws IOException {
            socket = new Socket("localhost", port);
            socket.setSoTimeout(3_000); // a hanging gateway fails the test instead of blocking it
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** {@code total} bytes in 16 KiB chunks, then the last chunk. */
        void sendChunks(int total) throws IOException {
            byte[] chunk = new byte[16 * 1024];
            for (int sent = 0; sent < total; sent += chunk.length) {
                int size = Math.min(chunk.length, total - sent);
                send(Integer.toHexString(size) + "\r\n");
                out.write(chunk, 0, size);
                send("\r\n");
            }
            send("0\r\n\r\n");
        }

        Response read() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if ("chunked".equals(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (status >= 200 && status != 204 && status != 304) {
                body.write(in.readAllBytes());
            }
            return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
        }

        /** A masked text frame, as clients must send. */
        void sendTextFrame(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            out.write(0x81);
            out.write(0x80 | payload.length);
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i % 4]);
            }
            out.flush();
        }

        /** A short unmasked text frame, as servers send. */
        String readTextFrame() throws IOException {
            assertEquals(0x81, in.read());
            int length = in.read();
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed after \"" + line + "\"");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

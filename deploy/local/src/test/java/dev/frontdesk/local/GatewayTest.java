package dev.frontdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** The gateway routes by prefix to a real upstream server, WebSocket upgrades included. */
class GatewayTest {

    private Vertx vertx;
    private Gateway gateway;
    private int gatewayPort;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        HttpServer upstream = vertx.createHttpServer()
                .webSocketHandler(socket -> socket.textMessageHandler(text -> socket.writeTextMessage("echo:" + text)))
                .requestHandler(request -> request.response().putHeader("content-type", "text/plain")
                        .end("upstream saw " + request.method() + " " + request.path()))
                .listen(0).toCompletionStage().toCompletableFuture().join();
        gateway = new Gateway(Map.of("/api/rooms", upstream.actualPort(), "/ws", upstream.actualPort()));
        gatewayPort = gateway.start(0);
    }

    @AfterEach
    void stop() {
        gateway.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void routesAPrefixToItsService() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/rooms/abc")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("upstream saw GET /api/rooms/abc", response.body());
    }

    @Test
    void anUnknownPathIsAProblem404() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/roomsx")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
        assertTrue(response.body().contains("No service serves /api/roomsx"), response.body());
    }

    @Test
    void webSocketUpgradesPassThrough() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://localhost:" + gatewayPort + "/ws/user"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        socket.sendText("hello", true);
        assertEquals("echo:hello", reply.get(5, TimeUnit.SECONDS));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}

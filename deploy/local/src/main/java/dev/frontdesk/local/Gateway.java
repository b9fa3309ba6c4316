package dev.frontdesk.local;

import java.util.List;
import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;

/**
 * The local API gateway: Vert.x's reverse proxy (vertx-http-proxy, WebSocket upgrades included) in front of the
 * services, routing by path prefix as in ARCHITECTURE.md. In Kubernetes, Gateway API routes do the same.
 */
final class Gateway {

    /** Path prefix → service port. The longest matching prefix wins. */
    static final Map<String, Integer> ROUTES = Map.ofEntries(
            Map.entry("/api/visitors", 8081), Map.entry("/api/sites", 8081), Map.entry("/api/conversations", 8081),
            Map.entry("/api/calls", 8082), Map.entry("/api/rooms", 8082), Map.entry("/api/directory", 8082),
            Map.entry("/webhooks/daily", 8082),
            Map.entry("/api/analytics", 8083),
            Map.entry("/ws", 8084), Map.entry("/api/notifications", 8084), Map.entry("/webhooks/twilio", 8084),
            Map.entry("/webhooks/calcom", 8085), Map.entry("/api/bookings", 8085));

    private final Map<String, Integer> routes;
    private final List<String> prefixes;
    private final Vertx vertx = Vertx.vertx();
    private HttpServer server;

    Gateway(Map<String, Integer> routes) {
        this.routes = Map.copyOf(routes);
        this.prefixes = routes.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList();
    }

    Gateway() {
        this(ROUTES);
    }

    /** Listens on {@code port} (0: any free port) and returns the port. */
    int start(int port) {
        HttpClient client = vertx.createHttpClient();
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .originSelector(request -> Future.succeededFuture(SocketAddress.inetSocketAddress(portOf(request), "localhost")));
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    if (portOf(request) < 0) {
                        request.response().setStatusCode(404).putHeader("content-type", "application/problem+json")
                                .end(new JsonObject().put("type", "about:blank").put("title", "Not Found")
                                        .put("status", 404).put("detail", "No service serves " + request.path())
                                        .encode());
                        return;
                    }
                    proxy.handle(request);
                })
                .listen(port).toCompletionStage().toCompletableFuture().join();
        return server.actualPort();
    }

    private int portOf(HttpServerRequest request) {
        String path = request.path();
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return routes.get(prefix);
            }
        }
        return -1;
    }

    void stop() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}

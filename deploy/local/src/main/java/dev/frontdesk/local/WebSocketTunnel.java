package dev.frontdesk.local;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;

/**
 * WebSocket upgrades through the gateway, as a raw TCP tunnel once the service answers 101. Any other answer (a
 * refused upgrade) is relayed whole, status, headers and body, and its service connection is closed: the upgrade
 * request was sent without an end, so that connection could never serve another request.
 */
final class WebSocketTunnel {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTunnel.class);

    /** A refusal is a short problem document; anything longer is not relayed. */
    private static final int MAX_REFUSAL_BODY = 64 * 1024;

    /** Headers that describe one hop, never forwarded as they are. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect");

    private final Vertx vertx;
    private final HttpClient client;
    private final Gateway.Settings settings;

    /** {@code client} is used for tunnels only: its pool must hold every open tunnel. */
    WebSocketTunnel(Vertx vertx, HttpClient client, Gateway.Settings settings) {
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
    }

    /** An HTTP/1.1 GET asking for {@code Upgrade: websocket}. */
    static boolean isUpgrade(HttpServerRequest request) {
        return request.method() == HttpMethod.GET && request.version() == HttpVersion.HTTP_1_1
                && Gateway.tokens(request.headers().getAll("upgrade")).contains("websocket")
                && Gateway.tokens(request.headers().getAll("connection")).contains("upgrade");
    }

    /**
     * Opens a tunnel to one of the service's replicas for {@code request}, whose target was already normalized to
     * {@code uri}; a replica that refuses the connection is skipped.
     */
    void open(HttpServerRequest request, Upstreams upstreams, String uri) {
        request.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        Set<String> nominated = Gateway.tokens(request.headers().getAll("connection"));
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !nominated.contains(name)) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        // Browsers may send "Connection: keep-alive, Upgrade"; services expect exactly an upgrade.
        headers.set("connection", "Upgrade");
        headers.set("upgrade", request.getHeader("upgrade"));
        Gateway.setForwardedHeaders(request, headers);
        long timeout = settings.requestTimeout().toMillis();
        upstreams.connect(port -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setHost(Gateway.UPSTREAM_HOST).setPort(port).setURI(uri).setHeaders(headers)
                        // Bounds both the wait for a connection and the wait for the service's answer.
                        .setConnectTimeout(timeout).setIdleTimeout(timeout)))
                .compose(backend -> {
                    // Failures reach the response future below; without a handler Vert.x logs them as errors.
                    backend.exceptionHandler(e -> LOG.debug("WebSocket tunnel {}: {}", uri, e.toString()));
                    return backend.connect();
                })
                .onComplete(ar -> {
                    request.resume();
                    if (ar.failed()) {
                        Throwable cause = ar.cause();
                        LOG.debug("WebSocket upgrade {} to {} failed: {}", uri, upstreams.ports(), cause.toString());
                        boolean timedOut = cause instanceof TimeoutException
                                || cause instanceof io.netty.channel.ConnectTimeoutException;
                        Problem.send(request.response(), timedOut ? 504 : 502,
                                timedOut ? "The service did not answer the WebSocket upgrade in time"
                                        : "The service could not be reached", request.path());
                    } else if (ar.result().statusCode() == 101) {
                        splice(request, ar.result());
                    } else {
                        relayRefusal(request, ar.result());
                    }
                });
    }

    private void splice(HttpServerRequest request, HttpClientResponse upgraded) {
        NetSocket service = upgraded.netSocket();
        service.pause();
        HttpServerResponse response = request.response();
        if (response.closed()) {
            // The client left while the service was answering: nothing to splice, and the service's side must not
            // stay open (Vert.x would also fail to take over the closed connection and log an error).
            service.close();
            return;
        }
        response.setStatusCode(101);
        for (Map.Entry<String, String> header : upgraded.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("content-length") && !name.equals("transfer-encoding") && !name.equals("keep-alive")) {
                response.headers().add(header.getKey(), header.getValue());
            }
        }
        request.toNetSocket().onComplete(ar -> {
            if (ar.failed()) {
                service.close();
                return;
            }
            NetSocket client = ar.result();
            pump(client, service);
            pump(service, client);
            service.resume();
        });
    }

    /** Copies {@code from} into {@code to} with back-pressure; when either side closes, so does the other. */
    private static void pump(NetSocket from, NetSocket to) {
        from.handler(data -> {
            to.write(data);
            if (to.writeQueueFull()) {
                from.pause();
                to.drainHandler(v -> from.resume());
            }
        });
        from.closeHandler(v -> to.close());
        from.exceptionHandler(e -> from.close());
    }

    private void relayRefusal(HttpServerRequest request, HttpClientResponse refusal) {
        HttpConnection connection = refusal.request().connection();
        // Never left open: the guard bounds a service that answers the head but not the body.
        long guard = vertx.setTimer(settings.requestTimeout().toMillis(), id -> connection.close());
        Buffer body = Buffer.buffer();
        boolean[] tooLong = {false};
        refusal.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_REFUSAL_BODY) {
                tooLong[0] = true;
                connection.close();
            } else {
                body.appendBuffer(chunk);
            }
        });
        refusal.end().onComplete(ar -> {
            vertx.cancelTimer(guard);
            connection.close();
            HttpServerResponse response = request.response();
            if (ar.failed() || tooLong[0]) {
                Problem.send(response, 502, "The service refused the WebSocket upgrade with an unreadable answer",
                        request.path());
                return;
            }
            if (response.closed() || response.ended()) {
                return;
            }
            response.setStatusCode(refusal.statusCode());
            if (refusal.statusMessage() != null) {
                response.setStatusMessage(refusal.statusMessage());
            }
            for (Map.Entry<String, String> header : refusal.headers()) {
                if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    response.headers().add(header.getKey(), header.getValue());
                }
            }
            response.end(body);
        });
    }
}

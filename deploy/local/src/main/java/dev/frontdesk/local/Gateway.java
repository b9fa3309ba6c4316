package dev.frontdesk.local;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The local API gateway: Vert.x's reverse proxy (vertx-http-proxy) in front of the services, routing by path prefix
 * as in ARCHITECTURE.md (in Kubernetes, Gateway API routes do the same); WebSocket upgrades go through
 * {@link WebSocketTunnel}. It guarantees:
 * <ul>
 * <li>routing on the normalized path ({@link RequestPath}: dot segments removed, unreserved characters decoded),
 * which is also the path forwarded; ambiguous paths ({@code %2F}, {@code %5C}, {@code %00}, climbing above /) → 400;
 * <li>{@code X-Forwarded-Host/-Proto/-Port/-For} set by the gateway, whatever the client sent, and the client's
 * {@code Forwarded}, {@code X-Forwarded-Prefix}, {@code X-Forwarded-Ssl} dropped, WebSocket upgrades included;
 * <li>limits before any service is contacted: request target ({@code 414}), header bytes ({@code 431}), body
 * ({@code 413}, announced or streamed, then the connection is closed); {@code Expect: 100-continue} answered here;
 * <li>timeouts: connect, answer (→ 504), idle connections; a bounded pool per service, refused upgrades never leak;
 * <li>every answer of its own is {@code application/problem+json} (RFC 9457) with {@code nosniff}.
 * </ul>
 */
final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    /** Path prefix → the local stack's service port (its first replica's). The longest matching prefix wins. */
    static final Map<String, Integer> ROUTES = Map.ofEntries(
            Map.entry("/api/visitors", 8081), Map.entry("/api/sites", 8081), Map.entry("/api/conversations", 8081),
            Map.entry("/widget", 8081), Map.entry("/console", 8081),
            Map.entry("/api/calls", 8082), Map.entry("/api/rooms", 8082), Map.entry("/api/directory", 8082),
            Map.entry("/webhooks/daily", 8082),
            Map.entry("/api/analytics", 8083),
            Map.entry("/ws", 8084), Map.entry("/api/notifications", 8084), Map.entry("/webhooks/twilio", 8084),
            Map.entry("/webhooks/calcom", 8085), Map.entry("/api/bookings", 8085),
            Map.entry("/join", 8085));

    static final String UPSTREAM_HOST = "localhost";

    /** Netty's own limits, well above ours, so that the gateway's handler sees and answers oversized requests. */
    private static final int NETTY_LINE_AND_HEADER_LIMIT = 64 * 1024;

    /** How long a connection answered 413 keeps reading (and dropping) the body before it is closed. */
    private static final long LINGER_MILLIS = 2_000;

    /** Client-sent headers a service would trust for its own address or path; the gateway sets the ones it vouches for. */
    private static final List<String> CLIENT_FORWARDING_HEADERS = List.of(
            "forwarded", "x-forwarded-prefix", "x-forwarded-ssl", "x-forwarded-server");

    private static final String BODY_TOO_LARGE = "frontdesk.bodyTooLarge";
    /** The client connection is closed once answered: its body was refused before it was all read. */
    private static final String CLOSE_AFTER = "frontdesk.closeAfter";
    private static final String UPSTREAM = "frontdesk.upstream";

    /**
     * How the gateway runs; {@link #defaults(Map)} are the production values.
     *
     * @param connectTimeout TCP connect to a service
     * @param requestTimeout longest silence from a service, waiting for its answer or within it (then 504); also
     *        bounds the wait for a pooled connection
     * @param idleTimeout client connections, and tunnels, silent this long are closed; above the services' 25 s
     *        WebSocket ping so live tunnels stay open, and above {@code requestTimeout}
     * @param maxBodyBytes request bodies above this are refused with 413, as the services would
     * @param maxUriLength request targets above this are refused with 414
     * @param maxHeaderBytes request header sections above this are refused with 431
     * @param poolSize HTTP connections per service; further requests wait in a queue of {@code poolWaitQueue}
     * @param maxTunnels WebSocket tunnels per service (each holds one service connection as long as it lives)
     */
    record Settings(Map<String, Upstreams> routes, Duration connectTimeout, Duration requestTimeout,
                    Duration idleTimeout, long maxBodyBytes, int maxUriLength, int maxHeaderBytes, int poolSize,
                    int poolWaitQueue, int maxTunnels) {

        Settings {
            routes = Map.copyOf(routes);
            Objects.requireNonNull(connectTimeout);
            if (idleTimeout.compareTo(requestTimeout) <= 0) {
                throw new IllegalArgumentException("idleTimeout must exceed requestTimeout, or waiting clients are cut");
            }
        }

        /** One replica per service: prefix → port. */
        static Settings defaults(Map<String, Integer> routes) {
            Map<String, List<Integer>> replicated = new java.util.HashMap<>();
            routes.forEach((prefix, port) -> replicated.put(prefix, List.of(port)));
            return replicated(replicated);
        }

        /** Prefix → the ports of the service's replicas; prefixes of one service share their replicas' turns. */
        static Settings replicated(Map<String, List<Integer>> routes) {
            Map<List<Integer>, Upstreams> services = new java.util.HashMap<>();
            Map<String, Upstreams> upstreams = new java.util.HashMap<>();
            routes.forEach((prefix, ports) -> upstreams.put(prefix, services.computeIfAbsent(ports, Upstreams::new)));
            return new Settings(upstreams, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(90),
                    1024 * 1024, 8 * 1024, 16 * 1024, 64, 256, 10_000);
        }

        Settings withRequestTimeout(Duration timeout) {
            return new Settings(routes, connectTimeout, timeout, idleTimeout, maxBodyBytes, maxUriLength,
                    maxHeaderBytes, poolSize, poolWaitQueue, maxTunnels);
        }

        Settings withIdleTimeout(Duration timeout) {
            return new Settings(routes, connectTimeout, requestTimeout, timeout, maxBodyBytes, maxUriLength,
                    maxHeaderBytes, poolSize, poolWaitQueue, maxTunnels);
        }

        Settings withMaxBodyBytes(long bytes) {
            return new Settings(routes, connectTimeout, requestTimeout, idleTimeout, bytes, maxUriLength,
                    maxHeaderBytes, poolSize, poolWaitQueue, maxTunnels);
        }
    }

    /** Where a request goes: its normalized path, the target to forward (path and original query), the port. */
    private record Target(String path, String uri, Upstreams upstreams) {
    }

    private final Settings settings;
    private final List<String> prefixes;
    private final Vertx vertx = Vertx.vertx();
    private HttpServer server;
    private HttpClient client;
    private HttpClient tunnelClient;
    private HttpProxy proxy;
    private WebSocketTunnel tunnel;

    Gateway(Settings settings) {
        this.settings = settings;
        this.prefixes = settings.routes().keySet().stream().sorted((a, b) -> b.length() - a.length()).toList();
    }

    Gateway(Map<String, Integer> routes) {
        this(Settings.defaults(routes));
    }

    Gateway() {
        this(ROUTES);
    }

    /** Listens on {@code port} (0: any free port) and returns the port. */
    int start(int port) {
        client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        // Pooled connections unused this long are closed (services keep theirs far longer).
                        .setKeepAliveTimeout(30),
                new PoolOptions().setHttp1MaxSize(settings.poolSize()).setMaxWaitQueueSize(settings.poolWaitQueue()));
        // Tunnels are long-lived: a pool of their own, so that thousands of them never starve plain requests.
        tunnelClient = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setIdleTimeout((int) settings.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS),
                new PoolOptions().setHttp1MaxSize(settings.maxTunnels()).setMaxWaitQueueSize(settings.poolWaitQueue()));
        tunnel = new WebSocketTunnel(vertx, tunnelClient, settings);
        long timeout = settings.requestTimeout().toMillis();
        proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .origin(context -> context.get(UPSTREAM, Upstreams.class).connect(upstreamPort -> context.client()
                                .request(new RequestOptions().setHost(UPSTREAM_HOST).setPort(upstreamPort)
                                        .setConnectTimeout(timeout).setIdleTimeout(timeout)))
                        // Failures reach the proxy through the response; without a handler Vert.x logs them as errors.
                        .onSuccess(request -> request.exceptionHandler(e -> LOG.debug("{}", e.toString()))))
                .addInterceptor(new Forwarding());
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setMaxInitialLineLength(NETTY_LINE_AND_HEADER_LIMIT).setMaxHeaderSize(NETTY_LINE_AND_HEADER_LIMIT)
                        .setIdleTimeout((int) settings.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                        // HTTP/1.1 only: no h2c upgrade of client connections behind the gateway's back.
                        .setHttp2ClearTextEnabled(false))
                .requestHandler(this::handle)
                .invalidRequestHandler(this::handleInvalid)
                .listen(port).toCompletionStage().toCompletableFuture().join();
        return server.actualPort();
    }

    void stop() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void handle(HttpServerRequest request) {
        if (request.uri().length() > settings.maxUriLength()) {
            reject(request, 414,
                    "The request target is longer than " + settings.maxUriLength() + " bytes", request.path());
            return;
        }
        if (headerBytes(request.headers()) > settings.maxHeaderBytes()) {
            reject(request, 431,
                    "The request headers are larger than " + settings.maxHeaderBytes() + " bytes", request.path());
            return;
        }
        List<String> hosts = request.headers().getAll("host");
        if (hosts.size() > 1 || !hosts.isEmpty() && request.authority() == null) {
            // The Host becomes X-Forwarded-Host, from which the services build their URLs: one valid authority only.
            reject(request, 400, "The request needs at most one Host header with a valid authority", request.path());
            return;
        }
        Target target;
        try {
            target = resolve(request);
        } catch (RequestPath.Rejected e) {
            reject(request, 400, e.getMessage(), request.path());
            return;
        }
        if (target.upstreams() == null) {
            reject(request, 404, "No service serves " + target.path(), target.path());
            return;
        }
        if (WebSocketTunnel.isUpgrade(request)) {
            tunnel.open(request, target.upstreams(), target.uri());
            return;
        }
        List<String> transferEncodings = request.headers().getAll("transfer-encoding");
        if (!transferEncodings.isEmpty()) {
            if (transferEncodings.size() > 1 || !transferEncodings.get(0).trim().equalsIgnoreCase("chunked")) {
                reject(request, 400, "Only the chunked transfer coding is accepted", target.path());
                return;
            }
            // The proxy accepts only the lower-case spelling; the coding's name is case-insensitive.
            request.headers().set("transfer-encoding", "chunked");
        }
        long length;
        try {
            String header = request.getHeader("content-length");
            length = header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            reject(request, 400, "The Content-Length header is not a number", target.path());
            return;
        }
        if (length > settings.maxBodyBytes()) {
            // Refused before the body is read: no 100 Continue, and no service ever sees it.
            reject(request, 413, tooLarge(), target.path());
            return;
        }
        String expect = request.getHeader("expect");
        if (expect != null) {
            if (!expect.trim().equalsIgnoreCase("100-continue")) {
                reject(request, 417, "Only Expect: 100-continue is supported", target.path());
                return;
            }
            // Answered here, not forwarded: a client would otherwise wait (curl: 1 s) for a 100 nobody sends.
            if (request.version() == HttpVersion.HTTP_1_1) {
                request.response().writeContinue();
            }
        }
        proxy.handle(request);
    }

    /**
     * Answers a request the gateway refuses itself. If a body may still be on its way, the connection is closed
     * (after draining): the client may not send it at all (it waits for 100 Continue), and whatever it sends would
     * otherwise be read as the next request.
     */
    private void reject(HttpServerRequest request, int status, String detail, String instance) {
        String length = request.getHeader("content-length");
        boolean bodyPending = !request.isEnded() && (request.headers().contains("transfer-encoding")
                || length != null && !length.trim().equals("0"));
        if (bodyPending) {
            request.response().putHeader("connection", "close");
        }
        Problem.send(request.response(), status, detail, instance).onComplete(ar -> {
            if (bodyPending) {
                closeWhenDrained(request);
            }
        });
    }

    /** Requests Netty could not even parse, e.g. beyond its own line and header limits. */
    private void handleInvalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            detail = "The request line is longer than " + NETTY_LINE_AND_HEADER_LIMIT + " bytes";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            detail = "The request headers are larger than " + NETTY_LINE_AND_HEADER_LIMIT + " bytes";
        } else {
            status = 400;
            detail = "The request is not valid HTTP/1.1";
        }
        request.response().putHeader("connection", "close");
        Problem.send(request.response(), status, detail, null).onComplete(ar -> request.connection().close());
    }

    private Target resolve(HttpServerRequest request) {
        String path = RequestPath.normalize(request.path());
        String query = request.query();
        return new Target(path, query == null ? path : path + "?" + query, upstreamsOf(path));
    }

    private Upstreams upstreamsOf(String path) {
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return settings.routes().get(prefix);
            }
        }
        return null;
    }

    private String tooLarge() {
        return "The request body is larger than " + settings.maxBodyBytes() + " bytes";
    }

    /**
     * Closes the connection of a request whose body will not be read, once the client stopped sending or after a
     * short grace: closing at once, with unread data, would reset the connection and could lose the answer.
     */
    private void closeWhenDrained(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long timer = vertx.setTimer(LINGER_MILLIS, id -> connection.close());
        request.handler(data -> {
        });
        request.endHandler(v -> {
            vertx.cancelTimer(timer);
            connection.close();
        });
        request.resume();
    }

    private static int headerBytes(MultiMap headers) {
        int bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }

    /** The lower-cased, comma-separated tokens of the given header values. */
    static Set<String> tokens(List<String> values) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    tokens.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return tokens;
    }

    /**
     * Sets the forwarded headers the services build their own URLs from ({@code Location}, links) to the address
     * the client used, overwriting anything the client sent: the services trust these from localhost.
     */
    static void setForwardedHeaders(HttpServerRequest request, MultiMap headers) {
        CLIENT_FORWARDING_HEADERS.forEach(headers::remove);
        boolean tls = request.isSSL();
        String host = request.getHeader("host");
        HostAndPort authority = request.authority();
        SocketAddress local = request.localAddress();
        int port;
        if (host != null && authority != null) {
            // The port the client addressed (it may differ from ours behind a port mapping).
            port = authority.port() > 0 ? authority.port() : tls ? 443 : 80;
        } else {
            host = local.hostAddress() + ":" + local.port();
            port = local.port();
        }
        headers.set("x-forwarded-host", host);
        headers.set("x-forwarded-proto", tls ? "https" : "http");
        headers.set("x-forwarded-port", Integer.toString(port));
        headers.set("x-forwarded-for", request.remoteAddress().hostAddress());
    }

    /** Prepares each proxied request (target, headers, body limit) and turns failures into problems. */
    private final class Forwarding implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest proxied = context.request();
            HttpServerRequest request = proxied.proxiedRequest();
            Target target = resolve(request); // already checked by handle(): cannot be refused here
            context.set(UPSTREAM, target.upstreams());
            proxied.setURI(target.uri());
            MultiMap headers = proxied.headers();
            // Headers the client declared hop-by-hop stop here (the proxy only drops the standard ones).
            tokens(headers.getAll("connection")).forEach(headers::remove);
            headers.remove("expect");
            setForwardedHeaders(request, headers);
            Body body = proxied.getBody();
            if (body == null || body.length() == 0) {
                return context.sendRequest().recover(failure -> Future.succeededFuture(problem(context, failure)));
            }
            // The whole body (at most the limit) arrives here before a service connection is taken: a slow or
            // stalled upload holds a client connection of the gateway's, never one of the service's 64.
            return whole(body.stream(), context)
                    .compose(complete -> {
                        proxied.setBody(Body.body(complete));
                        return context.sendRequest();
                    })
                    .recover(failure -> Future.succeededFuture(problem(context, failure)));
        }

        /** The body, read within the answer timeout and up to the body limit (else a failure that says which). */
        private Future<Buffer> whole(ReadStream<Buffer> stream, ProxyContext context) {
            Promise<Buffer> whole = Promise.promise();
            Buffer buffer = Buffer.buffer();
            long deadline = vertx.setTimer(settings.requestTimeout().toMillis(), id -> {
                context.set(CLOSE_AFTER, Boolean.TRUE);
                whole.tryFail(new BodyTimeoutException());
            });
            stream.handler(chunk -> {
                if (whole.future().isComplete()) {
                    return;
                }
                if (buffer.length() + chunk.length() > settings.maxBodyBytes()) {
                    context.set(BODY_TOO_LARGE, Boolean.TRUE);
                    context.set(CLOSE_AFTER, Boolean.TRUE);
                    whole.tryFail(new IllegalStateException("request body larger than " + settings.maxBodyBytes()));
                } else {
                    buffer.appendBuffer(chunk);
                }
            });
            stream.exceptionHandler(whole::tryFail);
            stream.endHandler(v -> whole.tryComplete(buffer));
            stream.resume();
            return whole.future().onComplete(ar -> vertx.cancelTimer(deadline));
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            boolean tooLarge = Boolean.TRUE.equals(context.get(CLOSE_AFTER, Boolean.class));
            MultiMap headers = context.response().headers();
            tokens(headers.getAll("connection")).forEach(headers::remove);
            List.of("connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade").forEach(headers::remove);
            if (tooLarge) {
                headers.set("connection", "close");
            }
            Future<Void> sent = context.sendResponse();
            if (tooLarge) {
                sent.onComplete(ar -> closeWhenDrained(context.request().proxiedRequest()));
            }
            return sent;
        }

        private ProxyResponse problem(ProxyContext context, Throwable failure) {
            HttpServerRequest request = context.request().proxiedRequest();
            int status;
            String detail;
            if (Boolean.TRUE.equals(context.get(BODY_TOO_LARGE, Boolean.class))) {
                status = 413;
                detail = tooLarge();
            } else if (failure instanceof BodyTimeoutException) {
                status = 408;
                detail = "The request body did not arrive within " + settings.requestTimeout().toMillis() + " ms";
            } else if (failure instanceof TimeoutException || failure instanceof io.netty.channel.ConnectTimeoutException) {
                status = 504;
                detail = "The service did not answer within " + settings.requestTimeout().toMillis() + " ms";
            } else if (failure instanceof ConnectionPoolTooBusyException) {
                status = 503;
                detail = "Too many requests are waiting for the service";
            } else {
                status = 502;
                detail = "The service could not be reached";
            }
            LOG.debug("{} {} answered {}: {}", request.method(), request.path(), status, failure.toString());
            ProxyResponse response = context.request().release().response().setStatusCode(status);
            Problem.headers(response.headers());
            return response.setBody(Body.body(Problem.body(status, detail, request.path())));
        }
    }

    /** The client did not send its whole body within the answer timeout. */
    private static final class BodyTimeoutException extends RuntimeException {
        BodyTimeoutException() {
            super("request body timed out", null, false, false);
        }
    }
}

package dev.frontdesk.system;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Customers' websites on {@code http://localhost:<port>/<publishable key>/…} that embed the widget with its one script
 * tag, as a site owner would: a plain page ({@code shop/…}), a single-page app that navigates with the History API
 * ({@code app/…}), a page under a strict Content-Security-Policy ({@code strict/}), a page whose widget talks to
 * a gateway that is down ({@code down/}) and one where storage is blocked, as in some private modes and sandboxed
 * frames ({@code nostorage/}: {@code localStorage} throws). Its own script ({@code /host.js}) records the page's uncaught errors, unhandled rejections,
 * CSP violations and the widget's events, and keeps a counter ticking to show that it still runs.
 */
final class HostSite implements AutoCloseable {

    private static final String HOST_JS = """
            window.hostErrors = [];
            window.cspViolations = [];
            window.widgetEvents = [];
            window.addEventListener('error', function (e) { window.hostErrors.push(String(e.message)); });
            window.addEventListener('unhandledrejection', function (e) { window.hostErrors.push('unhandled: ' + e.reason); });
            document.addEventListener('securitypolicyviolation', function (e) {
              window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
            });
            ['ready', 'visitor', 'connected', 'invite', 'invite:closed', 'call:start', 'call:end', 'error'].forEach(function (name) {
              window.addEventListener('frontdesk:' + name, function (e) { window.widgetEvents.push({ name: name, detail: e.detail }); });
            });
            var ticks = 0;
            setInterval(function () { document.getElementById('ticks').textContent = String(++ticks); }, 50);
            document.addEventListener('click', function (e) {
              var link = e.target.closest && e.target.closest('a[data-route]');
              if (link) {
                e.preventDefault();
                history.pushState({}, '', link.getAttribute('href'));
                document.title = link.textContent;
                document.querySelector('h1').textContent = link.textContent;
              }
            });
            """;

    private final HttpServer server;
    private final String gateway;
    private final int deadPort;

    /** @param gateway the gateway's origin, e.g. {@code http://localhost:8080} */
    HostSite(String gateway) throws IOException {
        this.gateway = gateway;
        try (ServerSocket probe = new ServerSocket(0)) {
            deadPort = probe.getLocalPort(); // nothing listens there once the probe is closed
        }
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A page of the site with this publishable key, e.g. {@code url(key, "shop/pricing")}. */
    String url(String key, String page) {
        return "http://localhost:" + server.getAddress().getPort() + "/" + key + "/" + page;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/", 3); // "", key, page
        String key = parts.length > 1 ? parts[1] : "";
        String path = parts.length > 2 ? "/" + parts[2] : "/";
        if (path.equals("/host.js")) {
            send(exchange, 200, "text/javascript; charset=utf-8", HOST_JS);
        } else if (path.equals("/no-storage.js")) {
            send(exchange, 200, "text/javascript; charset=utf-8", """
                    Object.defineProperty(window, 'localStorage', { get: function () {
                      throw new DOMException('The operation is insecure.', 'SecurityError'); } });""");
        } else if (path.startsWith("/nostorage/")) {
            send(exchange, 200, "text/html; charset=utf-8", page("No storage",
                    "<script src=\"../no-storage.js\"></script>" + tag(gateway, key), ""));
        } else if (path.startsWith("/shop/")) {
            send(exchange, 200, "text/html; charset=utf-8", page("Shop", tag(gateway, key), ""));
        } else if (path.startsWith("/app/")) {
            send(exchange, 200, "text/html; charset=utf-8", page("App", tag(gateway, key), """
                    <nav><a href="pricing" data-route id="to-pricing">Pricing</a>
                    <a href="contact" data-route id="to-contact">Contact</a></nav>"""));
        } else if (path.startsWith("/strict/")) {
            String socket = gateway.replaceFirst("^http", "ws");
            exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; script-src 'self' "
                    + gateway + "; connect-src " + gateway + " " + socket + "; style-src 'self'; img-src 'self'; "
                    + "frame-src " + gateway + " https: http:");
            send(exchange, 200, "text/html; charset=utf-8", page("Strict", tag(gateway, key), ""));
        } else if (path.startsWith("/down/")) {
            send(exchange, 200, "text/html; charset=utf-8",
                    page("Down", tag(gateway, key).replace("data-key", "data-api=\"http://localhost:" + deadPort + "\" data-key"), ""));
        } else {
            send(exchange, 404, "text/plain", "not found");
        }
    }

    private static String tag(String origin, String key) {
        return "<script src=\"" + origin + "/widget/v1/frontdesk.js\" data-key=\"" + key
                + "\" data-heartbeat-seconds=\"1\" defer></script>";
    }

    private static String page(String title, String widget, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>%s</head>
                <body><h1>%s</h1>%s<p>Ticks: <span id="ticks">0</span></p><input id="search" aria-label="Search">
                <script src="../host.js"></script></body></html>""".formatted(title, widget, title, body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

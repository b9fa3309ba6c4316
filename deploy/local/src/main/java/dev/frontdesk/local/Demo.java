package dev.frontdesk.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.frontdesk.platform.testing.DevTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The demo ({@code deploy/local/frontdesk demo}, i.e. {@code up --demo}): the organization {@value #ORG} with a site
 * for the demo shop's origin, a company with a staff member (sam) and a client (cleo) in the directory, and a Cal.com
 * webhook endpoint, all made through the gateway's public API as an admin would (a second run reuses the site, the
 * company and the people); and the demo shop itself, a small website on {@code localhost:3000} that embeds the widget
 * with its one script tag.
 */
public final class Demo {

    public static final String ORG = "demo";
    static final String SITE_NAME = "Demo shop";
    static final String COMPANY_NAME = "Demo company";
    static final int SITE_PORT = Integer.parseInt(System.getenv().getOrDefault("FRONTDESK_DEMO_PORT", "3000"));
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private Demo() {
    }

    /** What the demo made: the site's key and id, a token per role, the Cal.com endpoint to paste into Cal.com. */
    public record Setup(String gateway, String siteKey, String siteId, String admin, String staff, String client,
            String calcomWebhookUrl, String calcomWebhookSecret) {

        /** The console signed in as the staff member (or the client: the one who is rung). */
        public String console(String token) {
            return gateway + "/console/?token=" + token;
        }

        void print(Site site, PrintStream out) {
            out.println("Demo (organization \"" + ORG + "\"):");
            out.println("  1. A visitor: open the demo shop            " + site.url("/"));
            out.println("  2. Staff see them live and invite them:     " + console(staff));
            out.println("     (\"Invite to video\"; the shop's tab shows the invite)");
            out.println("  3. A client calls staff, or staff a client: " + console(client));
            out.println("     (search \"Sam\" or \"Cleo\" in the directory, \"Call\"; the other console rings)");
            out.println("  Tokens (12 h; more: deploy/local/frontdesk token --org " + ORG
                    + " --sub sam --role staff --name \"Sam Reyes\")");
            out.println("                  admin  " + admin);
            out.println("                  staff  " + staff);
            out.println("                  client " + client);
            out.println("  Site key        " + siteKey + " (widget: <script src=\"" + gateway
                    + "/widget/v1/frontdesk.js\" data-key=\"" + siteKey + "\" defer></script>)");
            out.println("  Cal.com         webhook " + calcomWebhookUrl + "  secret " + calcomWebhookSecret);
            out.println("  Cal.com step 4  URL=" + calcomWebhookUrl + "; SECRET=" + calcomWebhookSecret);
            out.println("  Daily           webhook " + gateway + "/webhooks/daily  (rooms are Jitsi's until "
                    + "FRONTDESK_DAILY_API_KEY is set)");
            out.println();
        }
    }

    /**
     * Makes (or finds) the demo's data through the gateway at {@code gateway}, for a site on {@code siteOrigin}
     * ({@code http://localhost:3000}).
     */
    public static Setup setUp(String gateway, String siteOrigin) throws IOException, InterruptedException {
        Api api = new Api(gateway, DevTokens.mint(ORG, "ada", "admin", TOKEN_LIFETIME, "Ada Admin"));
        String host = URI.create(siteOrigin).getAuthority();
        JsonObject site = null;
        for (Object existing : api.array("GET", "/api/sites", null)) {
            if (SITE_NAME.equals(((JsonObject) existing).getString("name"))) {
                site = (JsonObject) existing;
            }
        }
        if (site == null) {
            site = api.object("POST", "/api/sites", new JsonObject().put("name", SITE_NAME)
                    .put("allowedDomains", new JsonArray().add(host))).getJsonObject("site");
        } else if (!site.getJsonArray("allowedDomains").contains(host)) {
            site = api.object("PUT", "/api/sites/" + site.getString("id"), new JsonObject().put("name", SITE_NAME)
                    .put("allowedDomains", site.getJsonArray("allowedDomains").copy().add(host)));
        }
        String company = null;
        for (Object existing : api.array("GET", "/api/directory/companies", null)) {
            if (COMPANY_NAME.equals(((JsonObject) existing).getString("name"))) {
                company = ((JsonObject) existing).getString("id");
            }
        }
        if (company == null) {
            company = api.object("POST", "/api/directory/companies", new JsonObject().put("name", COMPANY_NAME))
                    .getString("id");
        }
        for (String[] person : new String[][] { { "sam", "staff", "Sam Reyes" }, { "cleo", "client", "Cleo Martin" } }) {
            api.object("PUT", "/api/directory/users/" + person[0], new JsonObject().put("companyId", company)
                    .put("role", person[1]).put("name", person[2]).put("email", person[0] + "@demo.example"));
        }
        JsonObject calcom = api.object("POST", "/api/bookings/webhooks", null);
        return new Setup(gateway, site.getString("publishableKey"), site.getString("id"), api.token,
                DevTokens.mint(ORG, "sam", "staff", TOKEN_LIFETIME, "Sam Reyes"),
                DevTokens.mint(ORG, "cleo", "client", TOKEN_LIFETIME, "Cleo Martin"),
                calcom.getString("url"), calcom.getString("secret"));
    }

    /** The admin's calls: JSON in and out; anything but a 2xx is a failure naming the call and the answer. */
    private record Api(String gateway, String token) {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        JsonObject object(String method, String path, JsonObject body) throws IOException, InterruptedException {
            return new JsonObject(send(method, path, body));
        }

        JsonArray array(String method, String path, JsonObject body) throws IOException, InterruptedException {
            return new JsonArray(send(method, path, body));
        }

        private String send(String method, String path, JsonObject body) throws IOException, InterruptedException {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.encode()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }
    }

    /**
     * The demo shop: two pages that embed the widget from the gateway with the demo site's key, on
     * {@code localhost:<port>} (another origin than the gateway's, as a customer's site is).
     */
    public static final class Site implements AutoCloseable {

        private final HttpServer server;
        private final String gateway;
        private volatile String key = "";

        public Site(int port, String gateway) throws IOException {
            this.gateway = gateway;
            server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
            server.createContext("/", this::handle);
        }

        public String origin() {
            return "http://localhost:" + server.getAddress().getPort();
        }

        public String url(String path) {
            return origin() + path;
        }

        /** Serves the pages with this site key. */
        public void start(String siteKey) {
            key = siteKey;
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String title = switch (path) {
                case "/" -> "Home";
                case "/pricing" -> "Pricing";
                default -> null;
            };
            byte[] body = (title == null ? "Not found" : """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>%s · Demo shop</title>
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <script src="%s/widget/v1/frontdesk.js" data-key="%s" defer></script></head>
                    <body><h1>Demo shop — %s</h1><nav><a href="/">Home</a> · <a href="/pricing">Pricing</a></nav>
                    <p>This page embeds the Frontdesk widget with one script tag. Keep it open: staff see you live in
                    the console and can invite you to a video call.</p></body></html>"""
                    .formatted(title, gateway, key, title)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", title == null ? "text/plain" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(title == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

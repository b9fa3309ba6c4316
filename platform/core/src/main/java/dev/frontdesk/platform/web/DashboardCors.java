package dev.frontdesk.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for the staff and admin APIs: a browser page may read their answers only when it comes from one of the
 * dashboard origins an operator configured ({@code frontdesk.cors.dashboard-origins}, exact origins such as
 * {@code https://app.example.com}; none by default). Any other origin gets no CORS headers at all, whatever the
 * request carries, so a foreign page can neither read an answer nor send a bearer token in a preflighted request.
 * <p>
 * The widget's own requests (from customers' sites, checked against each site's allowed domains) are answered by the
 * service that serves them: it names their paths in {@code frontdesk.cors.widget-paths} (a regular expression), and
 * this handler leaves requests to them alone unless they carry, or ask to carry, a bearer token.
 */
@ApplicationScoped
public class DashboardCors {

    static final String METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String HEADERS = "Authorization, Content-Type, Idempotency-Key";

    private final Set<String> origins;
    private final Optional<Pattern> widgetPaths;

    public DashboardCors(@ConfigProperty(name = "frontdesk.cors.dashboard-origins") Optional<List<String>> origins,
            @ConfigProperty(name = "frontdesk.cors.widget-paths") Optional<String> widgetPaths) {
        this.widgetPaths = widgetPaths.map(Pattern::compile);
        this.origins = origins.orElse(List.of()).stream().map(origin -> origin.strip().toLowerCase(Locale.ROOT))
                .map(origin -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
                .collect(Collectors.toUnmodifiableSet());
    }

    void install(@Observes Router router) {
        router.route().order(-8).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        String origin = context.request().getHeader("Origin");
        boolean preflight = context.request().method() == HttpMethod.OPTIONS
                && context.request().getHeader("Access-Control-Request-Method") != null;
        if (origin == null || isWidgets(context, preflight)) {
            context.next();
            return;
        }
        boolean allowed = origins.contains(origin.toLowerCase(Locale.ROOT));
        if (preflight) {
            if (allowed) {
                context.response().setStatusCode(204)
                        .putHeader("Access-Control-Allow-Origin", origin)
                        .putHeader("Access-Control-Allow-Methods", METHODS)
                        .putHeader("Access-Control-Allow-Headers", HEADERS)
                        .putHeader("Access-Control-Max-Age", "600")
                        .putHeader("Vary", "Origin")
                        .end();
            } else {
                // No CORS headers: the browser refuses the actual request.
                context.response().setStatusCode(204).putHeader("Vary", "Origin").end();
            }
            return;
        }
        if (allowed) {
            context.addHeadersEndHandler(ignored -> context.response()
                    .putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Expose-Headers", "Location, Retry-After")
                    .putHeader("Vary", "Origin"));
        }
        context.next();
    }

    private boolean isWidgets(RoutingContext context, boolean preflight) {
        if (widgetPaths.isEmpty() || !widgetPaths.get().matcher(context.request().path()).matches()) {
            return false;
        }
        if (preflight) {
            String requested = context.request().getHeader("Access-Control-Request-Headers");
            return requested == null || !requested.toLowerCase(Locale.ROOT).contains("authorization");
        }
        return context.request().getHeader("Authorization") == null;
    }
}

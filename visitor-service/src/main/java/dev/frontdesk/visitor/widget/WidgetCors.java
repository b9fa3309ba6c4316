package dev.frontdesk.visitor.widget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.frontdesk.platform.web.DashboardCors;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * CORS for the widget's requests, which come from the customers' sites. A preflight cannot say which site it is for
 * (it carries no header values), so it is answered for any origin; the request itself is then checked against the
 * site's allowed domains before anything happens, and only then does the answer become readable by the page.
 */
@ApplicationScoped
public class WidgetCors {

    static final String PATHS = "/api/(visitors|conversations)(/.*)?";
    static final String HEADERS = "Content-Type, X-Org-Key, X-Visitor-Id";

    void install(@Observes Router router) {
        router.routeWithRegex(HttpMethod.OPTIONS, PATHS).order(-10).handler(context -> {
            String origin = context.request().getHeader("Origin");
            String requested = context.request().getHeader("Access-Control-Request-Headers");
            // A preflight for a bearer token is a dashboard's (DashboardCors), never the widget's.
            if (origin == null || requested != null && requested.toLowerCase(java.util.Locale.ROOT).contains("authorization")) {
                context.next();
                return;
            }
            context.response().setStatusCode(204)
                    .putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Allow-Methods", "GET, POST")
                    .putHeader("Access-Control-Allow-Headers", HEADERS)
                    .putHeader("Access-Control-Max-Age", "600")
                    .putHeader("Vary", "Origin")
                    .end();
        });
        router.routeWithRegex(PATHS).order(-9).handler(context -> {
            String origin = context.request().getHeader("Origin");
            // Widget requests: the site key in a header, or in the body of a sendBeacon to the track endpoint; never
            // with a bearer token (a staff request is a dashboard's, answered by DashboardCors for its origins only).
            boolean widget = (context.request().getHeader("X-Org-Key") != null
                    || context.request().path().equals("/api/visitors/track"))
                    && context.request().getHeader("Authorization") == null;
            if (origin != null && widget) {
                    context.addHeadersEndHandler(ignored -> {
                    // Only an answer to an allowed origin (anything below 400) is shared with the page.
                    if (context.response().getStatusCode() < 400) {
                        context.response().putHeader("Access-Control-Allow-Origin", origin)
                                .putHeader("Access-Control-Expose-Headers", "X-Visitor-Id")
                                .putHeader("Vary", "Origin");
                    }
                });
            }
            context.next();
        });
    }
}

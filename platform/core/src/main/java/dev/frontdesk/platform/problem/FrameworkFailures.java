package dev.frontdesk.platform.problem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * The 4xx answers that Vert.x and Quarkus make before any resource runs (a malformed request target, a chunked body
 * over the size limit, a form field too long, …) carry an empty body or a stack trace; here they become problem
 * details like every other error. Failures without a status (security, REST) are left to their handlers and
 * {@link ProblemMappers}, unless the request was answered already.
 */
@ApplicationScoped
public class FrameworkFailures {

    private static final Logger LOG = Logger.getLogger(FrameworkFailures.class);
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.response().headWritten()) {
                // Already answered (e.g. a refused WebSocket upgrade with its 401): a second answer would only fail
                // and log a stack trace per refused request.
                LOG.debugf("Failure after the answer on %s: %s", context.request().path(), context.failure());
                if (!context.response().ended()) {
                    context.request().connection().close(); // a half-sent answer cannot be completed
                }
                return;
            }
            // A failure with a 4xx status (a framework refusing what it read) is answered here; one without a status
            // (security, REST exceptions) goes on to its own handler and ProblemMappers.
            int status = context.failure() instanceof HttpException http ? http.getStatusCode() : context.statusCode();
            if (status < 400 || status >= 500) {
                context.next();
                return;
            }
            answer(context, status);
        });
        // A path that cannot be normalized matches no route, so no failure handler sees it: the router's own
        // handlers for these statuses answer it.
        for (int status : new int[] { 400, 413, 414, 431 }) {
            router.errorHandler(status, context -> {
                if (context.response().headWritten()) {
                    return;
                }
                answer(context, status);
            });
        }
    }

    private static void answer(RoutingContext context, int status) {
        String title = HttpResponseStatus.valueOf(status).reasonPhrase();
        send(context, new Problem("about:blank", title, status, detail(status), null, List.of()));
    }

    /**
     * Ends {@code context} with {@code problem}, for answers made before any resource runs; their metrics series is
     * {@code uri="/INVALID"}, never the raw path (unbounded label values).
     */
    public static void send(RoutingContext context, Problem problem) {
        tagAsInvalidUnlessRouted();
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(Json.encode(problem));
    }

    /** Tags the current request's HTTP metrics {@code uri="/INVALID"} unless a route template was matched. */
    public static void tagAsInvalidUnlessRouted() {
        // Quarkus' HTTP metrics read the route template from the request's Vert.x context.
        Context vertxContext = Vertx.currentContext();
        if (vertxContext != null && vertxContext.getLocal(URL_PATH_TEMPLATE) == null) {
            vertxContext.putLocal(URL_PATH_TEMPLATE, "INVALID");
        }
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be read (its target, headers or body are malformed).";
            case 413 -> "The request body is too large.";
            case 414 -> "The request target is too long.";
            case 431 -> "The request headers are too large.";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase() + ".";
        };
    }
}

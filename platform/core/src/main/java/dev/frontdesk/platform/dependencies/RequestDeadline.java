package dev.frontdesk.platform.dependencies;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.frontdesk.platform.problem.FrameworkFailures;
import dev.frontdesk.platform.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Every HTTP request ends in bounded time. When PostgreSQL hangs (a paused or partitioned server accepts connections
 * and queries and never answers), a reactive query waits for ever: the pool has no statement timeout. So each
 * request gets a deadline ({@code frontdesk.dependencies.request-timeout}, 8 s): a request still unanswered then is
 * answered {@code 503} problem+json with {@code Retry-After} and its connection closed; whatever the request was
 * doing may still finish (a 503 is no acknowledgement: the client retries, and our writes are idempotent where a
 * retry matters). WebSocket upgrades are not bounded (they live on).
 */
@ApplicationScoped
public class RequestDeadline {

    private static final Logger LOG = Logger.getLogger(RequestDeadline.class);

    private final DependencyConfig config;

    public RequestDeadline(DependencyConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        long timeout = config.requestTimeout().toMillis();
        router.route().order(Integer.MIN_VALUE + 2).handler(context -> {
            if (isUpgrade(context)) {
                context.next();
                return;
            }
            long timer = context.vertx().setTimer(timeout, fired -> answerLate(context));
            context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
            context.next();
        });
    }

    private void answerLate(RoutingContext context) {
        if (context.response().headWritten() || context.response().closed()) {
            return;
        }
        LOG.warnf("%s %s had no answer within %s (a dependency is not answering): answered 503",
                context.request().method(), context.normalizedPath(), config.requestTimeout());
        context.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(config.retryAfterSeconds()));
        FrameworkFailures.send(context, new Problem("about:blank", "Service Unavailable", 503,
                "The service could not answer in time: a dependency is not answering. Try again later.", null,
                List.of()));
    }

    private static boolean isUpgrade(RoutingContext context) {
        String upgrade = context.request().getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && "websocket".equalsIgnoreCase(upgrade);
    }
}

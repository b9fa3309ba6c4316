package dev.frontdesk.platform.problem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Answers an oversized request with a 413 problem: at once when its Content-Length says so; a chunked body, which
 * announces no length, is read up to the limit first (Quarkus' own limit would answer it with an empty 413).
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBodySize;
    private final BodyHandler chunked;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
        // Fails the request with 413 past the limit; FrameworkFailures turns that into a problem.
        this.chunked = BodyHandler.create(false).setBodyLimit(this.maxBodySize);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && tooLarge(length)) {
                FrameworkFailures.send(context, new Problem("about:blank", "Content Too Large", 413,
                        "The request body is larger than " + maxBodySize + " bytes.", context.request().path(),
                        List.of()));
                return;
            }
            if (length == null && "chunked".equalsIgnoreCase(context.request().getHeader("Transfer-Encoding"))) {
                chunked.handle(context);
                return;
            }
            context.next();
        });
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

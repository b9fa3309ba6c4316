package dev.frontdesk.platform.problem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Answers an oversized request with a 413 problem before its body is read. (Quarkus' own limit answers with an
 * empty body; it still guards chunked requests, which announce no length.)
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBodySize;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && tooLarge(length)) {
                Problem problem = new Problem("about:blank", "Content Too Large", 413,
                        "The request body is larger than " + maxBodySize + " bytes.", context.request().path(),
                        List.of());
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(Json.encode(problem));
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

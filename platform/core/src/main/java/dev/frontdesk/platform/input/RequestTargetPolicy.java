package dev.frontdesk.platform.input;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.frontdesk.platform.problem.FrameworkFailures;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.Problem;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks every request's path and query string before routing: strictly percent-encoded UTF-8 that holds to
 * {@link Text}'s rule. A NUL in a path id ({@code /api/rooms/%00}) or a query ({@code ?q=%00}) is a 400 that names
 * the path or the parameter, before any resource, database or log sees it. A request target longer than
 * {@value #MAX_TARGET} characters is a 414, headers above {@value #MAX_HEADERS} bytes a 431, both as problem details
 * (Netty's own limits, set higher in the configuration, would answer with an empty body). With the JVM property
 * {@code vertx.disableURIValidation=true} (tests, local stack, images) a target that is not a URI at all is answered
 * here too; without it Quarkus refuses it first with an empty 400.
 */
@ApplicationScoped
public class RequestTargetPolicy {

    public static final int MAX_TARGET = 8192;
    public static final int MAX_HEADERS = 20 * 1024;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            if (context.request().uri().length() > MAX_TARGET) {
                refuse(context, 414, "URI Too Long", "The request target is longer than " + MAX_TARGET + " characters.", List.of());
                return;
            }
            int headerBytes = 0;
            for (var header : context.request().headers()) {
                headerBytes += header.getKey().length() + header.getValue().length() + 4;
            }
            if (headerBytes > MAX_HEADERS) {
                refuse(context, 431, "Request Header Fields Too Large",
                        "The request headers are larger than " + MAX_HEADERS + " bytes.", List.of());
                return;
            }
            try {
                String path = context.request().path();
                if (path != null) {
                    for (String segment : path.split("/")) {
                        PercentDecoding.decode("path", segment, false);
                    }
                }
                PercentDecoding.form(context.request().query());
            } catch (InvalidRequestException e) {
                refuse(context, 400, "Bad Request", e.getMessage(), List.of(new Problem.FieldError(e.field(), e.fieldMessage())));
                return;
            }
            // What the named checks above let through may still not be a URI (a raw space, quote or brace).
            try {
                new URI(context.request().uri());
            } catch (URISyntaxException e) {
                refuse(context, 400, "Bad Request", "The request target is not a valid URI.",
                        List.of(new Problem.FieldError("path", "must be a valid URI (RFC 3986)")));
                return;
            }
            // An error answered without a route template (405 on a known path, …) must not name its raw path in the
            // metrics: one label value per hostile path would be unbounded.
            context.addHeadersEndHandler(v -> {
                if (context.response().getStatusCode() >= 400) {
                    FrameworkFailures.tagAsInvalidUnlessRouted();
                }
            });
            context.next();
        });
    }

    private static void refuse(RoutingContext context, int status, String title, String detail,
            List<Problem.FieldError> errors) {
        FrameworkFailures.send(context, new Problem("about:blank", title, status, detail, null, errors));
    }
}

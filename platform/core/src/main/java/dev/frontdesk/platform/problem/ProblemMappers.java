package dev.frontdesk.platform.problem;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.frontdesk.platform.dependencies.DependencyConfig;
import dev.frontdesk.platform.dependencies.DependencyFailures;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.frontdesk.platform.input.InvalidTextException;
import dev.frontdesk.platform.input.JsonProblems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error a service answers is {@code application/problem+json}, with no stack trace and nothing from the
 * request's secrets. Unexpected failures are logged with an id that the body repeats.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final DependencyConfig dependencies;

    public ProblemMappers(DependencyConfig dependencies) {
        this.dependencies = dependencies;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.field() == null ? List.of()
                : List.of(new Problem.FieldError(e.field(), e.fieldMessage()));
        Response response = respond(e.status(), e.title(), e.getMessage(), uri, errors, e.extensions());
        return e.status() == 503 ? Response.fromResponse(response)
                .header("Retry-After", dependencies.retryAfterSeconds()).build() : response;
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(400, "Bad Request", "The request has invalid fields.", uri, errors);
    }

    /**
     * Jackson's failures, named one by one so that Quarkus' built-in mappers (an empty 400 for
     * {@code MismatchedInputException}) never answer instead.
     */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, InvalidNullException.class,
            InvalidTextException.class, StreamConstraintsException.class, JsonEOFException.class })
    public Response json(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProblem(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        if (status == 404 && e.getCause() instanceof IllegalArgumentException) {
            // JAX-RS answers a path or query parameter it cannot convert (?page=1e3, ?siteId=x) with a 404 whose
            // cause is the conversion's failure: the request is bad, the resource is not missing.
            return respond(400, "Bad Request", "A path or query parameter has a value of the wrong type.", uri, List.of());
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return respond(status, title, detail(status, e.getMessage()), uri, List.of());
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(
                respond(401, "Unauthorized", "A valid bearer token is required.", uri, List.of()))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "Forbidden", "You are not allowed to do this.", uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DependencyFailures.isUnavailable(e)) {
            LOG.warnf("A dependency is unavailable on %s: %s", uri.getPath(), e.getMessage());
            return Response.fromResponse(respond(503, "Service Unavailable",
                    "A dependency of the service is unavailable. Try again later.", uri, List.of()))
                    .header("Retry-After", dependencies.retryAfterSeconds()).build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", errorId, uri.getPath());
        return respond(500, "Internal Server Error", "Unexpected failure; reference " + errorId + ".", uri, List.of());
    }

    private Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        return problem(JsonProblems.of(e), uri);
    }

    private static String detail(int status, String message) {
        return switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "No acceptable representation.";
            case 413 -> "The request body is too large.";
            case 415 -> "Unsupported content type.";
            default -> message;
        };
    }

    /**
     * The field as the client sent it ({@code name}, {@code allowedDomains[0]}, {@code address.city}): the method
     * and the body parameter's own name are left out.
     */
    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        boolean onlyParameter = false;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> {
                    field.setLength(0);
                    field.append(node.getName());
                    onlyParameter = true;
                }
                case PROPERTY -> {
                    if (onlyParameter) {
                        field.setLength(0);
                        onlyParameter = false;
                    }
                    field.append(field.isEmpty() ? "" : ".").append(node.getName());
                    appendIndex(field, node);
                }
                case CONTAINER_ELEMENT -> appendIndex(field, node);
                default -> {
                }
            }
        }
        return field.toString();
    }

    private static void appendIndex(StringBuilder field, Path.Node node) {
        if (node.getIndex() != null) {
            field.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            field.append('[').append(node.getKey()).append(']');
        }
    }

    static Response respond(int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        return respond(status, title, detail, uri, errors, Map.of());
    }

    private static Response respond(int status, String title, String detail, UriInfo uri,
            List<Problem.FieldError> errors, Map<String, Object> extensions) {
        Problem body = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors,
                extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}

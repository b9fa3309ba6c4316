package dev.frontdesk.analytics.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.frontdesk.analytics.service.IngestService;
import io.smallrye.mutiny.Uni;

/**
 * The widget's endpoint: public, checked against the site's allowed domains. {@code text/plain} is what
 * {@code navigator.sendBeacon} sends (no preflight); {@code application/json} from fetch is preflighted, and the
 * preflight names the widget in the query ({@code ?widgetId=}) since it carries no body.
 */
@Path("/api/analytics/events")
@Tag(name = "Widget events")
@PermitAll
public class IngestResource {

    private final IngestService ingest;

    public IngestResource(IngestService ingest) {
        this.ingest = ingest;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record widget events", description = """
            One event or a batch of up to 100: widgetId, sessionId, eventType (widget_load, widget_open, call_start, \
            call_end, call_error), pageUrl, timestamp, optional eventId (deduped), visitorId, callId/roomName and \
            metadata. 202 once stored; demo widgets and bots get 202 with nothing stored.""")
    public Uni<RestResponse<IngestService.Result>> record(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        boolean beacon = contentType != null && contentType.toLowerCase().startsWith(MediaType.TEXT_PLAIN);
        return ingest.ingest(body, beacon, origin, referer, userAgent).map(result -> {
            RestResponse.ResponseBuilder<IngestService.Result> response = RestResponse.ResponseBuilder
                    .<IngestService.Result> create(RestResponse.Status.ACCEPTED).entity(result);
            if (origin != null) {
                response.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
            }
            return response.build();
        });
    }

    @OPTIONS
    @Operation(summary = "CORS preflight for JSON events from a site's allowed origins")
    public Uni<RestResponse<Void>> preflight(@QueryParam("widgetId") String widgetId, @HeaderParam("Origin") String origin) {
        return ingest.preflight(widgetId, origin).map(allowed -> {
            if (allowed == null) {
                return RestResponse.<Void> status(RestResponse.Status.FORBIDDEN);
            }
            return RestResponse.ResponseBuilder.<Void> noContent()
                    .header("Access-Control-Allow-Origin", allowed)
                    .header("Access-Control-Allow-Methods", "POST")
                    .header("Access-Control-Allow-Headers", "Content-Type")
                    .header("Access-Control-Max-Age", "600")
                    .header("Vary", "Origin")
                    .build();
        });
    }
}

package dev.frontdesk.visitor.widget;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/visitors/track")
@Tag(name = "Widget")
@PermitAll
public class TrackResource {

    private final TrackService tracking;
    private final WidgetRequests requests;

    public TrackResource(TrackService tracking, WidgetRequests requests) {
        this.tracking = tracking;
        this.requests = requests;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Page view, heartbeat or page leave of a visitor", description = """
            Headers X-Org-Key (the site's publishable key) and X-Visitor-Id (v_<uuid>); a page leave sent with \
            navigator.sendBeacon may carry them as siteKey and visitorId in its text/plain body. A missing or \
            malformed visitor id gets a new one in the answer (body and X-Visitor-Id header) that the widget keeps. \
            Heartbeats report whether the page is visible; only visible time counts.""")
    public Uni<RestResponse<TrackService.Result>> track(String body, @HeaderParam("X-Org-Key") String key,
            @HeaderParam("X-Visitor-Id") String visitorId, @HeaderParam("Origin") String origin,
            @HeaderParam("Referer") String referer, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        TrackRequest request = requests.read(body, TrackRequest.class);
        return tracking.track(key, visitorId, origin, referer, userAgent, request).map(result -> {
            RestResponse.ResponseBuilder<TrackService.Result> response = RestResponse.ResponseBuilder.ok(result);
            if (result.visitorId() != null) {
                response.header("X-Visitor-Id", result.visitorId());
            }
            return response.build();
        });
    }
}

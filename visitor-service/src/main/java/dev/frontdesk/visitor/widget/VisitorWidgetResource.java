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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

@Path("/api/visitors/identify")
@Tag(name = "Widget")
@PermitAll
public class VisitorWidgetResource {

    private final IdentifyService identities;
    private final WidgetRequests requests;

    public VisitorWidgetResource(IdentifyService identities, WidgetRequests requests) {
        this.identities = identities;
        this.requests = requests;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Identify the visitor as a known contact", description = """
            The site's backend computes signature = hex(HMAC-SHA256(identity secret, externalId)) and hands it to the \
            widget. outcome SWITCHED means this browser was someone else: keep the returned visitorId from now on. \
            A placeholder externalId (undefined, null, [object Object], 0, anonymous, … see the README) is a 400.""")
    public Uni<RestResponse<IdentifyService.Result>> identify(
            @RequestBody(content = @Content(schema = @Schema(implementation = IdentifyRequest.class))) String body,
            @HeaderParam("X-Org-Key") String key, @HeaderParam("X-Visitor-Id") String visitorId,
            @HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        // Read as widget data: the traits are cleaned, externalId and signature must be exactly as signed.
        IdentifyRequest request = requests.read(body, IdentifyRequest.class);
        return identities.identify(key, visitorId, origin, referer, userAgent, request)
                .map(result -> RestResponse.ResponseBuilder.ok(result).header("X-Visitor-Id", result.visitorId()).build());
    }
}

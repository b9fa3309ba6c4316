package dev.frontdesk.visitor.widget;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

@Path("/api/visitors/identify")
@Tag(name = "Widget")
@PermitAll
public class VisitorWidgetResource {

    private final IdentifyService identities;

    public VisitorWidgetResource(IdentifyService identities) {
        this.identities = identities;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Identify the visitor as a known contact", description = """
            The site's backend computes signature = hex(HMAC-SHA256(identity secret, externalId)) and hands it to the \
            widget. outcome SWITCHED means this browser was someone else: keep the returned visitorId from now on.""")
    public Uni<RestResponse<IdentifyService.Result>> identify(@Valid @NotNull IdentifyRequest request,
            @HeaderParam("X-Org-Key") String key, @HeaderParam("X-Visitor-Id") String visitorId,
            @HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return identities.identify(key, visitorId, origin, referer, userAgent, request)
                .map(result -> RestResponse.ResponseBuilder.ok(result).header("X-Visitor-Id", result.visitorId()).build());
    }
}

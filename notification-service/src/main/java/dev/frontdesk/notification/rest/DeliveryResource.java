package dev.frontdesk.notification.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.frontdesk.notification.model.DeliveryChannel;
import dev.frontdesk.notification.model.DeliveryStatus;
import dev.frontdesk.notification.service.DeliveryQueries;
import dev.frontdesk.platform.rest.Page;
import dev.frontdesk.platform.rest.QueryParams;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/notifications/deliveries")
@Tag(name = "Delivery log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class DeliveryResource {

    private final DeliveryQueries deliveries;
    private final Caller caller;

    public DeliveryResource(DeliveryQueries deliveries, Caller caller) {
        this.deliveries = deliveries;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The organization's deliveries (socket, Slack, SMS), newest first",
            description = "Filters: channel (socket, slack, sms), status (pending, sent, delivered, failed, skipped), "
                    + "type (frame type, SMS template or Slack event), subjectId (call id, invite id, booking uid).")
    public Uni<Page<DeliveryQueries.DeliveryView>> list(@QueryParam("channel") String channel, @QueryParam("status") String status,
            @QueryParam("type") String type, @QueryParam("subjectId") String subjectId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        DeliveryChannel channelFilter = channel == null ? null : QueryParams.oneOf("channel", channel, DeliveryChannel.class);
        DeliveryStatus statusFilter = status == null ? null : QueryParams.oneOf("status", status, DeliveryStatus.class);
        return deliveries.list(caller.org(), new DeliveryQueries.Filter(channelFilter, statusFilter, type, subjectId),
                page, size);
    }
}

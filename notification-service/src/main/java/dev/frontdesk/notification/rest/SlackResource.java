package dev.frontdesk.notification.rest;

import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.frontdesk.notification.slack.SlackSettings;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/notifications/slack")
@Tag(name = "Slack")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SlackResource {

    private final SlackSettings settings;
    private final Caller caller;

    public SlackResource(SlackSettings settings, Caller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    /** events: any of invite.sent, call.missed, booking.created, booking.cancelled. */
    public record SlackRequest(@NotBlank @Size(max = 500) String webhookUrl, @NotNull @Size(max = 10) Set<String> events) {
    }

    @GET
    @Operation(summary = "The organization's Slack destination")
    public Uni<SlackSettings.SlackView> get() {
        return settings.get(caller.org());
    }

    @PUT
    @Operation(summary = "Set the Slack incoming webhook and the events to post",
            description = "Setting it again clears a broken destination.")
    public Uni<SlackSettings.SlackView> put(@Valid @NotNull SlackRequest request) {
        return settings.set(caller.org(), request.webhookUrl().strip(), request.events());
    }

    @DELETE
    @Operation(summary = "Stop posting to Slack")
    public Uni<SlackSettings.SlackView> delete() {
        return settings.remove(caller.org());
    }
}

package dev.frontdesk.notification.rest;

import java.net.URI;
import java.net.UnknownHostException;
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
import dev.frontdesk.notification.slack.WebhookDestinations;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

@Path("/api/notifications/slack")
@Tag(name = "Slack")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SlackResource {

    private final SlackSettings settings;
    private final WebhookDestinations destinations;
    private final Vertx vertx;
    private final Caller caller;

    public SlackResource(SlackSettings settings, WebhookDestinations destinations, Vertx vertx, Caller caller) {
        this.settings = settings;
        this.destinations = destinations;
        this.vertx = vertx;
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
    @Operation(summary = "Set the Slack incoming webhook and the events to post", description = """
            Setting it again clears a broken destination. Only Slack's webhook hosts are accepted (and those the \
            operator allows in frontdesk.notifications.slack.allowed-hosts), never one that resolves to an internal \
            address: 400 naming webhookUrl.""")
    public Uni<SlackSettings.SlackView> put(@Valid @NotNull SlackRequest request) {
        String webhookUrl = request.webhookUrl().strip();
        URI uri = destinations.checkForm(webhookUrl);
        SlackSettings.checkEvents(request.events());
        // DNS is blocking: resolved on a worker, the answer comes back on this request's context.
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                destinations.resolve(uri);
            } catch (WebhookDestinations.NotAllowedException e) {
                throw new InvalidRequestException("webhookUrl", "resolves to an address that is not allowed",
                        "webhookUrl's host resolves to an internal address; only public webhook hosts are allowed.");
            } catch (UnknownHostException e) {
                // Not resolvable from here right now: allowed, and checked again before every post.
            }
            return uri;
        })).chain(checked -> settings.set(caller.org(), webhookUrl, request.events()));
    }

    @DELETE
    @Operation(summary = "Stop posting to Slack")
    public Uni<SlackSettings.SlackView> delete() {
        return settings.remove(caller.org());
    }
}

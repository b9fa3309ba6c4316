package dev.frontdesk.visitor.conversations;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.frontdesk.platform.rest.Locations;
import dev.frontdesk.platform.problem.AccessDeniedException;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.UnauthenticatedException;
import dev.frontdesk.platform.security.Roles;
import dev.frontdesk.platform.security.TokenClaims;
import dev.frontdesk.visitor.invites.InviteService;
import dev.frontdesk.visitor.widget.VisitorIds;
import dev.frontdesk.visitor.widget.WidgetSites;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Conversations. The widget calls with {@code X-Org-Key} (and {@code X-Visitor-Id}); staff with their bearer token.
 * The request shape of the seed is kept: {@code visitorId} in the body is optional.
 */
@Path("/api/conversations")
@Tag(name = "Conversations")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ConversationService conversations;
    private final WidgetSites sites;
    private final CurrentIdentityAssociation identity;
    private final TokenClaims claims;

    public ConversationResource(ConversationService conversations, WidgetSites sites, CurrentIdentityAssociation identity,
            TokenClaims claims) {
        this.conversations = conversations;
        this.sites = sites;
        this.identity = identity;
        this.claims = claims;
    }

    public record StartConversation(@Size(max = 100) String visitorId, @Size(max = 200) String subject,
            @Size(max = 5000) String message) {
    }

    public record PostMessage(@NotBlank @Size(max = 5000) String text) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a conversation from the widget", description = """
            With a visitor id (X-Visitor-Id or visitorId in the body) the conversation belongs to that visitor, who is \
            created if new; without one it is a conversation with no visitor.""")
    public Uni<RestResponse<ConversationService.View>> start(@Valid StartConversation request,
            @HeaderParam("X-Org-Key") String key, @HeaderParam("X-Visitor-Id") String visitorHeader,
            @HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        StartConversation body = request == null ? new StartConversation(null, null, null) : request;
        String given = visitorHeader != null ? visitorHeader : body.visitorId();
        UUID visitor = VisitorIds.parse(given);
        if (given != null && visitor == null) {
            throw new InvalidRequestException("visitorId: must look like v_<uuid>.");
        }
        return sites.authorize(key, origin, referer)
                .chain(site -> conversations.start(site, visitor, body.subject(), body.message(), userAgent))
                .map(view -> RestResponse.ResponseBuilder.<ConversationService.View> created(
                        Locations.of("/api/conversations", view.id())).entity(view).build());
    }

    @GET
    @Path("/{id}/messages")
    @Operation(summary = "The messages of a conversation, oldest first")
    public Uni<List<ConversationService.MessageView>> messages(@PathParam("id") UUID id,
            @HeaderParam("X-Org-Key") String key, @HeaderParam("X-Visitor-Id") String visitorId,
            @HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer) {
        return party(key, visitorId, origin, referer).chain(party -> conversations.messages(party, id));
    }

    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a message: as the visitor (widget headers) or as staff (bearer token)")
    public Uni<RestResponse<ConversationService.MessageView>> post(@PathParam("id") UUID id,
            @Valid @NotNull PostMessage request, @HeaderParam("X-Org-Key") String key,
            @HeaderParam("X-Visitor-Id") String visitorId, @HeaderParam("Origin") String origin,
            @HeaderParam("Referer") String referer) {
        return party(key, visitorId, origin, referer).chain(party -> conversations.post(party, id, request.text()))
                .map(message -> RestResponse.status(RestResponse.Status.CREATED, message));
    }

    private Uni<ConversationService.Party> party(String key, String visitorId, String origin, String referer) {
        if (key != null) {
            return sites.authorize(key, origin, referer)
                    .map(site -> new ConversationService.WidgetParty(site, VisitorIds.parse(visitorId)));
        }
        return identity.getDeferredIdentity().map(caller -> {
            if (caller.isAnonymous() || !(caller.getPrincipal() instanceof JsonWebToken token)) {
                throw new UnauthenticatedException("Send the widget's X-Org-Key or a staff bearer token.");
            }
            if (!caller.hasRole(Roles.STAFF) && !caller.hasRole(Roles.ADMIN)) {
                throw new AccessDeniedException("Only staff take part in conversations.");
            }
            String org = claims.org(token);
            if (org == null) {
                throw new UnauthenticatedException("The token names no organization.");
            }
            return new ConversationService.StaffParty(new InviteService.Staff(org, token.getSubject(),
                    claims.name(token)));
        });
    }
}

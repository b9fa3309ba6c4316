package dev.frontdesk.visitor.widget;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.frontdesk.platform.problem.UnauthenticatedException;
import dev.frontdesk.visitor.invites.InviteService;
import dev.frontdesk.visitor.invites.InviteStatus;
import dev.frontdesk.visitor.invites.InviteViews;
import io.smallrye.mutiny.Uni;

/** The visitor's side of video invites, authenticated by the site key and the visitor's id. */
@Path("/api/visitors/me/invites")
@Tag(name = "Widget")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class WidgetInviteResource {

    private final WidgetSites sites;
    private final InviteService invites;

    public WidgetInviteResource(WidgetSites sites, InviteService invites) {
        this.sites = sites;
        this.invites = invites;
    }

    @GET
    @Operation(summary = "The visitor's pending invites (e.g. after a reload)")
    public Uni<List<InviteViews.Visitor>> pending(@HeaderParam("X-Org-Key") String key,
            @HeaderParam("X-Visitor-Id") String visitorId, @HeaderParam("Origin") String origin,
            @HeaderParam("Referer") String referer) {
        UUID visitor = visitor(visitorId);
        return sites.authorize(key, origin, referer).chain(site -> invites.pending(site.id(), visitor))
                .map(all -> all.stream().map(InviteViews.Visitor::of).toList());
    }

    @POST
    @Path("/{inviteId}/accept")
    @Operation(summary = "Accept an invite: the answer carries the guest URL to open")
    public Uni<InviteViews.Visitor> accept(@PathParam("inviteId") UUID inviteId, @HeaderParam("X-Org-Key") String key,
            @HeaderParam("X-Visitor-Id") String visitorId, @HeaderParam("Origin") String origin,
            @HeaderParam("Referer") String referer) {
        return answer(inviteId, key, visitorId, origin, referer, InviteStatus.ACCEPTED);
    }

    @POST
    @Path("/{inviteId}/decline")
    @Operation(summary = "Decline an invite")
    public Uni<InviteViews.Visitor> decline(@PathParam("inviteId") UUID inviteId, @HeaderParam("X-Org-Key") String key,
            @HeaderParam("X-Visitor-Id") String visitorId, @HeaderParam("Origin") String origin,
            @HeaderParam("Referer") String referer) {
        return answer(inviteId, key, visitorId, origin, referer, InviteStatus.DECLINED);
    }

    private Uni<InviteViews.Visitor> answer(UUID inviteId, String key, String visitorId, String origin, String referer,
            InviteStatus answer) {
        UUID visitor = visitor(visitorId);
        return sites.authorize(key, origin, referer)
                .chain(site -> invites.answer(site.id(), visitor, inviteId, answer))
                .map(InviteViews.Visitor::of);
    }

    private static UUID visitor(String visitorId) {
        UUID parsed = VisitorIds.parse(visitorId);
        if (parsed == null) {
            throw new UnauthenticatedException("The X-Visitor-Id header (v_<uuid>) is required.");
        }
        return parsed;
    }
}

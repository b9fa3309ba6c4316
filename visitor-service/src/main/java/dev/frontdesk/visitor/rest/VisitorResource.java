package dev.frontdesk.visitor.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.frontdesk.platform.rest.Locations;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import dev.frontdesk.platform.rest.Page;
import dev.frontdesk.platform.rest.QueryParams;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import dev.frontdesk.visitor.conversations.ConversationService;
import dev.frontdesk.visitor.invites.InviteService;
import dev.frontdesk.visitor.invites.InviteStats;
import dev.frontdesk.visitor.invites.InviteStatus;
import dev.frontdesk.visitor.invites.InviteViews;
import dev.frontdesk.visitor.privacy.PrivacyService;
import dev.frontdesk.visitor.visitors.LiveState;
import dev.frontdesk.visitor.visitors.VisitorQueries;
import dev.frontdesk.visitor.visitors.VisitorViews;
import dev.frontdesk.visitor.widget.VisitorIds;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** Staff's view of the organization's visitors, their invites, and GDPR (admins). */
@Path("/api/visitors")
@Tag(name = "Visitors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.STAFF, Roles.ADMIN })
public class VisitorResource {

    private final VisitorQueries visitors;
    private final InviteService invites;
    private final InviteStats inviteStats;
    private final ConversationService conversations;
    private final PrivacyService privacy;
    private final Caller caller;
    private final Clock clock;

    public VisitorResource(VisitorQueries visitors, InviteService invites, InviteStats inviteStats,
            ConversationService conversations, PrivacyService privacy, Caller caller, Clock clock) {
        this.visitors = visitors;
        this.invites = invites;
        this.inviteStats = inviteStats;
        this.conversations = conversations;
        this.privacy = privacy;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Search visitors", description = """
            state: active (seen within 60 s and active within 10 min), idle, left (not seen for 20 min) or live \
            (active or idle); company and url (current page) match parts, case-insensitive; q searches company and \
            the identified contact's name, email and external id. Newest activity first.""")
    public Uni<Page<VisitorViews.Visitor>> search(@QueryParam("state") String state, @QueryParam("siteId") UUID siteId,
            @QueryParam("company") @Size(max = 200) String company, @QueryParam("url") @Size(max = 500) String url,
            @QueryParam("q") @Size(max = 200) String search,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return visitors.list(caller.org(), new VisitorQueries.Filter(QueryParams.oneOf("state", state, LiveState.class),
                siteId, company, url, search), page, size);
    }

    @GET
    @Path("/live")
    @Operation(summary = "Visitors on the organization's sites now (active or idle), newest activity first")
    public Uni<Page<VisitorViews.Visitor>> live(@QueryParam("siteId") UUID siteId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return visitors.list(caller.org(), new VisitorQueries.Filter(LiveState.LIVE, siteId, null, null, null), page, size);
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Unique and returning visitors, return rate and mean time between visits for a period",
            description = "from and to are days (to exclusive); the default is the last 30 days.")
    public Uni<VisitorViews.Stats> stats(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("siteId") UUID siteId) {
        Instant[] period = period(from, to);
        return visitors.stats(caller.org(), siteId, period[0], period[1]);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One visitor's profile")
    public Uni<VisitorViews.Visitor> get(@PathParam("id") String id) {
        UUID visitorId = visitorId(id);
        return visitors.find(caller.org(), visitorId)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No visitor " + id + "."));
    }

    @GET
    @Path("/{id}/pages")
    @Operation(summary = "The visitor's browsing timeline, newest first",
            description = "For an identified visitor, the pages of every browser of that contact.")
    public Uni<Page<VisitorViews.PageView>> pages(@PathParam("id") String id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        UUID visitorId = visitorId(id);
        return get(id).chain(found -> visitors.timeline(caller.org(), visitorId, page, size));
    }

    @GET
    @Path("/{id}/conversations")
    @Operation(summary = "The visitor's conversations, newest first")
    public Uni<List<ConversationService.View>> conversations(@PathParam("id") String id) {
        UUID visitorId = visitorId(id);
        return get(id).chain(found -> conversations.ofVisitor(caller.org(), visitorId));
    }

    public record SendInvite(@Size(max = 500) String message) {
    }

    @POST
    @Path("/{id}/invites")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite the visitor into a video call", description = """
            Makes a video room at call-service and stores the invite (status invited), published as \
            visitor.invite.sent. 503 with nothing stored when call-service cannot make the room.""")
    public Uni<RestResponse<InviteViews.Staff>> invite(@PathParam("id") String id, @Valid SendInvite request) {
        return invites.send(staff(), visitorId(id), request == null ? null : request.message()).map(this::created);
    }

    @GET
    @Path("/{id}/invites")
    @Operation(summary = "Every invite sent to the visitor, newest first")
    public Uni<List<InviteViews.Staff>> inviteHistory(@PathParam("id") String id) {
        UUID visitorId = visitorId(id);
        return get(id).chain(found -> invites.history(caller.org(), visitorId))
                .map(all -> all.stream().map(invite -> InviteViews.Staff.of(invite, caller.subject())).toList());
    }

    public record VideoData(@NotBlank @Size(max = 100) String sessionId, @NotBlank @Size(max = 100) String roomId,
            @NotBlank @Size(max = 2048) @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String hostUrl,
            @NotBlank @Size(max = 2048) @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String guestUrl) {
    }

    /** The seed's shape; {@code apiKey} (the site's publishable key, optional) must be that of the visitor's site. */
    public record RecordInvite(@Size(max = 100) String apiKey, @NotBlank @Size(max = 100) String visitorId,
            @NotNull @Valid VideoData videoData,
            @Pattern(regexp = "invited|accepted|declined|expired|cancelled|completed", message = "must be invited, accepted, declined, expired, cancelled or completed") String status) {
    }

    @POST
    @Path("/invites")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an invite or its status in the seed's request shape", description = """
            {apiKey, visitorId, videoData{sessionId, roomId, hostUrl, guestUrl}, status}: a new session is stored as an \
            invite of a room the caller already made; a known session's latest invite moves to status (legal moves only). \
            apiKey is optional; given, it must be the publishable key of the visitor's site (else 400 naming apiKey).""")
    public Uni<RestResponse<InviteViews.Staff>> record(@Valid @NotNull RecordInvite request) {
        VideoData video = request.videoData();
        return invites.record(staff(), visitorId(request.visitorId()),
                new InviteService.VideoData(video.sessionId(), video.roomId(), video.hostUrl(), video.guestUrl()),
                request.status() == null ? null : InviteStatus.of(request.status()), request.apiKey())
                .map(invite -> RestResponse.ok(InviteViews.Staff.of(invite, caller.subject())));
    }

    @GET
    @Path("/invites/stats")
    @Operation(summary = "Invite analytics for a period", description = """
            Totals by status, acceptance rate (accepted / (accepted + declined + expired): invites staff withdrew, \
            cancelled or replaced by a resend, were never the visitor's decision), median seconds to accept, sessions by the status of \
            their latest invite, the last 24 hours and the invites pending now. from/to are days (to exclusive); \
            default the last 30 days.""")
    public Uni<InviteStats.Report> inviteStats(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("siteId") UUID siteId) {
        Instant[] period = period(from, to);
        return inviteStats.report(caller.org(), siteId, period[0], period[1]);
    }

    @GET
    @Path("/invites/{inviteId}")
    @Operation(summary = "One invite")
    public Uni<InviteViews.Staff> getInvite(@PathParam("inviteId") UUID inviteId) {
        return invites.find(caller.org(), inviteId).map(invite -> InviteViews.Staff.of(invite, caller.subject()));
    }

    @POST
    @Path("/invites/{inviteId}/resend")
    @Operation(summary = "Send the invite again with the same room and URLs", description = "A new invite; a pending original is cancelled by it.")
    public Uni<RestResponse<InviteViews.Staff>> resend(@PathParam("inviteId") UUID inviteId) {
        return invites.resend(staff(), inviteId).map(this::created);
    }

    @POST
    @Path("/invites/{inviteId}/cancel")
    @Operation(summary = "Withdraw a pending invite")
    public Uni<InviteViews.Staff> cancel(@PathParam("inviteId") UUID inviteId) {
        return invites.changeByStaff(caller.org(), inviteId, InviteStatus.CANCELLED, null).map(invite -> InviteViews.Staff.of(invite, caller.subject()));
    }

    public record Complete(@PositiveOrZero Long durationSeconds) {
    }

    @POST
    @Path("/invites/{inviteId}/complete")
    @Operation(summary = "Mark an accepted invite completed", description = "durationSeconds defaults to the time since it was accepted.")
    public Uni<InviteViews.Staff> complete(@PathParam("inviteId") UUID inviteId, @Valid Complete request) {
        return invites.changeByStaff(caller.org(), inviteId, InviteStatus.COMPLETED,
                request == null ? null : request.durationSeconds()).map(invite -> InviteViews.Staff.of(invite, caller.subject()));
    }

    @GET
    @Path("/{id}/export")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "GDPR export: everything stored about the visitor")
    public Uni<JsonObject> export(@PathParam("id") String id) {
        return privacy.export(caller.org(), visitorId(id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "GDPR erasure", description = "Deletes the visitor with pages, conversations and invites; visitor.erased tells the other services.")
    public Uni<RestResponse<Void>> erase(@PathParam("id") String id) {
        return privacy.erase(caller.org(), visitorId(id)).map(ignored -> RestResponse.noContent());
    }

    private RestResponse<InviteViews.Staff> created(dev.frontdesk.visitor.invites.Invite invite) {
        return RestResponse.ResponseBuilder.<InviteViews.Staff> created(Locations.of("/api/visitors/invites", invite.id))
                .entity(InviteViews.Staff.of(invite, caller.subject())).build();
    }

    private InviteService.Staff staff() {
        return new InviteService.Staff(caller.org(), caller.subject(), caller.name());
    }

    private Instant[] period(String from, String to) {
        QueryParams.Period asked = QueryParams.period(from, to);
        Instant end = asked.to();
        Instant start = asked.from();
        if (end == null) {
            end = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(1));
        }
        if (start == null) {
            start = end.minus(Duration.ofDays(30));
        }
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("from", "'from' must be before 'to'.");
        }
        return new Instant[] { start, end };
    }

    static UUID visitorId(String id) {
        UUID parsed = VisitorIds.parseLenient(id);
        if (parsed == null) {
            throw new InvalidRequestException("A visitor id looks like v_<uuid>, not '" + id + "'.");
        }
        return parsed;
    }
}

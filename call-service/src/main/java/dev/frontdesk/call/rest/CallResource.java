package dev.frontdesk.call.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.frontdesk.call.model.Call;
import dev.frontdesk.call.model.CallAction;
import dev.frontdesk.call.model.CallStatus;
import dev.frontdesk.call.model.DirectoryUser;
import dev.frontdesk.call.repository.CallRepository;
import dev.frontdesk.call.service.CallService;
import dev.frontdesk.call.service.CallService.CallDetails;
import dev.frontdesk.platform.rest.Locations;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.rest.Page;
import dev.frontdesk.platform.rest.QueryParams;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/calls")
@Tag(name = "Calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    private final CallService calls;
    private final Caller caller;

    public CallResource(CallService calls, Caller caller) {
        this.calls = calls;
        this.caller = caller;
    }

    public record StartCall(@NotBlank @Size(max = 128) String calleeId) {
    }

    public record StatusChange(@NotNull CallStatus status) {
    }

    public record PartyView(String id, String name, String avatarUrl, String role) {

        static PartyView of(String id, DirectoryUser user) {
            return user == null ? new PartyView(id, null, null, null)
                    : new PartyView(id, user.name, user.avatarUrl, user.role);
        }
    }

    public record RecordingView(String id, String s3Key, Integer durationSeconds) {
    }

    /**
     * A call as one viewer sees it: {@code direction} and {@code otherParty} are from the viewer's side (absent for
     * an admin who is not a party), {@code joinUrl} is the viewer's own way into the room (parties only).
     */
    public record CallView(String id, CallStatus status, String direction, PartyView caller, PartyView callee,
            PartyView otherParty, String roomName, String joinUrl, Instant createdAt, Instant ringDeadline,
            Instant ringingAt, Instant answeredAt, Instant endedAt, String endedBy, Integer durationSeconds,
            String durationSource, RecordingView recording) {

        static CallView of(CallDetails details, String viewer) {
            Call call = details.call();
            PartyView callerView = PartyView.of(call.callerId, details.caller());
            PartyView calleeView = PartyView.of(call.calleeId, details.callee());
            String direction = call.callerId.equals(viewer) ? "outgoing" : call.calleeId.equals(viewer) ? "incoming" : null;
            PartyView other = "outgoing".equals(direction) ? calleeView : "incoming".equals(direction) ? callerView : null;
            String joinUrl = details.room() == null || direction == null || call.status.isFinal() ? null
                    : "outgoing".equals(direction) ? details.room().hostUrl : details.room().guestUrl;
            RecordingView recording = call.recordingId == null ? null
                    : new RecordingView(call.recordingId, call.recordingKey, call.recordingSeconds);
            return new CallView(call.id.toString(), call.status, direction, callerView, calleeView, other,
                    call.roomName, joinUrl, call.createdAt, call.ringDeadline, call.ringingAt, call.answeredAt,
                    call.endedAt, call.endedBy, call.durationSeconds, call.durationSource, recording);
        }
    }

    @POST
    @RolesAllowed({ Roles.STAFF, Roles.CLIENT })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Call a client (as staff) or a staff member (as client) of your company", description = """
            Creates the room and the call (INITIATED) and rings the callee. 404 if the callee is unknown, 403 across \
            companies or between two staff or two clients, 409 if the callee is on another call.""")
    public Uni<RestResponse<CallView>> start(@Valid @NotNull StartCall request) {
        String me = caller.subject();
        return calls.start(caller.org(), me, request.calleeId())
                .map(details -> RestResponse.ResponseBuilder
                        .<CallView> created(Locations.of("/api/calls", details.call().id))
                        .entity(CallView.of(details, me)).build());
    }

    @GET
    @Path("/{callId}")
    @RolesAllowed({ Roles.ADMIN, Roles.STAFF, Roles.CLIENT })
    @Operation(summary = "One call, for its parties and the organization's admins")
    public Uni<CallView> get(@PathParam("callId") UUID callId) {
        return calls.get(caller.org(), caller.subject(), caller.is(Roles.ADMIN), callId)
                .map(details -> CallView.of(details, caller.subject()));
    }

    @POST
    @Path("/{callId}/answer")
    @RolesAllowed({ Roles.STAFF, Roles.CLIENT })
    @Operation(summary = "Answer (callee). The first answer wins; later ones get 409.")
    public Uni<CallView> answer(@PathParam("callId") UUID callId) {
        return act(callId, CallAction.ANSWER);
    }

    @POST
    @Path("/{callId}/decline")
    @RolesAllowed({ Roles.STAFF, Roles.CLIENT })
    @Operation(summary = "Decline (callee), before answering")
    public Uni<CallView> decline(@PathParam("callId") UUID callId) {
        return act(callId, CallAction.DECLINE);
    }

    @POST
    @Path("/{callId}/cancel")
    @RolesAllowed({ Roles.STAFF, Roles.CLIENT })
    @Operation(summary = "Hang up before an answer (caller)")
    public Uni<CallView> cancel(@PathParam("callId") UUID callId) {
        return act(callId, CallAction.CANCEL);
    }

    @POST
    @Path("/{callId}/end")
    @RolesAllowed({ Roles.STAFF, Roles.CLIENT })
    @Operation(summary = "End an answered call (either party)")
    public Uni<CallView> end(@PathParam("callId") UUID callId) {
        return act(callId, CallAction.END);
    }

    @PATCH
    @Path("/{callId}/status")
    @RolesAllowed({ Roles.STAFF, Roles.CLIENT })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the status the seed's way", description = """
            {"status": "ANSWERED" | "DECLINED" | "CANCELLED" | "ENDED"}: the same as the matching action endpoint. \
            RINGING and MISSED are decided by the server.""")
    public Uni<CallView> changeStatus(@PathParam("callId") UUID callId, @Valid @NotNull StatusChange request) {
        CallAction action = CallAction.reaching(request.status());
        if (action == null) {
            throw new InvalidRequestException("A call becomes " + request.status()
                    + " by itself; you can set ANSWERED, DECLINED, CANCELLED or ENDED.");
        }
        return act(callId, action);
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.STAFF, Roles.CLIENT })
    @Operation(summary = "Call history, newest first", description = """
            Your calls as caller or callee; for an admin, all calls of the organization. Dates are ISO days (UTC), \
            'to' exclusive.""")
    public Uni<Page<CallView>> history(@QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        String me = caller.subject();
        String scope = caller.is(Roles.ADMIN) ? null : me;
        QueryParams.Period period = QueryParams.period(from, to);
        return calls.history(caller.org(), scope, QueryParams.oneOf("status", status, CallStatus.class),
                period.from(), period.to(), page, size)
                .map(found -> found.map(details -> CallView.of(details, me)));
    }

    public record StaffStatsView(String staffId, String name, String avatarUrl, long total, long answered, long missed,
            long declined, long cancelled, Double averageDurationSeconds) {

        static StaffStatsView of(CallRepository.StaffStats stats) {
            return new StaffStatsView(stats.userId(), stats.name(), stats.avatarUrl(), stats.total(), stats.answered(),
                    stats.missed(), stats.declined(), stats.cancelled(),
                    stats.averageDurationSeconds() == null ? null
                            : Math.round(stats.averageDurationSeconds() * 10) / 10.0);
        }
    }

    @GET
    @Path("/stats")
    @RolesAllowed({ Roles.ADMIN, Roles.STAFF })
    @Operation(summary = "Per staff member: calls, answered, missed, declined, cancelled, average duration", description = """
            Admins see every staff member of the organization, staff see themselves. Defaults to the last 30 days.""")
    public Uni<List<StaffStatsView>> stats(@QueryParam("from") String from, @QueryParam("to") String to) {
        String staff = caller.is(Roles.ADMIN) ? null : caller.subject();
        QueryParams.Period period = QueryParams.period(from, to);
        return calls.stats(caller.org(), staff, period.from(), period.to())
                .map(list -> list.stream().map(StaffStatsView::of).toList());
    }

    private Uni<CallView> act(UUID callId, CallAction action) {
        String me = caller.subject();
        return calls.act(caller.org(), me, callId, action).map(details -> CallView.of(details, me));
    }
}

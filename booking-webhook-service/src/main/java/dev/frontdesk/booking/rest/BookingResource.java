package dev.frontdesk.booking.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.frontdesk.booking.config.BookingsConfig;
import dev.frontdesk.booking.model.Booking;
import dev.frontdesk.booking.model.BookingMember;
import dev.frontdesk.booking.model.BookingStatus;
import dev.frontdesk.booking.repository.BookingRepository;
import dev.frontdesk.booking.service.BookingService;
import dev.frontdesk.platform.rest.Locations;
import dev.frontdesk.platform.rest.Page;
import dev.frontdesk.platform.rest.QueryParams;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/bookings")
@Tag(name = "Bookings")
@Produces(MediaType.APPLICATION_JSON)
public class BookingResource {

    private final BookingService bookings;
    private final Caller caller;
    private final BookingsConfig config;

    public BookingResource(BookingService bookings, Caller caller, BookingsConfig config) {
        this.bookings = bookings;
        this.caller = caller;
        this.config = config;
    }

    /**
     * A booking as the staff's dashboard shows it. Never the host URL (with Daily an owner token): a host gets it from
     * {@code POST /api/bookings/{uid}/join/host}, which records that they joined.
     */
    public record BookingView(String uid, Long calcomId, String title, BookingStatus status, Instant startAt,
            Instant endAt, String hostName, String hostEmail, String memberName, String memberEmail,
            String memberPhone, String memberTimeZone, String roomStatus, String roomSource, String roomUrl,
            String rescheduledFrom, String rescheduledTo, String cancellationReason,
            boolean hostJoined, boolean memberJoined, Instant hostJoinedAt, Instant memberJoinedAt,
            Boolean memberNoShow, Instant completedAt, Integer seatsPerTimeSlot, boolean rescheduleRequested,
            Instant hostParticipantJoinedAt, Instant memberParticipantJoinedAt) {

        static BookingView of(Booking b) {
            return new BookingView(b.uid, b.calcomId, b.title, b.status, b.startAt, b.endAt, b.hostName, b.hostEmail,
                    b.memberName, b.memberEmail, b.memberPhone, b.memberTimeZone, b.roomStatus.name(), b.roomSource,
                    b.roomUrl, b.rescheduledFrom, b.rescheduledTo, b.cancellationReason, b.hostJoined,
                    b.memberJoined, b.hostJoinedAt, b.memberJoinedAt, b.memberNoShow, b.completedAt,
                    b.seatsPerTimeSlot, b.rescheduleRequested, b.hostParticipantJoinedAt, b.memberParticipantJoinedAt);
        }
    }

    /** A member of the booking (a seat of a seated event type): {@code status} is {@code booked} or {@code cancelled}. */
    public record MemberView(String key, String name, String email, String phone, String timeZone, String seatUid,
            String status, Boolean noShow) {

        static MemberView of(BookingMember m) {
            return new MemberView(m.memberKey, m.name, m.email, m.phone, m.timeZone, m.seatUid, m.status, m.noShow);
        }
    }

    public record BookingDetailView(BookingView booking, List<MemberView> members, String memberJoinLink,
            List<BookingRepository.HistoryEntry> history) {
    }

    public record MemberJoin(@NotBlank String org, @NotNull Long expires, @NotBlank String signature) {
    }

    public record JoinView(String uid, String title, Instant startAt, Instant endAt, String roomUrl) {
    }

    public record EndpointView(String id, String url, String secret, Instant createdAt) {
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.STAFF })
    @Operation(summary = "Bookings of the organization by start time", description = "from/to are ISO days (UTC), to exclusive.")
    public Uni<Page<BookingView>> list(@QueryParam("status") String status, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        QueryParams.Period period = QueryParams.period(from, to);
        return bookings.page(caller.org(), QueryParams.oneOf("status", status, BookingStatus.class),
                period.from(), period.to(), page, size)
                .map(found -> found.map(BookingView::of));
    }

    @GET
    @Path("/{uid}")
    @RolesAllowed({ Roles.ADMIN, Roles.STAFF })
    @Operation(summary = "One booking with its history and the member's join link")
    public Uni<BookingDetailView> get(@PathParam("uid") String uid) {
        return bookings.get(caller.org(), uid).map(found -> new BookingDetailView(BookingView.of(found.booking()),
                found.members().stream().map(MemberView::of).toList(), found.memberLink(), found.history()));
    }

    @POST
    @Path("/{uid}/join/host")
    @RolesAllowed({ Roles.ADMIN, Roles.STAFF })
    @Operation(summary = "Join as the host", description = """
            Makes the room now if it is still missing. A booking nobody can join is a 409 whose problem has \
            bookingStatus (PENDING, CANCELLED, REJECTED or RESCHEDULED).""")
    public Uni<JoinView> joinAsHost(@PathParam("uid") String uid) {
        return bookings.joinAsHost(caller.org(), uid).map(BookingResource::joinView);
    }

    @POST
    @Path("/{uid}/join/member")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Join as the member, with the signed link's org, expires and signature", description = """
            A link that lets nobody in is a 403 whose problem has reason (expired or invalid); a booking nobody can \
            join is a 409 whose problem has bookingStatus (PENDING, CANCELLED, REJECTED or RESCHEDULED).""")
    public Uni<JoinView> joinAsMember(@PathParam("uid") String uid, @Valid @NotNull MemberJoin request) {
        return bookings.joinAsMember(request.org(), uid, request.expires(), request.signature())
                .map(BookingResource::joinView);
    }

    @POST
    @Path("/webhooks")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "A new Cal.com webhook URL and secret for the organization", description = """
            Paste both into Cal.com's webhook form. The secret is shown only here. The URL is absolute: \
            frontdesk.bookings.public-url when set, else the address the request came to (the gateway's \
            forwarded host and scheme).""")
    public Uni<RestResponse<EndpointView>> createEndpoint(@Context UriInfo uri) {
        return bookings.createEndpoint(caller.org()).map(endpoint -> RestResponse.ResponseBuilder
                .<EndpointView> created(Locations.of("/webhooks/calcom", endpoint.id))
                .entity(new EndpointView(endpoint.id.toString(), webhookUrl(uri, endpoint.id), endpoint.secret,
                        endpoint.createdAt))
                .build());
    }

    @GET
    @Path("/webhooks")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The organization's Cal.com webhook URLs (without their secrets)")
    public Uni<List<EndpointView>> endpoints(@Context UriInfo uri) {
        return bookings.endpoints(caller.org()).map(list -> list.stream()
                .map(e -> new EndpointView(e.id.toString(), webhookUrl(uri, e.id), null, e.createdAt)).toList());
    }

    /** Where Cal.com delivers to this endpoint: an absolute URL an admin pastes into Cal.com's webhook form. */
    private String webhookUrl(UriInfo uri, UUID id) {
        String base = config.publicUrl().map(url -> url.replaceAll("/+$", ""))
                .orElseGet(() -> uri.getBaseUri().toString().replaceAll("/+$", ""));
        return base + "/webhooks/calcom/" + id;
    }

    @DELETE
    @Path("/webhooks/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a Cal.com webhook URL", description = "Deliveries to it are refused from now on.")
    public Uni<RestResponse<Void>> deleteEndpoint(@PathParam("id") UUID id) {
        return bookings.disableEndpoint(caller.org(), id).replaceWith(RestResponse.noContent());
    }

    private static JoinView joinView(BookingService.Joining joining) {
        Booking b = joining.booking();
        return new JoinView(b.uid, b.title, b.startAt, b.endAt, joining.roomUrl());
    }
}

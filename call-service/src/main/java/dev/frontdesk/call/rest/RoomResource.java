package dev.frontdesk.call.rest;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.frontdesk.call.model.Room;
import dev.frontdesk.call.service.NewRoom;
import dev.frontdesk.call.service.RoomService;
import dev.frontdesk.call.service.VideoProvider;
import dev.frontdesk.platform.rest.Locations;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/rooms")
@Tag(name = "Rooms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.STAFF, Roles.CLIENT, Roles.SERVICE })
public class RoomResource {

    private final RoomService rooms;
    private final Caller caller;

    public RoomResource(RoomService rooms, Caller caller) {
        this.rooms = rooms;
        this.caller = caller;
    }

    public record Person(@NotBlank @Size(max = 128) String id, @Size(max = 200) String name) {
    }

    public record CreateRoom(
            @Pattern(regexp = "[A-Za-z0-9_-]{3,36}", message = "must be 3 to 36 letters, digits, '-' or '_'") String name,
            @Min(value = 1, message = "must be at least 1 minute") @Max(value = 10080, message = "must be at most 10080 minutes (a week)") Integer expiresInMinutes,
            @Future(message = "must be in the future") Instant expiresAt,
            @Min(value = 2, message = "must be at least 2") @Max(value = 50, message = "must be at most 50") Integer maxParticipants,
            Boolean recording,
            @Valid Person host,
            @Valid Person guest) {
    }

    public record RoomView(String id, String name, String provider, String url, String hostUrl, String guestUrl,
            int maxParticipants, boolean recording, Instant createdAt, Instant expiresAt, Instant deletedAt) {

        /** The host URL (with Daily an owner token) only for the room's creator. */
        static RoomView of(Room room, String viewer) {
            return new RoomView(room.id.toString(), room.name, room.provider, room.url,
                    room.isOwnedBy(viewer) ? room.hostUrl : null, room.guestUrl,
                    room.maxParticipants, room.recording, room.createdAt, room.expiresAt, room.deletedAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a video room", description = """
            Returns the room URL, a host URL (owner token with Daily) and a guest URL. A name is the caller's own: \
            creating the same name again returns the existing room with 200 instead of 201, and another member's or \
            service's room of that name is neither returned nor in the way. Expiry: expiresInMinutes \
            from now, or expiresAt (at most 90 days ahead, e.g. a booking's end plus a grace period).""")
    public Uni<RestResponse<RoomView>> create(@Valid @NotNull CreateRoom request) {
        if (request.expiresInMinutes() != null && request.expiresAt() != null) {
            throw new InvalidRequestException("Give expiresInMinutes or expiresAt, not both.");
        }
        NewRoom room = new NewRoom(request.name(),
                request.expiresInMinutes() == null ? null : Duration.ofMinutes(request.expiresInMinutes()),
                request.expiresAt(),
                request.maxParticipants(), Boolean.TRUE.equals(request.recording()), participant(request.host()),
                participant(request.guest()));
        return rooms.create(caller.org(), owner(), room)
                .map(result -> result.created()
                        ? RestResponse.ResponseBuilder.<RoomView> created(Locations.of("/api/rooms", result.room().name))
                                .entity(RoomView.of(result.room(), owner())).build()
                        : RestResponse.ok(RoomView.of(result.room(), owner())));
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Look up a room", description = """
            A room is visible to its creator (a user or the service that made it), by name; an admin of the organization \
            finds any of its rooms by id. To anyone else it does not exist (404). The host URL goes to the creator only.""")
    public Uni<RoomView> get(@PathParam("name") String name) {
        return rooms.find(caller.org(), name, owner(), caller.is(Roles.ADMIN))
                .map(room -> RoomView.of(room, owner()));
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a room", description = """
            Deletes it at the provider too. Deleting twice is fine. Its creator may (by name), and the organization's \
            admins (by id); to anyone else it does not exist (404).""")
    public Uni<RestResponse<Void>> delete(@PathParam("name") String name) {
        return rooms.delete(caller.org(), name, owner(), caller.is(Roles.ADMIN))
                .replaceWith(RestResponse.noContent());
    }

    /**
     * Who a room of this caller belongs to: {@code service:<name>} for a service's token, {@code user:<sub>} for a
     * user's, so that no user's subject can equal a service's owner.
     */
    private String owner() {
        return (caller.is(Roles.SERVICE) ? "service:" : "user:") + caller.subject();
    }

    private static VideoProvider.Participant participant(Person person) {
        return person == null ? null : new VideoProvider.Participant(person.id(), person.name());
    }
}

package dev.frontdesk.call.rest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/rooms")
@Tag(name = "Rooms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.STAFF, Roles.CLIENT })
public class RoomResource {

    private final RoomService rooms;
    private final Caller caller;

    public RoomResource(RoomService rooms, Caller caller) {
        this.rooms = rooms;
        this.caller = caller;
    }

    public record CreateRoom(
            @Min(value = 1, message = "must be at least 1 minute") @Max(value = 1440, message = "must be at most 1440 minutes (a day)") Integer expiresInMinutes,
            @Min(value = 2, message = "must be at least 2") @Max(value = 50, message = "must be at most 50") Integer maxParticipants,
            Boolean recording) {
    }

    public record RoomView(String name, String provider, String url, String hostUrl, String guestUrl,
            int maxParticipants, boolean recording, Instant createdAt, Instant expiresAt) {

        static RoomView of(Room room) {
            return new RoomView(room.name, room.provider, room.url, room.hostUrl, room.guestUrl, room.maxParticipants,
                    room.recording, room.createdAt, room.expiresAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a video room", description = "Returns the room URL and the host and guest URLs.")
    public Uni<RestResponse<RoomView>> create(@Valid @NotNull CreateRoom request) {
        NewRoom room = new NewRoom(
                request.expiresInMinutes() == null ? null : Duration.ofMinutes(request.expiresInMinutes()),
                request.maxParticipants(), Boolean.TRUE.equals(request.recording()));
        return rooms.create(caller.org(), caller.subject(), room)
                .map(created -> RestResponse.ResponseBuilder
                        .<RoomView> created(URI.create("/api/rooms/" + created.name))
                        .entity(RoomView.of(created)).build());
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Look up a room of the caller's organization")
    public Uni<RoomView> get(@PathParam("name") String name) {
        return rooms.find(caller.org(), name).map(RoomView::of);
    }
}

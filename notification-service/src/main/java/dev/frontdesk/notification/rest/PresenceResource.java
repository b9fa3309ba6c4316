package dev.frontdesk.notification.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.frontdesk.notification.service.Presence;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.security.Caller;
import dev.frontdesk.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/notifications/presence")
@Tag(name = "Presence")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.STAFF, Roles.SERVICE })
public class PresenceResource {

    private final Presence presence;
    private final Caller caller;

    public PresenceResource(Presence presence, Caller caller) {
        this.presence = presence;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Who of the organization is online (has a notification socket open on any replica)",
            description = "With userId (repeatable, at most 200) every asked user is listed, online or not; without, "
                    + "the online users.")
    public Uni<List<Presence.Online>> online(@QueryParam("userId") List<String> userIds) {
        if (userIds == null || userIds.isEmpty()) {
            return presence.users(caller.org());
        }
        if (userIds.size() > 200) {
            throw new InvalidRequestException("At most 200 userId values per request.");
        }
        return presence.users(caller.org(), userIds.stream().distinct().toList());
    }
}

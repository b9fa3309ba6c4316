package dev.frontdesk.call.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** Daily's REST API (INTEGRATIONS.md §2): only what rooms need. Wrapped by {@link DailyClient}. */
@RegisterRestClient(configKey = "daily")
@RegisterClientHeaders(DailyAuthorization.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface DailyApi {

    @POST
    @Path("/rooms")
    Uni<DailyModel.Room> createRoom(DailyModel.CreateRoom request);

    @GET
    @Path("/rooms/{name}")
    Uni<DailyModel.Room> getRoom(@PathParam("name") String name);

    @DELETE
    @Path("/rooms/{name}")
    Uni<DailyModel.Deleted> deleteRoom(@PathParam("name") String name);

    @POST
    @Path("/meeting-tokens")
    Uni<DailyModel.Token> createMeetingToken(DailyModel.CreateToken request);

    /** Every non-2xx answer becomes a {@link DailyException} carrying Daily's {@code error} code. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        DailyModel.Error error = null;
        try {
            if (response.hasEntity()) {
                error = response.readEntity(DailyModel.Error.class);
            }
        } catch (RuntimeException unreadable) {
            // A proxy's HTML error page: the status is all we have.
        }
        return new DailyException(response.getStatus(), error == null ? null : error.error(),
                error == null ? null : error.info(), response.getHeaderString("Retry-After"));
    }
}

package dev.frontdesk.platform.rooms;

import java.time.Instant;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** call-service's rooms API, as other services use it. Wrapped by {@link CallServiceRooms}. */
@RegisterRestClient(configKey = "call-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface CallServiceApi {

    record Person(String id, String name) {
    }

    record CreateRoom(String name, Instant expiresAt, Integer maxParticipants, Person host, Person guest) {
    }

    /** Tolerant reader: fields call-service adds later (additive changes) are ignored, whatever the service's JSON rules. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Room(String id, String name, String provider, String url, String hostUrl, String guestUrl,
            Instant expiresAt) {
    }

    @POST
    @Path("/api/rooms")
    Uni<Room> create(@HeaderParam("Authorization") String authorization, CreateRoom request);

    @DELETE
    @Path("/api/rooms/{name}")
    Uni<Void> delete(@HeaderParam("Authorization") String authorization, @PathParam("name") String name);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return new CallServiceException(response.getStatus());
    }
}

package dev.frontdesk.platform.rooms;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.frontdesk.platform.security.ServiceTokens;
import io.smallrye.mutiny.Uni;

/**
 * Rooms for bookings from call-service, as this service (a {@code service} token of the booking's org), with a
 * time limit, a couple of quick retries and a circuit breaker. The room name {@code bk-<uid>} makes a create
 * idempotent, so a retry after a lost answer gets the same room.
 */
@ApplicationScoped
public class CallServiceRooms {

    public record Person(String id, String name) {
    }

    public record Room(String name, String url, String hostUrl, String guestUrl) {
    }

    private final CallServiceApi api;
    private final ServiceTokens tokens;
    private final String service;

    public CallServiceRooms(@RestClient CallServiceApi api, ServiceTokens tokens,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.api = api;
        this.tokens = tokens;
        this.service = service;
    }

    @Timeout(value = 7, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = { CallServiceException.class,
            ProcessingException.class }, abortOn = CallServiceRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 20, delayUnit = ChronoUnit.SECONDS,
            skipOn = CallServiceRejectedException.class)
    public Uni<Room> create(String org, String name, Instant expiresAt, Person host, Person guest) {
        return api.create(bearer(org), new CallServiceApi.CreateRoom(name, expiresAt, 2,
                new CallServiceApi.Person(host.id(), host.name()), new CallServiceApi.Person(guest.id(), guest.name())))
                .onFailure(CallServiceException.class).transform(CallServiceRooms::classify)
                .map(room -> new Room(room.name(), room.url(), room.hostUrl(), room.guestUrl()));
    }

    /** Deletes the room; a room call-service does not know is already gone. */
    @Timeout(value = 7, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = { CallServiceException.class,
            ProcessingException.class }, abortOn = CallServiceRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 20, delayUnit = ChronoUnit.SECONDS,
            skipOn = CallServiceRejectedException.class)
    public Uni<Void> delete(String org, String name) {
        return api.delete(bearer(org), name)
                .onFailure(failure -> failure instanceof CallServiceException e && e.status() == 404).recoverWithNull()
                .onFailure(CallServiceException.class).transform(CallServiceRooms::classify);
    }

    private static Throwable classify(Throwable failure) {
        CallServiceException e = (CallServiceException) failure;
        return e.isTransient() ? e : new CallServiceRejectedException(e.status());
    }

    /**
     * Whether a room event's {@code roomOwner} is this service: room names are unique per owner only, so events about
     * a same-named room someone else made (a user of the org, another service) must change nothing here.
     */
    public boolean isOurs(String roomOwner) {
        return ("service:" + service).equals(roomOwner);
    }

    private String bearer(String org) {
        return "Bearer " + tokens.forCall("call-service", org);
    }
}

package dev.frontdesk.call.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.frontdesk.call.config.DailyConfig;
import io.smallrye.mutiny.Uni;

/**
 * Daily's REST API with the protections a caller needs: 429 and 5xx retried with exponential backoff and
 * jitter (honouring {@code Retry-After} when present), a time limit, and a circuit breaker per operation so that
 * an outage fails fast instead of holding every call start for seconds. 404 is a value, not a failure;
 * other 4xx are {@link DailyRejectedException} and do not open the breaker.
 */
@ApplicationScoped
public class DailyClient {

    private static final Logger LOG = Logger.getLogger(DailyClient.class);

    private final DailyApi api;
    private final DailyConfig config;

    public DailyClient(@RestClient DailyApi api, DailyConfig config) {
        this.api = api;
        this.config = config;
    }

    /**
     * Creates the room, or returns it if it already exists under that name: a create whose answer was lost (and
     * retried) finds its room with a {@code GET} instead of failing or making a second one.
     */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = DailyRejectedException.class)
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    public Uni<DailyModel.Room> createRoom(DailyModel.CreateRoom request) {
        return retrying("create room", () -> api.createRoom(request)
                .onFailure(DailyException.class).recoverWithUni(failure -> {
                    if (((DailyException) failure).isNameTaken()) {
                        LOG.debugf("Daily room %s exists already: using it", request.name());
                        return api.getRoom(request.name());
                    }
                    return Uni.createFrom().failure(failure);
                }));
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = DailyRejectedException.class)
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    public Uni<String> meetingToken(DailyModel.TokenProperties properties) {
        return retrying("create meeting token", () -> api.createMeetingToken(new DailyModel.CreateToken(properties)))
                .map(DailyModel.Token::token);
    }

    /** Deletes the room; a room Daily does not know (deleted or expired) counts as deleted. */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = DailyRejectedException.class)
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    public Uni<Void> deleteRoom(String name) {
        return retrying("delete room", () -> api.deleteRoom(name)
                .replaceWithVoid()
                .onFailure(failure -> failure instanceof DailyException daily && daily.isNotFound())
                .recoverWithNull());
    }

    private <T> Uni<T> retrying(String what, Supplier<Uni<T>> request) {
        AtomicInteger attempts = new AtomicInteger();
        return Uni.createFrom().deferred(request::get)
                .onFailure().retry().when(failures -> failures.onItem().transformToUniAndConcatenate(failure -> {
                    int attempt = attempts.incrementAndGet();
                    if (!isTransient(failure) || attempt > config.maxRetries()) {
                        return Uni.createFrom().failure(failure);
                    }
                    Duration pause = pause(failure, attempt);
                    LOG.infof("Daily %s failed (%s), attempt %d of %d in %d ms", what, failure.getMessage(), attempt,
                            config.maxRetries(), pause.toMillis());
                    return Uni.createFrom().item(attempt).onItem().delayIt().by(pause);
                }))
                .onFailure(DailyException.class).transform(failure -> ((DailyException) failure).isTransient()
                        ? failure
                        : new DailyRejectedException((DailyException) failure));
    }

    private static boolean isTransient(Throwable failure) {
        return failure instanceof DailyException daily ? daily.isTransient() : failure instanceof ProcessingException;
    }

    /** Exponential backoff with full jitter in [base/2, base], or Daily's Retry-After when it is longer. */
    private Duration pause(Throwable failure, int attempt) {
        long base = Math.min(config.retryMaxDelay().toMillis(),
                config.retryInitialDelay().toMillis() * (1L << Math.min(attempt - 1, 20)));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        Duration pause = Duration.ofMillis(jittered);
        if (failure instanceof DailyException daily && daily.retryAfter().isPresent()) {
            Duration retryAfter = daily.retryAfter().get();
            if (retryAfter.compareTo(pause) > 0) {
                pause = retryAfter.compareTo(config.retryMaxDelay()) > 0 ? config.retryMaxDelay() : retryAfter;
            }
        }
        return pause;
    }
}

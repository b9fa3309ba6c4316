package dev.frontdesk.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.notification.config.NotificationsConfig;
import dev.frontdesk.platform.jobs.Batches;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The replay window: what a reconnecting socket missed since the last frame id it saw. */
@ApplicationScoped
public class Replay {

    private final Pool pool;
    private final NotificationsConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Replay(Pool pool, NotificationsConfig config, ObjectMapper mapper, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    public record Missed(long id, String type, OffsetDateTime at, JsonNode payload, UUID deliveryId) {
    }

    /**
     * Frames of these audiences after {@code since}, oldest first, within the window; frames past their
     * {@code deliver_until} (a call no longer ringing, an invite no longer open) are left out.
     */
    public Uni<List<Missed>> since(List<String> audiences, long since) {
        return pool.preparedQuery("""
                SELECT id, type, created_at, payload::text AS payload, delivery_id FROM notification
                WHERE audience = ANY ($1) AND id > $2 AND created_at > $3 AND (deliver_until IS NULL OR deliver_until > $5)
                ORDER BY id LIMIT $4""")
                .execute(Tuple.of(audiences.toArray(String[]::new), since, windowStart(), config.replayLimit(),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .map(rows -> {
                    List<Missed> missed = new ArrayList<>();
                    for (Row row : rows) {
                        missed.add(new Missed(row.getLong("id"), row.getString("type"),
                                row.getOffsetDateTime("created_at"), json(row.getString("payload")),
                                row.getUUID("delivery_id")));
                    }
                    return missed;
                });
    }

    /**
     * Whether a frame with a {@code deliver_until} may still reach a socket: its deadline is ahead and nothing
     * closed it since it was fanned out. False once pruned.
     */
    public Uni<Boolean> deliverable(long notificationId) {
        return pool.preparedQuery("SELECT deliver_until FROM notification WHERE id = $1")
                .execute(Tuple.of(notificationId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return false;
                    }
                    OffsetDateTime until = rows.iterator().next().getOffsetDateTime("deliver_until");
                    return until == null || until.toInstant().isAfter(clock.instant());
                });
    }

    /** Drops frames older than the window, in bounded batches (safe on several replicas). */
    @Scheduled(every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return Batches.drain(() -> pool.preparedQuery("""
                DELETE FROM notification WHERE id IN (
                    SELECT id FROM notification WHERE created_at < $1 ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED)""")
                .execute(Tuple.of(windowStart())).map(rows -> rows.rowCount()), 1000, 20).replaceWithVoid();
    }

    private OffsetDateTime windowStart() {
        return OffsetDateTime.ofInstant(clock.instant().minus(config.replayWindow()), ZoneOffset.UTC);
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored notification is not JSON", e);
        }
    }
}

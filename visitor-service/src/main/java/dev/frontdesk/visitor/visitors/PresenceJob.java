package dev.frontdesk.visitor.visitors;

import static dev.frontdesk.visitor.repository.VisitorStore.instant;
import static dev.frontdesk.visitor.repository.VisitorStore.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.jobs.Batches;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.visitor.config.VisitorsConfig;
import dev.frontdesk.visitor.service.VisitorEvents;
import dev.frontdesk.visitor.widget.VisitorIds;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes presence changes: a visitor whose computed state (from last seen / last active) differs from the state
 * dashboards were last told gets it, with {@code visitor.seen|idle|left}, in one transaction. Heartbeats only write
 * timestamps, so this job is the one place that decides state; page views announce themselves at once. Replicas
 * claim rows with {@code SKIP LOCKED}, so each change is published once.
 */
@ApplicationScoped
public class PresenceJob {

    private static final Logger LOG = Logger.getLogger(PresenceJob.class);
    private static final int BATCH = 500;

    // $1 now, $2..$4 the bounds of LiveState.SQL.
    private static final String SETTLE = """
            WITH due AS (
                SELECT id, %1$s AS computed
                FROM visitor
                WHERE (state IS DISTINCT FROM 'left' OR last_seen_at >= $2) AND state IS DISTINCT FROM %1$s
                LIMIT %2$d
                FOR UPDATE SKIP LOCKED
            )
            UPDATE visitor v SET state = due.computed, state_changed_at = $1
            FROM due WHERE v.id = due.id
            RETURNING v.*""".formatted(LiveState.SQL, BATCH);

    private final Pool pool;
    private final Outbox outbox;
    private final VisitorsConfig config;
    private final Clock clock;

    public PresenceJob(Pool pool, Outbox outbox, VisitorsConfig config, Clock clock) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${frontdesk.visitors.presence-every:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "visitor-presence")
    Uni<Void> scheduled() {
        return settle().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Presence update failed, the next run retries: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Settles every visitor whose state changed; returns how many this replica published. */
    public Uni<Integer> settle() {
        return Batches.drain(this::settleBatch, BATCH, Integer.MAX_VALUE);
    }

    private Uni<Integer> settleBatch() {
        Instant now = clock.instant();
        Tuple params = Tuple.of(utc(now));
        LiveState.bounds(now, config).forEach(bound -> params.addOffsetDateTime(utc(bound)));
        // The claimed rows stay locked (a heartbeat of one of them waits) until the commit: their events go in one
        // round trip, not one each.
        return pool.withTransaction(connection -> connection.preparedQuery(SETTLE).execute(params).chain(rows -> {
            List<Outbox.Event> events = new ArrayList<>(rows.size());
            for (Row row : rows) {
                events.add(new Outbox.Event(type(row.getString("state")), VisitorIds.format(row.getUUID("id")),
                        presence(row)));
            }
            return outbox.recordAll(connection, events).replaceWith(events.size());
        }));
    }

    private static EventType type(String state) {
        return switch (state) {
            case "left" -> VisitorEvents.VISITOR_LEFT;
            case "idle" -> VisitorEvents.VISITOR_IDLE;
            default -> VisitorEvents.VISITOR_SEEN;
        };
    }

    static VisitorEvents.Presence presence(Row row) {
        return new VisitorEvents.Presence(VisitorIds.format(row.getUUID("id")), row.getString("org_id"),
                row.getUUID("site_id"), row.getString("state"), instant(row, "last_seen_at"),
                row.getString("current_url"), row.getString("current_title"), row.getInteger("visit_page_views"),
                instant(row, "visit_started_at"), row.getInteger("visits") > 1, row.getString("company"),
                row.getString("country"), row.getString("city"));
    }
}

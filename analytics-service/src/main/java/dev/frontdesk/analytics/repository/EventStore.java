package dev.frontdesk.analytics.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.analytics.service.IncomingEvent;
import dev.frontdesk.platform.input.BrowserText;
import dev.frontdesk.platform.persistence.GroupCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Widget events written with the reactive client directly, and each request answered only once its events are
 * committed. A request's several events go in one pipelined batch (one round trip, not one per event) in their own
 * transaction; single events, the widget's usual request, share commits across concurrent requests
 * ({@link GroupCommit}: one fsync for many requests under load, a plain autocommitted statement when quiet).
 */
@ApplicationScoped
public class EventStore {

    private static final String INSERT = """
            INSERT INTO widget_event (id, site_id, event_id, session_id, type, occurred_at, clamped, received_at, source,
                                      page_url, user_agent, visitor_id, call_ref, metadata)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (site_id, event_id) DO NOTHING""";

    private static final String COUNT_BOTS = """
            INSERT INTO filtered_bots (site_id, day, count) VALUES ($1, $2, $3)
            ON CONFLICT (site_id, day) DO UPDATE SET count = filtered_bots.count + excluded.count""";

    private final Pool pool;
    private final GroupCommit singleEvents;

    public EventStore(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        // Two transactions inserting the same event ids take their unique-index locks in one order: (site, event id).
        this.singleEvents = new GroupCommit(pool, registry, "widget_event", INSERT,
                Comparator.comparing((Tuple row) -> row.getUUID(1)).thenComparing(row -> row.getString(2)));
    }

    /**
     * Stores the events; returns how many were new (the rest were duplicates by event id). The user agent is kept
     * as browsers send it, cleaned and cut to {@value BrowserText#USER_AGENT} characters.
     */
    public Uni<Integer> store(UUID siteId, List<IncomingEvent> events, String source, String userAgent, Instant now) {
        String agent = BrowserText.userAgent(userAgent);
        List<Tuple> rows = new ArrayList<>(events.size());
        OffsetDateTime received = now.atOffset(ZoneOffset.UTC);
        for (IncomingEvent e : events) {
            rows.add(Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(siteId)
                    .addString(e.eventId() == null ? "auto:" + UUID.randomUUID() : e.eventId())
                    .addString(e.sessionId()).addString(e.type())
                    .addOffsetDateTime(e.occurredAt().atOffset(ZoneOffset.UTC)).addBoolean(e.clamped())
                    .addOffsetDateTime(received).addString(source).addString(e.pageUrl()).addString(agent)
                    .addString(e.visitorId()).addString(e.callRef())
                    .addValue(e.metadata() == null ? null : new JsonObject(e.metadata())));
        }
        // Replayed after a failed shared commit, an event inserts nothing twice: its event id is chosen above.
        if (rows.size() == 1) {
            return singleEvents.execute(rows.get(0)).map(RowSet::rowCount);
        }
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(rows))
                .map(EventStore::affected);
    }

    public Uni<Void> countBots(UUID siteId, LocalDate day, int count) {
        return pool.preparedQuery(COUNT_BOTS).execute(Tuple.of(siteId, day, (long) count)).replaceWithVoid();
    }

    /** Rows inserted by {@code result} and the results chained after it (one per row of a batch). */
    private static int affected(RowSet<?> result) {
        int total = 0;
        for (RowSet<?> rows = result; rows != null; rows = rows.next()) {
            total += rows.rowCount();
        }
        return total;
    }
}

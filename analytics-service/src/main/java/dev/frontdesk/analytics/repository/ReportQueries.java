package dev.frontdesk.analytics.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The completion job's statement and the billing and summary queries, on the reactive client. */
@ApplicationScoped
public class ReportQueries {

    // One statement, safe to run on several replicas at once and again: an inferred end has the event id
    // inferred:<call_start id>, which the unique (site_id, event_id) lets in once.
    private static final String INFER_ENDS = """
            INSERT INTO widget_event (id, site_id, event_id, session_id, type, occurred_at, clamped, received_at, source,
                                      page_url, user_agent, visitor_id, call_ref)
            SELECT gen_random_uuid(), s.site_id, 'inferred:' || s.id, s.session_id, 'call_end',
                   s.occurred_at + make_interval(secs => $2), false, $3, 'inferred', s.page_url, NULL, s.visitor_id, s.call_ref
            FROM widget_event s
            WHERE s.type = 'call_start' AND s.occurred_at <= $1
              AND NOT EXISTS (SELECT 1 FROM widget_event e
                              WHERE e.site_id = s.site_id AND e.session_id = s.session_id
                                AND e.type IN ('call_end', 'call_error') AND e.occurred_at >= s.occurred_at)
              AND NOT (s.call_ref IS NOT NULL
                       AND EXISTS (SELECT 1 FROM server_call_end t WHERE t.call_ref = s.call_ref))
            ON CONFLICT (site_id, event_id) DO NOTHING""";

    private static final String SESSIONS = """
            SELECT s.session_id, s.occurred_at, srv.duration_seconds, srv.ended_at, e.occurred_at, e.source
            FROM widget_event s
            LEFT JOIN LATERAL (SELECT t.duration_seconds, t.ended_at FROM server_call_end t
                               WHERE s.call_ref IS NOT NULL AND t.call_ref = s.call_ref
                               ORDER BY (t.source_event = 'room.ended') DESC LIMIT 1) srv ON true
            LEFT JOIN LATERAL (SELECT e.occurred_at, e.source FROM widget_event e
                               WHERE e.site_id = s.site_id AND e.session_id = s.session_id
                                 AND e.type IN ('call_end', 'call_error') AND e.occurred_at >= s.occurred_at
                               ORDER BY e.occurred_at LIMIT 1) e ON true
            WHERE s.site_id = $1 AND s.type = 'call_start' AND s.occurred_at >= $2 AND s.occurred_at < $3
            ORDER BY s.occurred_at, s.session_id""";

    private static final String DAYS = """
            SELECT d.day, coalesce(c.loads, 0), coalesce(c.opens, 0), coalesce(c.started, 0), coalesce(c.completed, 0),
                   coalesce(c.errors, 0), coalesce(b.count, 0)
            FROM (SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date AS day FROM widget_event
                  WHERE site_id = $1 AND occurred_at >= $2 AND occurred_at < $3
                  UNION SELECT day FROM filtered_bots WHERE site_id = $1 AND day >= $4 AND day <= $5) d
            LEFT JOIN (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day,
                              count(*) FILTER (WHERE type = 'widget_load') AS loads,
                              count(*) FILTER (WHERE type = 'widget_open') AS opens,
                              count(*) FILTER (WHERE type = 'call_start') AS started,
                              count(*) FILTER (WHERE type = 'call_end' AND source <> 'inferred') AS completed,
                              count(*) FILTER (WHERE type = 'call_error') AS errors
                       FROM widget_event WHERE site_id = $1 AND occurred_at >= $2 AND occurred_at < $3
                       GROUP BY 1) c ON c.day = d.day
            LEFT JOIN filtered_bots b ON b.site_id = $1 AND b.day = d.day
            ORDER BY d.day""";

    public record SessionRow(String sessionId, Instant start, Long serverSeconds, Instant serverEnd, Instant end,
            String endSource) {
    }

    public record DayRow(LocalDate day, long loads, long opens, long callsStarted, long callsCompleted, long errors,
            long filteredBots) {
    }

    private final Pool pool;

    public ReportQueries(Pool pool) {
        this.pool = pool;
    }

    /** Inferred ends for call_starts at or before {@code startedBefore}; returns how many were written. */
    public Uni<Integer> inferEnds(Instant startedBefore, long afterSeconds, Instant now) {
        return pool.preparedQuery(INFER_ENDS)
                .execute(Tuple.of(utc(startedBefore), (double) afterSeconds, utc(now)))
                .map(rows -> rows.rowCount());
    }

    public Uni<List<SessionRow>> sessions(UUID siteId, Instant from, Instant to) {
        return pool.preparedQuery(SESSIONS).execute(Tuple.of(siteId, utc(from), utc(to))).map(rows -> {
            List<SessionRow> sessions = new ArrayList<>();
            for (Row row : rows) {
                sessions.add(new SessionRow(row.getString(0), instant(row.getOffsetDateTime(1)), row.getLong(2),
                        instant(row.getOffsetDateTime(3)), instant(row.getOffsetDateTime(4)), row.getString(5)));
            }
            return sessions;
        });
    }

    public Uni<List<DayRow>> days(UUID siteId, Instant from, Instant to) {
        Tuple params = Tuple.tuple().addUUID(siteId).addOffsetDateTime(utc(from)).addOffsetDateTime(utc(to))
                .addLocalDate(utc(from).toLocalDate()).addLocalDate(utc(to).toLocalDate());
        return pool.preparedQuery(DAYS).execute(params).map(rows -> {
            List<DayRow> days = new ArrayList<>();
            for (Row row : rows) {
                days.add(new DayRow(row.getLocalDate(0), row.getLong(1), row.getLong(2), row.getLong(3),
                        row.getLong(4), row.getLong(5), row.getLong(6)));
            }
            return days;
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

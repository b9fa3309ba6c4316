package dev.frontdesk.visitor.visitors;

import static dev.frontdesk.visitor.repository.VisitorStore.instant;
import static dev.frontdesk.visitor.repository.VisitorStore.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.rest.Page;
import dev.frontdesk.visitor.config.VisitorsConfig;
import dev.frontdesk.visitor.widget.VisitorIds;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Staff's reads of visitors, always within one organization. Presence is computed from the timestamps. */
@ApplicationScoped
public class VisitorQueries {

    // $1 org, $2..$4 the bounds of LiveState.SQL.
    private static final String SELECT = """
            SELECT v.*, %s AS live_state, c.external_id AS contact_external_id, c.name AS contact_name,
                   c.email AS contact_email, i.id AS invite_id, i.status AS invite_status, i.invited_at AS invite_at,
                   count(*) OVER () AS total
            FROM visitor v
            LEFT JOIN contact c ON c.id = v.contact_id
            LEFT JOIN LATERAL (SELECT id, status, invited_at FROM invite WHERE visitor_id = v.id
                               ORDER BY invited_at DESC LIMIT 1) i ON true
            WHERE v.org_id = $1""".formatted(LiveState.SQL);

    private static final String TIMELINE = """
            WITH mine AS (
                SELECT v.id FROM visitor v
                WHERE v.org_id = $1 AND (v.id = $2 OR v.contact_id = (SELECT contact_id FROM visitor WHERE id = $2 AND org_id = $1))
            )
            SELECT p.visitor_id, p.url, p.title, p.referrer, p.viewed_at, p.left_at,
                   coalesce(p.left_at, lead(p.viewed_at) OVER (PARTITION BY p.visitor_id ORDER BY p.viewed_at)) AS until,
                   count(*) OVER () AS total
            FROM page_view p JOIN mine ON mine.id = p.visitor_id
            ORDER BY p.viewed_at DESC
            LIMIT $3 OFFSET $4""";

    private static final String STATS = """
            WITH visits AS (
                SELECT vi.visitor_id, vi.started_at,
                       lag(vi.started_at) OVER (PARTITION BY vi.visitor_id ORDER BY vi.started_at) AS previous
                FROM visit vi JOIN visitor v ON v.id = vi.visitor_id
                WHERE v.org_id = $1 AND vi.started_at < $3 AND ($4::uuid IS NULL OR v.site_id = $4::uuid)
            )
            SELECT count(DISTINCT visitor_id) AS unique_visitors,
                   count(DISTINCT visitor_id) FILTER (WHERE previous IS NOT NULL) AS returning_visitors,
                   count(*) AS visits,
                   avg(extract(epoch FROM started_at - previous)) FILTER (WHERE previous IS NOT NULL) AS mean_gap
            FROM visits WHERE started_at >= $2""";

    private final Pool pool;
    private final VisitorsConfig config;
    private final Clock clock;

    public VisitorQueries(Pool pool, VisitorsConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    public record Filter(LiveState state, UUID siteId, String company, String url, String search) {
    }

    public Uni<Page<VisitorViews.Visitor>> list(String org, Filter filter, int page, int size) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = statePrefix(org);
        if (filter.state() != null) {
            sql.append(filter.state() == LiveState.LIVE ? " AND v.last_seen_at >= $2"
                    : " AND " + LiveState.SQL + " = '" + filter.state().name().toLowerCase(Locale.ROOT) + "'");
        }
        if (filter.siteId() != null) {
            params.add(filter.siteId());
            sql.append(" AND v.site_id = $").append(params.size());
        }
        if (filter.company() != null && !filter.company().isBlank()) {
            params.add(Page.likePattern(filter.company()));
            sql.append(" AND lower(v.company) LIKE $").append(params.size());
        }
        if (filter.url() != null && !filter.url().isBlank()) {
            params.add(Page.likePattern(filter.url()));
            sql.append(" AND lower(v.current_url) LIKE $").append(params.size());
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            params.add(Page.likePattern(filter.search()));
            int n = params.size();
            sql.append(" AND (lower(v.company) LIKE $%d OR lower(c.name) LIKE $%d OR lower(c.email) LIKE $%d OR lower(c.external_id) LIKE $%d)"
                    .formatted(n, n, n, n));
        }
        params.add(size);
        params.add(page * size);
        sql.append(" ORDER BY v.last_seen_at DESC, v.id LIMIT $").append(params.size() - 1).append(" OFFSET $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<VisitorViews.Visitor> items = new ArrayList<>();
            long total = 0;
            for (Row row : rows) {
                items.add(visitor(row));
                total = row.getLong("total");
            }
            return new Page<>(items, page, size, total);
        });
    }

    /** One visitor of the organization, or null. */
    public Uni<VisitorViews.Visitor> find(String org, UUID id) {
        List<Object> params = statePrefix(org);
        params.add(id);
        return pool.preparedQuery(SELECT + " AND v.id = $5").execute(Tuple.from(params))
                .map(rows -> rows.size() == 0 ? null : visitor(rows.iterator().next()));
    }

    public Uni<Page<VisitorViews.PageView>> timeline(String org, UUID id, int page, int size) {
        return pool.preparedQuery(TIMELINE).execute(Tuple.of(org, id, size, page * size)).map(rows -> {
            List<VisitorViews.PageView> items = new ArrayList<>();
            long total = 0;
            for (Row row : rows) {
                Instant viewed = instant(row, "viewed_at");
                Instant until = instant(row, "until");
                items.add(new VisitorViews.PageView(VisitorIds.format(row.getUUID("visitor_id")), row.getString("url"),
                        row.getString("title"), row.getString("referrer"), viewed, instant(row, "left_at"),
                        until == null ? null : Math.max(0, until.getEpochSecond() - viewed.getEpochSecond())));
                total = row.getLong("total");
            }
            return new Page<>(items, page, size, total);
        });
    }

    public Uni<VisitorViews.Stats> stats(String org, UUID siteId, Instant from, Instant to) {
        return pool.preparedQuery(STATS).execute(Tuple.of(org, utc(from), utc(to), siteId)).map(RowSet::iterator)
                .map(rows -> {
                    Row row = rows.next();
                    long unique = row.getLong("unique_visitors");
                    long returning = row.getLong("returning_visitors");
                    Object gap = row.getValue("mean_gap");
                    return new VisitorViews.Stats(from, to, unique, unique - returning, returning,
                            unique == 0 ? 0 : (double) returning / unique, row.getLong("visits"),
                            gap == null ? null : ((Number) gap).doubleValue());
                });
    }

    private List<Object> statePrefix(String org) {
        List<Object> params = new ArrayList<>();
        params.add(org);
        LiveState.bounds(clock.instant(), config).forEach(bound -> params.add(utc(bound)));
        return params;
    }

    private static VisitorViews.Visitor visitor(Row row) {
        UUID contactId = row.getUUID("contact_id");
        UUID inviteId = row.getUUID("invite_id");
        int visits = row.getInteger("visits");
        return new VisitorViews.Visitor(VisitorIds.format(row.getUUID("id")), row.getUUID("site_id"),
                row.getString("live_state"), row.getString("current_url"), row.getString("current_title"),
                row.getInteger("visit_page_views"), row.getLong("page_views"), visits, visits > 1,
                instant(row, "first_seen_at"), instant(row, "last_seen_at"), instant(row, "visit_started_at"),
                row.getLong("visit_visible_ms") / 1000, row.getLong("visible_ms") / 1000, row.getString("referrer"),
                row.getString("user_agent"), row.getString("timezone"), row.getString("locale"),
                row.getString("country"), row.getString("city"), row.getString("company"), row.getString("website"),
                contactId == null ? null : new VisitorViews.Contact(contactId, row.getString("contact_external_id"),
                        row.getString("contact_name"), row.getString("contact_email")),
                inviteId == null ? null : new VisitorViews.LatestInvite(inviteId, row.getString("invite_status"),
                        instant(row, "invite_at")));
    }
}

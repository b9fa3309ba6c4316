package dev.frontdesk.visitor.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.persistence.GroupCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The visitor write path, on the reactive SQL client: a tracking call is one upsert statement (no read before the
 * write), which also records the start of a new visit. A heartbeat is that statement alone: in autocommit when the
 * service is quiet, sharing one commit with other requests' heartbeats when it is busy ({@link GroupCommit}).
 */
@ApplicationScoped
public class VisitorStore {

    /** One tracking call's effect on a visitor. */
    public record Hit(UUID id, UUID siteId, String orgId, Instant at, int pageViews, boolean visible,
            boolean activity, String state, String url, String title, String referrer, String userAgent,
            String timezone, String locale, String company, String website, String country, String city) {
    }

    /** The visitor after a tracking call. */
    public record Tracked(UUID id, UUID siteId, String orgId, Instant lastSeenAt, Instant visitStartedAt, int visits,
            int visitPageViews, String currentUrl, String currentTitle, String company, String country, String city) {
    }

    // $4 is the request's time, $17 whether it counts as activity (page view, visible heartbeat), $18 the state to
    // publish (page views set 'active'; heartbeats leave it to the presence job), $19 the start of the visit gap
    // (seen before it = a new visit), $20 the cap of one credited visible interval in ms.
    // Visible time is credited for the interval since the previous request when the page was visible during it
    // (the previous request said so); the widget reports visibility changes as they happen.
    private static final String UPSERT = """
            WITH upsert AS (
                INSERT INTO visitor AS v (id, site_id, org_id, first_seen_at, last_seen_at, last_active_at, visit_started_at,
                        visits, page_views, visit_page_views, visible_ms, visit_visible_ms, visible, current_url, current_title,
                        referrer, user_agent, timezone, locale, company, website, country, city, state, state_changed_at)
                VALUES ($1::uuid, $2::uuid, $3::text, $4::timestamptz, $4::timestamptz, $4::timestamptz, $4::timestamptz,
                        1, $5::int, $5::int, 0, 0, $6::boolean, $7::text, $8::text, $9::text, $10::text, $11::text,
                        $12::text, $13::text, $14::text, $15::text, $16::text, $18::text,
                        CASE WHEN $18::text IS NULL THEN NULL ELSE $4::timestamptz END)
                ON CONFLICT (id) DO UPDATE SET
                    last_seen_at = greatest(v.last_seen_at, $4::timestamptz),
                    last_active_at = CASE WHEN $17::boolean THEN greatest(v.last_active_at, $4::timestamptz) ELSE v.last_active_at END,
                    visit_started_at = CASE WHEN v.last_seen_at < $19::timestamptz THEN $4::timestamptz ELSE v.visit_started_at END,
                    visits = v.visits + CASE WHEN v.last_seen_at < $19::timestamptz THEN 1 ELSE 0 END,
                    page_views = v.page_views + $5::int,
                    visit_page_views = CASE WHEN v.last_seen_at < $19::timestamptz THEN $5::int ELSE v.visit_page_views + $5::int END,
                    visible_ms = v.visible_ms + CASE WHEN v.visible AND v.last_seen_at >= $19::timestamptz
                        THEN least(greatest((extract(epoch FROM $4::timestamptz - v.last_seen_at) * 1000)::bigint, 0), $20::bigint)
                        ELSE 0 END,
                    visit_visible_ms = CASE WHEN v.last_seen_at < $19::timestamptz THEN 0
                        ELSE v.visit_visible_ms + CASE WHEN v.visible
                            THEN least(greatest((extract(epoch FROM $4::timestamptz - v.last_seen_at) * 1000)::bigint, 0), $20::bigint)
                            ELSE 0 END END,
                    visible = $6::boolean,
                    current_url = coalesce($7::text, v.current_url),
                    current_title = CASE WHEN $7::text IS NULL THEN v.current_title ELSE $8::text END,
                    referrer = CASE WHEN v.last_seen_at < $19::timestamptz THEN coalesce($9::text, v.referrer) ELSE coalesce(v.referrer, $9::text) END,
                    user_agent = coalesce($10::text, v.user_agent),
                    timezone = coalesce($11::text, v.timezone),
                    locale = coalesce($12::text, v.locale),
                    company = coalesce($13::text, v.company),
                    website = coalesce($14::text, v.website),
                    country = coalesce($15::text, v.country),
                    city = coalesce($16::text, v.city),
                    state = coalesce($18::text, v.state),
                    state_changed_at = CASE WHEN $18::text IS NOT NULL AND v.state IS DISTINCT FROM $18::text
                        THEN $4::timestamptz ELSE v.state_changed_at END
                WHERE v.site_id = $2::uuid
                RETURNING v.id, v.site_id, v.org_id, v.last_seen_at, v.visit_started_at, v.visits, v.visit_page_views,
                          v.current_url, v.current_title, v.company, v.country, v.city
            ), new_visit AS (
                INSERT INTO visit (visitor_id, started_at)
                SELECT id, visit_started_at FROM upsert WHERE visit_started_at = $4::timestamptz
                ON CONFLICT DO NOTHING
            )
            SELECT * FROM upsert""";

    private static final String PAGE_VIEW = """
            INSERT INTO page_view (visitor_id, url, title, referrer, viewed_at) VALUES ($1, $2, $3, $4, $5)""";

    private static final String PAGE_LEAVE = """
            UPDATE page_view SET left_at = $2
            WHERE id = (SELECT id FROM page_view WHERE visitor_id = $1 AND left_at IS NULL ORDER BY viewed_at DESC LIMIT 1)""";

    private final Pool pool;
    private final GroupCommit heartbeats;

    public VisitorStore(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        // Rows are locked in visitor id order ($1), so two shared commits never wait on each other in a cycle.
        this.heartbeats = new GroupCommit(pool, registry, "visitor_heartbeat", UPSERT,
                Comparator.comparing((Tuple row) -> row.getUUID(0)));
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Applies a tracking call to its visitor (created if new). Empty (null) when the id belongs to a visitor of
     * another site: that visitor is left untouched.
     *
     * @param visitGapStart a visitor last seen before this starts a new visit
     * @param capMillis the most visible time credited for one interval
     */
    public Uni<Tracked> upsert(SqlClient client, Hit hit, Instant visitGapStart, long capMillis) {
        return client.preparedQuery(UPSERT).execute(params(hit, visitGapStart, capMillis)).map(VisitorStore::tracked);
    }

    /**
     * The same upsert for a tracking call that writes nothing else (a heartbeat), committed with other requests'
     * under load; the answer waits for that commit.
     */
    public Uni<Tracked> heartbeat(Hit hit, Instant visitGapStart, long capMillis) {
        return heartbeats.execute(params(hit, visitGapStart, capMillis)).map(VisitorStore::tracked);
    }

    private static Tuple params(Hit hit, Instant visitGapStart, long capMillis) {
        return Tuple.tuple()
                .addUUID(hit.id()).addUUID(hit.siteId()).addString(hit.orgId()).addOffsetDateTime(utc(hit.at()))
                .addInteger(hit.pageViews()).addBoolean(hit.visible()).addString(hit.url()).addString(hit.title())
                .addString(hit.referrer()).addString(hit.userAgent()).addString(hit.timezone()).addString(hit.locale())
                .addString(hit.company()).addString(hit.website()).addString(hit.country()).addString(hit.city())
                .addBoolean(hit.activity()).addString(hit.state()).addOffsetDateTime(utc(visitGapStart))
                .addLong(capMillis);
    }

    public Uni<Void> recordPageView(SqlClient client, UUID visitorId, String url, String title, String referrer, Instant at) {
        return client.preparedQuery(PAGE_VIEW).execute(Tuple.of(visitorId, url, title, referrer, utc(at))).replaceWithVoid();
    }

    public Uni<Void> recordPageLeave(SqlClient client, UUID visitorId, Instant at) {
        return client.preparedQuery(PAGE_LEAVE).execute(Tuple.of(visitorId, utc(at))).replaceWithVoid();
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** The visitor the upsert returned (this statement's rows only), or null. */
    private static Tracked tracked(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        return new Tracked(row.getUUID("id"), row.getUUID("site_id"), row.getString("org_id"),
                instant(row, "last_seen_at"), instant(row, "visit_started_at"), row.getInteger("visits"),
                row.getInteger("visit_page_views"), row.getString("current_url"), row.getString("current_title"),
                row.getString("company"), row.getString("country"), row.getString("city"));
    }
}

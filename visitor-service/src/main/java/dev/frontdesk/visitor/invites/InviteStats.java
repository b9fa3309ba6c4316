package dev.frontdesk.visitor.invites;

import static dev.frontdesk.visitor.repository.VisitorStore.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Invite analytics of an organization for a period (by the time invites were sent). */
@ApplicationScoped
public class InviteStats {

    /**
     * {@code accepted} counts invites that were accepted (completed ones included); {@code acceptanceRate} is
     * accepted / (accepted + declined + expired), the invites the visitor decided or let run out: those staff
     * withdrew (cancelled, or replaced by a resend) and those still pending are not counted, and no decision is 0;
     * {@code sessionsByStatus} counts sessions (an invite and its resends) by the status of their latest invite.
     */
    public record Counts(long total, long accepted, long declined, long expired, long cancelled, long completed,
            long pending, double acceptanceRate, Double medianSecondsToAccept) {
    }

    public record Report(Instant from, Instant to, Counts period, Map<String, Long> sessionsByStatus, Counts last24h,
            long pendingNow) {
    }

    private static final String COUNTS = """
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE accepted_at IS NOT NULL) AS accepted,
                   count(*) FILTER (WHERE status = 'declined') AS declined,
                   count(*) FILTER (WHERE status = 'expired') AS expired,
                   count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
                   count(*) FILTER (WHERE status = 'completed') AS completed,
                   count(*) FILTER (WHERE status = 'invited') AS pending,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - invited_at))
                       FILTER (WHERE accepted_at IS NOT NULL) AS median_to_accept
            FROM invite WHERE org_id = $1 AND invited_at >= $2 AND invited_at < $3 AND ($4::uuid IS NULL OR site_id = $4::uuid)""";

    private static final String SESSIONS = """
            SELECT status, count(*) AS sessions FROM (
                SELECT DISTINCT ON (session_id) status FROM invite
                WHERE org_id = $1 AND invited_at >= $2 AND invited_at < $3 AND ($4::uuid IS NULL OR site_id = $4::uuid)
                ORDER BY session_id, invited_at DESC
            ) latest GROUP BY status""";

    private static final String PENDING = """
            SELECT count(*) AS pending FROM invite
            WHERE org_id = $1 AND status = 'invited' AND expires_at > $2 AND ($3::uuid IS NULL OR site_id = $3::uuid)""";

    private final Pool pool;
    private final Clock clock;

    public InviteStats(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Report> report(String org, UUID siteId, Instant from, Instant to) {
        Instant now = clock.instant();
        Uni<Counts> period = counts(org, siteId, from, to);
        Uni<Counts> last24h = counts(org, siteId, now.minus(Duration.ofHours(24)), now.plusMillis(1));
        Uni<Map<String, Long>> sessions = pool.preparedQuery(SESSIONS).execute(Tuple.of(org, utc(from), utc(to), siteId))
                .map(rows -> {
                    Map<String, Long> byStatus = new TreeMap<>();
                    rows.forEach(row -> byStatus.put(row.getString("status"), row.getLong("sessions")));
                    return byStatus;
                });
        Uni<Long> pending = pool.preparedQuery(PENDING).execute(Tuple.of(org, utc(now), siteId))
                .map(rows -> rows.iterator().next().getLong("pending"));
        return Uni.combine().all().unis(period, sessions, last24h, pending)
                .with((p, s, l, n) -> new Report(from, to, p, s, l, n));
    }

    private Uni<Counts> counts(String org, UUID siteId, Instant from, Instant to) {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(org, utc(from), utc(to), siteId)).map(rows -> {
            Row row = rows.iterator().next();
            long total = row.getLong("total");
            long accepted = row.getLong("accepted");
            long pending = row.getLong("pending");
            Object median = row.getValue("median_to_accept");
            long decided = accepted + row.getLong("declined") + row.getLong("expired");
            return new Counts(total, accepted, row.getLong("declined"), row.getLong("expired"),
                    row.getLong("cancelled"), row.getLong("completed"), pending,
                    decided == 0 ? 0 : (double) accepted / decided,
                    median == null ? null : ((Number) median).doubleValue());
        });
    }
}

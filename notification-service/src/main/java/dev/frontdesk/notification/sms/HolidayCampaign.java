package dev.frontdesk.notification.sms;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.problem.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The "Holiday Message" campaign: one SMS to every member of the organization with a known phone number (their
 * latest booking fills the placeholders). A campaign key makes it idempotent: triggering the same campaign again
 * queues nothing for numbers that already have it.
 */
@ApplicationScoped
public class HolidayCampaign {

    private static final String QUEUE = """
            WITH members AS (
                SELECT DISTINCT ON (member_phone) member_phone, uid FROM booking
                WHERE org = $1 AND member_phone IS NOT NULL AND status <> 'cancelled'
                ORDER BY member_phone, booked_at DESC
            ), queued AS (
                INSERT INTO delivery (id, org, channel, recipient, kind, type, subject_id, status, attempts, due_at,
                                      dedupe_key, created_at, updated_at)
                SELECT gen_random_uuid(), $1, 'sms', m.member_phone, 'campaign', 'holiday-message', m.uid, 'pending', 0,
                       $3, 'holiday:' || $1 || ':' || $2 || ':' || m.member_phone, $3, $3
                FROM members m WHERE NOT EXISTS (SELECT 1 FROM sms_opt_out o WHERE o.phone = m.member_phone)
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM queued) AS queued,
                   (SELECT count(*) FROM members m WHERE EXISTS (SELECT 1 FROM sms_opt_out o WHERE o.phone = m.member_phone)) AS opted_out,
                   (SELECT count(*) FROM members) AS members""";

    private final Pool pool;
    private final Clock clock;

    public HolidayCampaign(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public record Result(String campaign, long members, long queued, long optedOut) {
    }

    public Uni<Result> start(String org, String campaign) {
        if (campaign == null || !campaign.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidRequestException("campaign must be 1-64 letters, digits, '.', '_' or '-'.");
        }
        return pool.preparedQuery(QUEUE)
                .execute(Tuple.of(org, campaign, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new Result(campaign, row.getLong("members"), row.getLong("queued"), row.getLong("opted_out"));
                });
    }
}

package dev.frontdesk.call.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.frontdesk.call.model.Call;
import dev.frontdesk.call.model.CallStatus;
import dev.frontdesk.platform.rest.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CallRepository implements PanacheRepositoryBase<Call, UUID> {

    // SKIP LOCKED: replicas sweeping at the same moment each take different calls instead of queueing.
    private static final String OVERDUE = """
            SELECT * FROM call
            WHERE status IN ('INITIATED', 'RINGING') AND ring_deadline <= :now
            ORDER BY ring_deadline
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""";

    private static final String TAKE_LINE = """
            INSERT INTO call_line (org_id, user_id, call_id) VALUES (:org, :user, :call) ON CONFLICT DO NOTHING""";

    private static final String RELEASE_LINES = "DELETE FROM call_line WHERE call_id = :call";

    private static final String RECORD_TRANSITION = """
            INSERT INTO call_transition (call_id, from_status, to_status, actor, at)
            VALUES (:call, :from, :to, :actor, :at)""";

    private static final String LINE_OF = "SELECT count(*) FROM call_line WHERE org_id = :org AND user_id = :user";

    /** The call, locked until the end of the transaction: concurrent changes of one call happen one after another. */
    public Uni<Call> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The call whose room this is (by the room's id: names are unique per owner only). */
    public Uni<Call> lockByRoom(UUID roomId) {
        return find("roomId", roomId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Call>> lockOverdue(Instant now, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(OVERDUE, Call.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Puts the user on the call's line; false if they are on another call already. */
    public Uni<Boolean> takeLine(String orgId, String userId, UUID callId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(TAKE_LINE)
                .setParameter("org", orgId)
                .setParameter("user", userId)
                .setParameter("call", callId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    public Uni<Boolean> onALine(String orgId, String userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LINE_OF, Long.class)
                .setParameter("org", orgId)
                .setParameter("user", userId)
                .getSingleResult())
                .map(count -> count > 0);
    }

    public Uni<Void> releaseLines(UUID callId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RELEASE_LINES)
                .setParameter("call", callId)
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> recordTransition(UUID callId, CallStatus from, CallStatus to, String actor, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD_TRANSITION)
                .setParameter("call", callId)
                .setParameter("from", from.name())
                .setParameter("to", to.name())
                .setParameter("actor", actor)
                .setParameter("at", at)
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Calls of an organization, newest first: all of them ({@code userId} null, for admins) or those where the user
     * is caller or callee.
     */
    public Uni<Page<Call>> history(String orgId, String userId, CallStatus status, Instant from, Instant to, int page,
            int size) {
        StringBuilder where = new StringBuilder("orgId = ?1");
        List<Object> params = new ArrayList<>(List.of(orgId));
        if (userId != null) {
            params.add(userId);
            where.append(" and (callerId = ?2 or calleeId = ?2)");
        }
        if (status != null) {
            params.add(status);
            where.append(" and status = ?").append(params.size());
        }
        if (from != null) {
            params.add(from);
            where.append(" and createdAt >= ?").append(params.size());
        }
        if (to != null) {
            params.add(to);
            where.append(" and createdAt < ?").append(params.size());
        }
        PanacheQuery<Call> query = find(where.toString(), Sort.descending("createdAt").and("id"), params.toArray())
                .page(page, size);
        return query.list().chain(items -> query.count().map(total -> new Page<>(items, page, size, total)));
    }

    private static final String STAFF_STATS = """
            SELECT u.user_id, u.name, u.avatar_url,
                   count(c.id),
                   count(c.answered_at),
                   count(c.id) FILTER (WHERE c.status = 'MISSED'),
                   count(c.id) FILTER (WHERE c.status = 'DECLINED'),
                   count(c.id) FILTER (WHERE c.status = 'CANCELLED'),
                   avg(c.duration_seconds)
            FROM directory_user u
            LEFT JOIN call c ON c.org_id = u.org_id AND (c.caller_id = u.user_id OR c.callee_id = u.user_id)
                             AND c.created_at >= :from AND c.created_at < :to
            WHERE u.org_id = :org AND u.role = 'staff' %s
            GROUP BY u.user_id, u.name, u.avatar_url
            ORDER BY u.name, u.user_id""";

    public record StaffStats(String userId, String name, String avatarUrl, long total, long answered, long missed,
            long declined, long cancelled, Double averageDurationSeconds) {
    }

    /** Per staff member of the organization (or just {@code userId}), their calls in [from, to) either way. */
    public Uni<List<StaffStats>> staffStats(String orgId, String userId, Instant from, Instant to) {
        String sql = STAFF_STATS.formatted(userId == null ? "" : "AND u.user_id = :user");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class)
                    .setParameter("org", orgId)
                    .setParameter("from", from)
                    .setParameter("to", to);
            if (userId != null) {
                query.setParameter("user", userId);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new StaffStats((String) row[0], (String) row[1], (String) row[2],
                ((Number) row[3]).longValue(), ((Number) row[4]).longValue(), ((Number) row[5]).longValue(),
                ((Number) row[6]).longValue(), ((Number) row[7]).longValue(),
                row[8] == null ? null : ((Number) row[8]).doubleValue())).toList());
    }
}

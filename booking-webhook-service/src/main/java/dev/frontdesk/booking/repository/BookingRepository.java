package dev.frontdesk.booking.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.frontdesk.booking.model.Booking;
import dev.frontdesk.booking.model.BookingStatus;
import dev.frontdesk.platform.rest.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BookingRepository implements PanacheRepositoryBase<Booking, UUID> {

    // A row for the uid if there is none, with a status older than any webhook, so whichever delivery comes first
    // (a cancel can overtake its create) finds a row to lock and sets the status.
    private static final String ENSURE = """
            INSERT INTO booking (id, org_id, uid, status, status_at, room_status, created_at, updated_at)
            VALUES (:id, :org, :uid, 'PENDING', 'epoch', 'NOT_CREATED', :now, :now)
            ON CONFLICT (org_id, uid) DO NOTHING""";

    // Leases the due bookings: a replica that dies mid-way leaves them to be retried when the lease runs out.
    private static final String CLAIM_ROOM_WORK = """
            UPDATE booking SET room_next_attempt = :leaseUntil
            WHERE id IN (SELECT id FROM booking WHERE room_next_attempt <= :now
                         ORDER BY room_next_attempt LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING id""";

    private static final String HISTORY = """
            INSERT INTO booking_history (booking_id, at, what, detail) VALUES (:booking, :at, :what, :detail)""";

    private static final String HISTORY_OF = """
            SELECT at, what, detail FROM booking_history WHERE booking_id = :booking ORDER BY id""";

    /** The booking of that uid, locked until the end of the transaction; created empty if it did not exist. */
    public Uni<Booking> lockOrCreate(String orgId, String uid, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ENSURE)
                .setParameter("id", UUID.randomUUID())
                .setParameter("org", orgId)
                .setParameter("uid", uid)
                .setParameter("now", now)
                .executeUpdate())
                .chain(() -> find("orgId = ?1 and uid = ?2", orgId, uid)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult());
    }

    public Uni<Booking> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Booking> findByUid(String orgId, String uid) {
        return find("orgId = ?1 and uid = ?2", orgId, uid).firstResult();
    }

    /** Room names are the organization's own (call-service): the org tells two rooms of one name apart. */
    public Uni<Booking> lockByRoom(String orgId, String roomName) {
        return find("orgId = ?1 and roomName = ?2", orgId, roomName).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public Uni<List<UUID>> claimRoomWork(Instant now, Instant leaseUntil, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM_ROOM_WORK, UUID.class)
                .setParameter("now", now)
                .setParameter("leaseUntil", leaseUntil)
                .setParameter("limit", limit)
                .getResultList());
    }

    public Uni<Void> history(UUID bookingId, Instant at, String what, String detail) {
        return Panache.getSession().chain(session -> session.createNativeQuery(HISTORY)
                .setParameter("booking", bookingId)
                .setParameter("at", at)
                .setParameter("what", what)
                .setParameter("detail", detail)
                .executeUpdate())
                .replaceWithVoid();
    }

    public record HistoryEntry(Instant at, String what, String detail) {
    }

    public Uni<List<HistoryEntry>> historyOf(UUID bookingId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(HISTORY_OF, Object[].class)
                .setParameter("booking", bookingId)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new HistoryEntry(toInstant(row[0]), (String) row[1],
                        (String) row[2])).toList());
    }

    /** Bookings of an organization starting in [from, to), optionally of one status, by start time. */
    public Uni<Page<Booking>> page(String orgId, BookingStatus status, Instant from, Instant to, int page, int size) {
        StringBuilder where = new StringBuilder("orgId = ?1 and startAt is not null");
        List<Object> params = new ArrayList<>(List.of(orgId));
        if (status != null) {
            params.add(status);
            where.append(" and status = ?").append(params.size());
        }
        if (from != null) {
            params.add(from);
            where.append(" and startAt >= ?").append(params.size());
        }
        if (to != null) {
            params.add(to);
            where.append(" and startAt < ?").append(params.size());
        }
        PanacheQuery<Booking> query = find(where.toString(), Sort.by("startAt").and("uid"), params.toArray())
                .page(page, size);
        return query.list().chain(items -> query.count().map(total -> new Page<>(items, page, size, total)));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}

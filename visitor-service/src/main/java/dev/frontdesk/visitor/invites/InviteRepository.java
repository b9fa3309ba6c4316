package dev.frontdesk.visitor.invites;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class InviteRepository implements PanacheRepositoryBase<Invite, UUID> {

    // SKIP LOCKED: replicas expiring at the same moment each take different invites.
    private static final String DUE = """
            SELECT * FROM invite WHERE status = 'invited' AND expires_at <= :now
            ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED""";

    /** The invite of the organization, locked until the end of the transaction; null if there is none. */
    public Uni<Invite> lockInOrg(String orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Invite> lockOfVisitor(UUID siteId, UUID visitorId, UUID id) {
        return find("siteId = ?1 and visitorId = ?2 and id = ?3", siteId, visitorId, id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Invite> lockLatestOfSession(String orgId, String sessionId) {
        return find("orgId = ?1 and sessionId = ?2", Sort.descending("invitedAt"), orgId, sessionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Room names are the organization's own (call-service): the org tells two rooms of one name apart. */
    public Uni<List<Invite>> lockAcceptedInRoom(String orgId, String roomId) {
        return find("orgId = ?1 and roomId = ?2 and status = ?3", orgId, roomId, InviteStatus.ACCEPTED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<Invite>> lockDue(Instant now, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(DUE, Invite.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    public Uni<List<Invite>> ofVisitor(String orgId, UUID visitorId) {
        return list("orgId = ?1 and visitorId = ?2", Sort.descending("invitedAt"), orgId, visitorId);
    }

    public Uni<List<Invite>> pendingOfVisitor(UUID siteId, UUID visitorId, Instant now) {
        return list("siteId = ?1 and visitorId = ?2 and status = ?3 and expiresAt > ?4", Sort.descending("invitedAt"),
                siteId, visitorId, InviteStatus.INVITED, now);
    }
}

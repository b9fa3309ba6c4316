package dev.frontdesk.visitor.invites;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import dev.frontdesk.platform.problem.ServiceUnavailableException;
import dev.frontdesk.platform.problem.StateConflictException;
import dev.frontdesk.platform.rooms.CallServiceRejectedException;
import dev.frontdesk.platform.rooms.CallServiceRooms;
import dev.frontdesk.visitor.config.VisitorsConfig;
import dev.frontdesk.visitor.service.VisitorEvents;
import dev.frontdesk.visitor.widget.VisitorIds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Video invites: a room from call-service, then the invite and {@code visitor.invite.sent} in one transaction (no
 * room, no invite). Every change locks the invite row, checks {@link InviteStatus}'s table and records
 * {@code visitor.invite.updated} with it.
 */
@ApplicationScoped
public class InviteService {

    private static final Logger LOG = Logger.getLogger(InviteService.class);
    private static final String VISITOR_SITE = """
            SELECT v.site_id, s.publishable_key FROM visitor v JOIN site s ON s.id = v.site_id
            WHERE v.id = $1 AND v.org_id = $2""";

    /** The site a visitor is on. */
    private record VisitorSite(UUID id, String publishableKey) {
    }

    /** Who asks for an invite: a staff member (subject and display name). */
    public record Staff(String org, String id, String name) {
    }

    /** A room that exists already (the seed's request shape brings its own). */
    public record VideoData(String sessionId, String roomId, String hostUrl, String guestUrl) {
    }

    private final InviteRepository invites;
    private final CallServiceRooms rooms;
    private final Pool pool;
    private final Outbox outbox;
    private final VisitorsConfig config;
    private final Clock clock;

    public InviteService(InviteRepository invites, CallServiceRooms rooms, Pool pool, Outbox outbox,
            VisitorsConfig config, Clock clock) {
        this.invites = invites;
        this.rooms = rooms;
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Invites the visitor into a new video room. 503 (and nothing stored) when call-service cannot make the room. */
    public Uni<Invite> send(Staff staff, UUID visitorId, String message) {
        return visitorSite(staff.org(), visitorId).map(VisitorSite::id).chain(siteId -> {
            UUID session = UUID.randomUUID();
            String roomName = "inv-" + session.toString().replace("-", "");
            Instant roomExpires = clock.instant().plus(config.inviteRoomLifetime());
            return rooms.create(staff.org(), roomName, roomExpires, new CallServiceRooms.Person(staff.id(), staff.name()),
                    new CallServiceRooms.Person(VisitorIds.format(visitorId), "Visitor"))
                    .onFailure().transform(InviteService::unavailable)
                    .chain(room -> Panache.withTransaction(() -> create(staff, siteId, visitorId, message,
                            new VideoData(session.toString(), room.name(), room.hostUrl(), room.guestUrl()), roomExpires, null)));
        });
    }

    /**
     * The seed's request shape: an invite for a room the caller already has ({@code status} absent or
     * {@code invited}), or a status change of the latest invite of that session. {@code apiKey}, when given, must be
     * the publishable key of the visitor's site (else a 400 naming {@code apiKey}).
     */
    public Uni<Invite> record(Staff staff, UUID visitorId, VideoData video, InviteStatus status, String apiKey) {
        Uni<Void> keyChecked = apiKey == null ? Uni.createFrom().voidItem()
                : visitorSite(staff.org(), visitorId).invoke(site -> {
                    if (!apiKey.strip().equals(site.publishableKey())) {
                        throw new InvalidRequestException("apiKey", "is not the publishable key of the visitor's site",
                                "apiKey is not the publishable key of the visitor's site.");
                    }
                }).replaceWithVoid();
        return keyChecked.chain(() -> Panache.withTransaction(() -> invites.lockLatestOfSession(staff.org(), video.sessionId()).chain(latest -> {
            if (latest != null) {
                if (!latest.visitorId.equals(visitorId)) {
                    throw new StateConflictException("Session " + video.sessionId() + " belongs to another visitor.");
                }
                return status == null || status == latest.status ? Uni.createFrom().item(latest)
                        : change(latest, status, null);
            }
            if (status != null && status != InviteStatus.INVITED) {
                throw new ResourceNotFoundException("No invite with session " + video.sessionId() + ".");
            }
            return visitorSite(staff.org(), visitorId).chain(site -> create(staff, site.id(), visitorId, null, video,
                    clock.instant().plus(config.inviteRoomLifetime()), null));
        })));
    }

    /** The same room and URLs again as a new invite; a still pending original is cancelled by it. */
    public Uni<Invite> resend(Staff staff, UUID inviteId) {
        return Panache.withTransaction(() -> invites.lockInOrg(staff.org(), inviteId)
                .onItem().ifNull().failWith(() -> notFound(inviteId))
                .chain(original -> {
                    if (original.status == InviteStatus.ACCEPTED || original.status == InviteStatus.COMPLETED) {
                        throw new StateConflictException("This invite was " + original.status.value() + "; nothing to resend.");
                    }
                    if (!original.roomExpiresAt.isAfter(clock.instant().plus(config.inviteTtl()))) {
                        throw new StateConflictException("The invite's video room has expired; send a new invite.");
                    }
                    Uni<Invite> closed = original.status == InviteStatus.INVITED
                            ? change(original, InviteStatus.CANCELLED, null)
                            : Uni.createFrom().item(original);
                    return closed.chain(() -> create(staff, original.siteId, original.visitorId, original.message,
                            new VideoData(original.sessionId, original.roomId, original.hostUrl, original.guestUrl),
                            original.roomExpiresAt, original.id));
                }));
    }

    /** Staff cancel a pending invite or mark an accepted one completed. */
    public Uni<Invite> changeByStaff(String org, UUID inviteId, InviteStatus target, Long durationSeconds) {
        return Panache.withTransaction(() -> invites.lockInOrg(org, inviteId)
                .onItem().ifNull().failWith(() -> notFound(inviteId))
                .chain(invite -> change(invite, target, durationSeconds)));
    }

    /** The visitor answers; only their own invites, only while pending and not past its expiry. */
    public Uni<Invite> answer(UUID siteId, UUID visitorId, UUID inviteId, InviteStatus answer) {
        return Panache.withTransaction(() -> invites.lockOfVisitor(siteId, visitorId, inviteId)
                .onItem().ifNull().failWith(() -> notFound(inviteId))
                .chain(invite -> {
                    if (invite.status == InviteStatus.INVITED && !invite.expiresAt.isAfter(clock.instant())) {
                        throw new StateConflictException("This invite has expired.");
                    }
                    return change(invite, answer, null);
                }));
    }

    public Uni<List<Invite>> history(String org, UUID visitorId) {
        return Panache.withSession(() -> invites.ofVisitor(org, visitorId));
    }

    public Uni<Invite> find(String org, UUID inviteId) {
        return Panache.withSession(() -> invites.find("orgId = ?1 and id = ?2", org, inviteId).firstResult())
                .onItem().ifNull().failWith(() -> notFound(inviteId));
    }

    public Uni<List<Invite>> pending(UUID siteId, UUID visitorId) {
        return Panache.withSession(() -> invites.pendingOfVisitor(siteId, visitorId, clock.instant()));
    }

    /** Expires pending invites past their time; safe on several replicas. Returns how many this replica expired. */
    public Uni<Integer> expireDue(int limit) {
        return Panache.withTransaction(() -> invites.lockDue(clock.instant(), limit).chain(due -> Multi.createFrom()
                .iterable(due)
                .onItem().transformToUniAndConcatenate(invite -> change(invite, InviteStatus.EXPIRED, null))
                .collect().asList().map(List::size)));
    }

    /** A video room ended (call-service's {@code room.ended}): its accepted invites are completed. In the caller's transaction. */
    public Uni<Void> roomEnded(String org, String roomName, Instant endedAt, Long durationSeconds) {
        return invites.lockAcceptedInRoom(org, roomName).chain(accepted -> Multi.createFrom().iterable(accepted)
                .onItem().transformToUniAndConcatenate(invite -> {
                    Long duration = durationSeconds != null ? durationSeconds
                            : Math.max(0, Duration.between(invite.acceptedAt, endedAt != null ? endedAt : clock.instant()).toSeconds());
                    return change(invite, InviteStatus.COMPLETED, duration);
                })
                .collect().asList().replaceWithVoid());
    }

    private Uni<Invite> create(Staff staff, UUID siteId, UUID visitorId, String message, VideoData video,
            Instant roomExpires, UUID resentFrom) {
        Instant now = clock.instant();
        Invite invite = new Invite();
        invite.id = UUID.randomUUID();
        invite.orgId = staff.org();
        invite.siteId = siteId;
        invite.visitorId = visitorId;
        invite.sessionId = video.sessionId();
        invite.roomId = video.roomId();
        invite.hostUrl = video.hostUrl();
        invite.guestUrl = video.guestUrl();
        invite.status = InviteStatus.INVITED;
        invite.invitedBy = staff.id();
        invite.invitedByName = staff.name();
        invite.message = message;
        invite.resentFrom = resentFrom;
        invite.invitedAt = now;
        invite.expiresAt = now.plus(config.inviteTtl());
        invite.roomExpiresAt = roomExpires;
        invite.updatedAt = now;
        return invites.persist(invite)
                .call(saved -> outbox.record(VisitorEvents.INVITE_SENT, VisitorIds.format(visitorId), changed(saved)));
    }

    private Uni<Invite> change(Invite invite, InviteStatus target, Long durationSeconds) {
        if (!invite.status.canBecome(target)) {
            return Uni.createFrom().failure(new StateConflictException(
                    "An invite that is " + invite.status.value() + " cannot become " + target.value() + "."));
        }
        Instant now = clock.instant();
        invite.status = target;
        invite.updatedAt = now;
        switch (target) {
            case ACCEPTED -> invite.acceptedAt = now;
            case DECLINED -> invite.declinedAt = now;
            case EXPIRED -> invite.expiredAt = now;
            case CANCELLED -> invite.cancelledAt = now;
            case COMPLETED -> {
                invite.completedAt = now;
                invite.durationSeconds = durationSeconds != null ? durationSeconds
                        : Math.max(0, Duration.between(invite.acceptedAt, now).toSeconds());
            }
            default -> throw new IllegalStateException("No transition into " + target);
        }
        return outbox.record(VisitorEvents.INVITE_UPDATED, VisitorIds.format(invite.visitorId), changed(invite))
                .replaceWith(invite);
    }

    private Uni<VisitorSite> visitorSite(String org, UUID visitorId) {
        return pool.preparedQuery(VISITOR_SITE).execute(Tuple.of(visitorId, org)).map(rows -> {
            if (rows.size() == 0) {
                throw new ResourceNotFoundException("No visitor " + VisitorIds.format(visitorId) + ".");
            }
            var row = rows.iterator().next();
            return new VisitorSite(row.getUUID("site_id"), row.getString("publishable_key"));
        });
    }

    static VisitorEvents.InviteChanged changed(Invite invite) {
        return new VisitorEvents.InviteChanged(invite.id, VisitorIds.format(invite.visitorId), invite.orgId,
                invite.siteId, invite.sessionId, invite.roomId, invite.guestUrl, invite.status.value(), invite.invitedBy,
                invite.invitedByName, invite.message, invite.invitedAt, invite.expiresAt, invite.updatedAt,
                invite.durationSeconds, invite.resentFrom);
    }

    private static Throwable unavailable(Throwable failure) {
        if (failure instanceof CallServiceRejectedException) {
            LOG.warnf("call-service refused to create an invite room: %s", failure.getMessage());
            return new ServiceUnavailableException("call-service refused to create the video room; nothing was sent.");
        }
        if (!(failure instanceof CircuitBreakerOpenException)) {
            LOG.warnf("call-service could not create an invite room: %s", failure.toString());
        }
        return new ServiceUnavailableException("Video rooms are not available right now (call-service); nothing was sent. Try again shortly.");
    }

    private static ResourceNotFoundException notFound(UUID id) {
        return new ResourceNotFoundException("No invite " + id + ".");
    }
}

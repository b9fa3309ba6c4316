package dev.frontdesk.visitor.invites;

import java.time.Instant;
import java.util.UUID;

import dev.frontdesk.visitor.widget.VisitorIds;

public final class InviteViews {

    /** What staff see; the host URL (with Daily the room owner's token) only by the staff member who invited. */
    public record Staff(UUID id, String visitorId, UUID siteId, String sessionId, String roomId, String hostUrl,
            String guestUrl, String status, String invitedBy, String invitedByName, String message, UUID resentFrom,
            Instant invitedAt, Instant expiresAt, Instant acceptedAt, Instant declinedAt, Instant expiredAt,
            Instant cancelledAt, Instant completedAt, Long durationSeconds) {

        public static Staff of(Invite i, String viewer) {
            return new Staff(i.id, VisitorIds.format(i.visitorId), i.siteId, i.sessionId, i.roomId,
                    viewer.equals(i.invitedBy) ? i.hostUrl : null,
                    i.guestUrl, i.status.value(), i.invitedBy, i.invitedByName, i.message, i.resentFrom, i.invitedAt,
                    i.expiresAt, i.acceptedAt, i.declinedAt, i.expiredAt, i.cancelledAt, i.completedAt,
                    i.durationSeconds);
        }
    }

    /** What the visitor's widget sees: the guest URL only. */
    public record Visitor(UUID id, String sessionId, String guestUrl, String status, String invitedByName,
            String message, Instant invitedAt, Instant expiresAt) {

        public static Visitor of(Invite i) {
            return new Visitor(i.id, i.sessionId, i.guestUrl, i.status.value(), i.invitedByName, i.message,
                    i.invitedAt, i.expiresAt);
        }
    }

    private InviteViews() {
    }
}

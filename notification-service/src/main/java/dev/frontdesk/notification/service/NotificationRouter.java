package dev.frontdesk.notification.service;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.notification.service.NotificationEvents.BookingChanged;
import dev.frontdesk.notification.service.NotificationEvents.CallInitiated;
import dev.frontdesk.notification.service.NotificationEvents.CallUpdated;
import dev.frontdesk.notification.service.NotificationEvents.InviteChanged;
import dev.frontdesk.notification.service.NotificationEvents.Party;
import dev.frontdesk.notification.service.NotificationEvents.VisitorPresence;
import dev.frontdesk.notification.slack.SlackPosts;
import dev.frontdesk.platform.events.MalformedEventException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Decides who hears about what. Every method runs inside the consumer's inbox transaction, so its notifications
 * exist if and only if the event was applied.
 */
@ApplicationScoped
public class NotificationRouter {

    private static final Set<String> VISITOR_SEES = Set.of("expired", "cancelled");
    /** A call can be answered only in these; after, its {@code incoming-call} frames are no longer delivered. */
    private static final Set<String> RINGABLE = Set.of("initiated", "ringing");
    private static final String INCOMING_CALL = "incoming-call";
    private static final String VIDEO_INVITE = "video-invite";

    private final Notifier notifier;
    private final SlackPosts slack;

    public NotificationRouter(Notifier notifier, SlackPosts slack) {
        this.notifier = notifier;
        this.slack = slack;
    }

    /**
     * Rings the callee's sockets until the ring deadline; {@code notification.delivered} for it makes the call
     * RINGING. The frame's payload: {@code callId}, {@code caller} ({@code id, name, avatarUrl, role}), the seed's
     * flat {@code callerName}, {@code callerAvatar} (a URL or null) and {@code roomName} (call-service's name of the
     * room) beside {@code roomUrl}, {@code joinUrl} (the callee's link), {@code initiatedAt}, {@code ringDeadline}.
     */
    public Uni<Void> callInitiated(CallInitiated call) {
        require(call.callId() != null && call.calleeId() != null && call.org() != null,
                "call.initiated without callId, calleeId or org");
        Party caller = call.caller() != null ? call.caller()
                : new Party(call.callerId(), call.callerName(), call.callerAvatarUrl(), null);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("callId", call.callId());
        payload.put("caller", caller);
        payload.put("callerName", caller.name() != null ? caller.name() : call.callerName());
        payload.put("callerAvatar", caller.avatarUrl() != null ? caller.avatarUrl() : call.callerAvatarUrl());
        payload.put("roomName", call.roomName());
        payload.put("roomUrl", call.roomUrl());
        payload.put("joinUrl", call.joinUrl());
        payload.put("initiatedAt", call.initiatedAt());
        payload.put("ringDeadline", call.ringDeadline());
        return notifier.notify(new Notifier.Message(call.org(), Audiences.user(call.org(), call.calleeId()),
                call.calleeId(), "call", INCOMING_CALL, call.callId(), null, payload, call.ringDeadline()))
                .replaceWithVoid();
    }

    /** Both parties' screens follow the call: ringing, answered, declined, missed, cancelled, ended. */
    public Uni<Void> callUpdated(CallUpdated call) {
        require(call.callId() != null && call.org() != null && call.status() != null,
                "call status change without callId, org or status");
        String status = call.status().toLowerCase(Locale.ROOT);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("callId", call.callId());
        payload.put("status", status);
        payload.put("previousStatus", call.previousStatus() == null ? null : call.previousStatus().toLowerCase(Locale.ROOT));
        payload.put("actor", call.actor());
        payload.put("at", call.at());
        payload.put("answeredAt", call.answeredAt());
        payload.put("endedAt", call.endedAt());
        payload.put("durationSeconds", call.durationSeconds());
        Set<String> parties = new LinkedHashSet<>();
        if (call.callerId() != null) {
            parties.add(call.callerId());
        }
        if (call.calleeId() != null) {
            parties.add(call.calleeId());
        }
        Uni<Void> closed = RINGABLE.contains(status) ? Uni.createFrom().voidItem()
                : notifier.close(call.org(), INCOMING_CALL, call.callId());
        Uni<Void> sockets = closed.chain(() -> Multi.createFrom().iterable(parties)
                .onItem().transformToUniAndConcatenate(party -> notifier.notify(new Notifier.Message(call.org(),
                        Audiences.user(call.org(), party), party, "call", "call-updated", call.callId(), null, payload)))
                .collect().last().replaceWithVoid());
        return "missed".equals(status) ? sockets.chain(() -> slack.callMissed(call)) : sockets;
    }

    /** The visitor's widget shows the invite until it expires; the org's staff see it on their dashboards. */
    public Uni<Void> inviteSent(InviteChanged invite) {
        requireInvite(invite);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("inviteId", invite.inviteId());
        payload.put("sessionId", invite.sessionId());
        payload.put("guestUrl", invite.guestUrl());
        payload.put("invitedByName", invite.invitedByName());
        payload.put("message", invite.message());
        payload.put("invitedAt", invite.invitedAt());
        payload.put("expiresAt", invite.expiresAt());
        return notifier.notify(new Notifier.Message(invite.org(), Audiences.visitor(invite.siteId(), invite.visitorId()),
                invite.visitorId(), "invite", VIDEO_INVITE, invite.inviteId(), invite.visitorId(), payload,
                invite.expiresAt()))
                .chain(() -> toStaff(invite))
                .chain(() -> slack.inviteSent(invite));
    }

    /**
     * Staff see every change; the visitor's widget hears only that an invite it shows went away. Any change ends the
     * invite's {@code video-invite} frame: a widget that has not shown it yet never will.
     */
    public Uni<Void> inviteUpdated(InviteChanged invite) {
        requireInvite(invite);
        String status = invite.status() == null ? null : invite.status().toLowerCase(Locale.ROOT);
        Uni<Void> staff = "invited".equals(status) ? toStaff(invite)
                : notifier.close(invite.org(), VIDEO_INVITE, invite.inviteId()).chain(() -> toStaff(invite));
        if (!VISITOR_SEES.contains(status)) {
            return staff;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("inviteId", invite.inviteId());
        payload.put("status", status);
        payload.put("changedAt", invite.changedAt());
        return staff.chain(() -> notifier.notify(new Notifier.Message(invite.org(),
                Audiences.visitor(invite.siteId(), invite.visitorId()), invite.visitorId(), "invite", "invite-updated",
                invite.inviteId(), invite.visitorId(), payload))).replaceWithVoid();
    }

    private Uni<Void> toStaff(InviteChanged invite) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("inviteId", invite.inviteId());
        payload.put("visitorId", invite.visitorId());
        payload.put("siteId", invite.siteId());
        payload.put("sessionId", invite.sessionId());
        payload.put("status", invite.status() == null ? null : invite.status().toLowerCase(Locale.ROOT));
        payload.put("invitedBy", invite.invitedBy());
        payload.put("invitedByName", invite.invitedByName());
        payload.put("changedAt", invite.changedAt());
        payload.put("durationSeconds", invite.durationSeconds());
        return notifier.notify(new Notifier.Message(invite.org(), Audiences.staff(invite.org()), "staff", "invite",
                "invite-updated", invite.inviteId(), invite.visitorId(), payload)).replaceWithVoid();
    }

    /** Live visitors of the org, for staff dashboards: live only (a reconnecting dashboard reloads the list). */
    public Uni<Void> visitorActivity(String eventType, VisitorPresence visitor) {
        require(visitor.visitorId() != null && visitor.org() != null, "visitor presence without visitorId or org");
        return notifier.live(Audiences.staff(visitor.org()), "visitor-activity", visitor);
    }

    /** Every change of a booking, for the org's staff. */
    public Uni<Void> bookingChanged(String eventType, BookingChanged booking) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", eventType);
        payload.put("uid", booking.uid());
        payload.put("status", booking.status());
        payload.put("title", booking.title());
        payload.put("startAt", booking.startAt());
        payload.put("endAt", booking.endAt());
        payload.put("hostName", booking.hostName());
        payload.put("memberName", booking.memberName());
        payload.put("memberNames", booking.bookedMembers().stream().map(NotificationEvents.Member::name).toList());
        payload.put("previousUid", booking.previousUid());
        return notifier.notify(new Notifier.Message(booking.org(), Audiences.staff(booking.org()), "staff", "booking",
                "booking-updated", booking.uid(), null, payload)).replaceWithVoid();
    }

    private static void requireInvite(InviteChanged invite) {
        require(invite.inviteId() != null && invite.visitorId() != null && invite.org() != null
                && invite.siteId() != null, "invite event without inviteId, visitorId, org or siteId");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new MalformedEventException(message);
        }
    }
}

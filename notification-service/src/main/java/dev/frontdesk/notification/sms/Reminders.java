package dev.frontdesk.notification.sms;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.frontdesk.notification.config.NotificationsConfig;
import dev.frontdesk.notification.model.DeliveryStatus;
import dev.frontdesk.notification.service.NotificationEvents.BookingChanged;
import dev.frontdesk.notification.service.NotificationEvents.Member;
import dev.frontdesk.notification.slack.SlackPosts;
import dev.frontdesk.platform.events.MalformedEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * SMS reminders from booking events, kept as pending SMS deliveries with a due time (so they survive restarts and
 * the dispatch job claims them safely on several replicas). Each member of a booking (one per seat of a seated
 * event type) has their own reminders: one row at most per (booking, template, member), the dedupe key
 * {@code <uid>:<template>:<member key>} being unique. Runs inside the consumer's inbox transaction.
 * <ul>
 * <li>created: for each member, a pre-session reminder at start − 1 h (at once if that has passed, never after the
 * start) and a thank-you after the end;</li>
 * <li>members changed: a member who booked a seat gets their reminders; a cancelled seat's pending ones are skipped
 * ("seat cancelled");</li>
 * <li>rescheduled: the pending reminders of the previous booking (the same uid when a seated booking moved in place)
 * move to the new one and its times;</li>
 * <li>cancelled: pending reminders are skipped ("booking cancelled", "booking rescheduled to …", or "the host asked
 * the member to book again");</li>
 * <li>completed: for each member, the inactive reminder 48 h after the end, sent only if they booked nothing since.</li>
 * </ul>
 */
@ApplicationScoped
public class Reminders {

    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private static final String UPSERT_BOOKING = """
            INSERT INTO booking (uid, org, status, title, start_at, end_at, host_name, member_name, member_email,
                                 member_phone, member_time_zone, member_join_url, booked_at, updated_at)
            VALUES (:uid, :org, :status, :title, :startAt, :endAt, :hostName, :memberName, :memberEmail, :memberPhone,
                    :timeZone, :joinUrl, :now, :now)
            ON CONFLICT (uid) DO UPDATE SET status = excluded.status, title = coalesce(excluded.title, booking.title),
                start_at = coalesce(excluded.start_at, booking.start_at), end_at = coalesce(excluded.end_at, booking.end_at),
                host_name = coalesce(excluded.host_name, booking.host_name),
                member_name = coalesce(excluded.member_name, booking.member_name),
                member_email = coalesce(excluded.member_email, booking.member_email),
                member_phone = coalesce(excluded.member_phone, booking.member_phone),
                member_time_zone = coalesce(excluded.member_time_zone, booking.member_time_zone),
                member_join_url = coalesce(excluded.member_join_url, booking.member_join_url),
                updated_at = excluded.updated_at""";

    private static final String UPSERT_MEMBER = """
            INSERT INTO booking_member (uid, member_key, name, email, phone, time_zone, booked, updated_at)
            VALUES (:uid, :key, :name, :email, :phone, :timeZone, true, :now)
            ON CONFLICT (uid, member_key) DO UPDATE SET name = coalesce(excluded.name, booking_member.name),
                email = coalesce(excluded.email, booking_member.email),
                phone = coalesce(excluded.phone, booking_member.phone),
                time_zone = coalesce(excluded.time_zone, booking_member.time_zone), booked = true,
                updated_at = excluded.updated_at""";

    // The event lists every member still booked: the others lost their seat (those listed are booked again next).
    private static final String UNBOOK_ALL = """
            UPDATE booking_member SET booked = false, updated_at = :now WHERE uid = :uid AND booked""";

    private static final String SCHEDULE = """
            INSERT INTO delivery (id, org, channel, recipient, kind, type, subject_id, member_key, status, attempts,
                                  last_error, due_at, not_after, dedupe_key, created_at, updated_at)
            VALUES (:id, :org, 'sms', :phone, 'booking', :template, :uid, :member, :status, 0, :error, :dueAt, :notAfter,
                    :key, :now, :now)
            ON CONFLICT (dedupe_key) DO UPDATE SET status = excluded.status, last_error = excluded.last_error,
                recipient = excluded.recipient, due_at = excluded.due_at, not_after = excluded.not_after,
                updated_at = excluded.updated_at
            WHERE delivery.status = 'skipped' AND delivery.last_error = 'seat cancelled'""";

    private static final String MOVE = """
            UPDATE delivery SET subject_id = :uid,
                dedupe_key = CAST(:uid AS text) || ':' || type || coalesce(':' || member_key, ''),
                recipient = coalesce((SELECT regexp_replace(m.phone, '[\\s().-]', '', 'g') FROM booking_member m
                                      WHERE m.uid = :uid AND m.member_key = delivery.member_key
                                        AND regexp_replace(m.phone, '[\\s().-]', '', 'g') ~ '^\\+[1-9][0-9]{6,14}$'),
                                     recipient),
                due_at = CASE type WHEN 'pre-session-reminder' THEN CAST(:preDue AS timestamptz) ELSE CAST(:postDue AS timestamptz) END,
                not_after = CASE type WHEN 'pre-session-reminder' THEN CAST(:startAt AS timestamptz) END, updated_at = :now
            WHERE subject_id = :previous AND channel = 'sms' AND status = 'pending' AND lease_until IS NULL
              AND type IN ('pre-session-reminder', 'post-session-thank-you')
              AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.id <> delivery.id
                              AND d.dedupe_key = CAST(:uid AS text) || ':' || delivery.type || coalesce(':' || delivery.member_key, ''))""";

    private static final String CANCEL = """
            UPDATE delivery SET status = 'skipped', last_error = :reason, updated_at = :now
            WHERE subject_id = :uid AND channel = 'sms' AND status = 'pending' AND lease_until IS NULL""";

    // Pending reminders of members no longer booked (their seat cancelled, or not on the rescheduled booking).
    private static final String CANCEL_UNBOOKED = """
            UPDATE delivery SET status = 'skipped', last_error = 'seat cancelled', updated_at = :now
            WHERE subject_id = :uid AND channel = 'sms' AND status = 'pending' AND lease_until IS NULL
              AND member_key IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM booking_member m WHERE m.uid = :uid AND m.member_key = delivery.member_key
                              AND m.booked)""";

    private final NotificationsConfig.Sms config;
    private final SlackPosts slack;
    private final Clock clock;

    public Reminders(NotificationsConfig config, SlackPosts slack, Clock clock) {
        this.config = config.sms();
        this.slack = slack;
        this.clock = clock;
    }

    public Uni<Void> bookingChanged(String event, BookingChanged booking) {
        if (booking.uid() == null || booking.org() == null) {
            return Uni.createFrom().failure(new MalformedEventException(event + " without uid or org"));
        }
        Instant now = clock.instant();
        boolean confirmed = "CREATED".equalsIgnoreCase(booking.status());
        return Panache.getSession().chain(session -> remember(session, booking, now).chain(() -> switch (event) {
            case "booking.created" -> schedule(session, booking, now).chain(() -> slack.bookingCreated(booking));
            case "booking.members.changed" -> (confirmed ? schedule(session, booking, now) : Uni.createFrom().voidItem())
                    .chain(() -> cancelUnbooked(session, booking.uid(), now));
            case "booking.rescheduled" -> move(session, booking, now).chain(() -> schedule(session, booking, now))
                    .chain(() -> cancelUnbooked(session, booking.uid(), now));
            case "booking.cancelled" -> cancel(session, booking.uid(), cancelReason(booking), now)
                    .chain(() -> slack.bookingCancelled(booking));
            case "booking.completed" -> inactive(session, booking, now);
            default -> Uni.createFrom().voidItem();
        }));
    }

    private static String cancelReason(BookingChanged booking) {
        if (Boolean.TRUE.equals(booking.rescheduleRequested())) {
            return "the host asked the member to book again";
        }
        if ("RESCHEDULED".equalsIgnoreCase(booking.status())) {
            return "booking " + (booking.reason() == null ? "rescheduled" : booking.reason());
        }
        return "booking cancelled";
    }

    private Uni<Void> remember(Mutiny.Session session, BookingChanged b, Instant now) {
        Uni<Void> members = b.members() == null ? Uni.createFrom().voidItem()
                : session.createNativeQuery(UNBOOK_ALL).setParameter("uid", b.uid()).setParameter("now", time(now))
                        .executeUpdate().replaceWithVoid();
        for (Member member : b.bookedMembers()) {
            if (member.key() != null) {
                members = members.chain(() -> session.createNativeQuery(UPSERT_MEMBER)
                        .setParameter("uid", b.uid()).setParameter("key", member.key())
                        .setParameter("name", member.name()).setParameter("email", member.email())
                        .setParameter("phone", member.phone()).setParameter("timeZone", member.timeZone())
                        .setParameter("now", time(now)).executeUpdate().replaceWithVoid());
            }
        }
        Uni<Void> membersKept = members;
        return session.createNativeQuery(UPSERT_BOOKING)
                .setParameter("uid", b.uid()).setParameter("org", b.org())
                .setParameter("status", b.status() == null ? "unknown" : b.status())
                .setParameter("title", b.title()).setParameter("startAt", time(b.startAt()))
                .setParameter("endAt", time(b.endAt())).setParameter("hostName", b.hostName())
                .setParameter("memberName", b.memberName()).setParameter("memberEmail", b.memberEmail())
                .setParameter("memberPhone", phone(b.memberPhone())).setParameter("timeZone", b.memberTimeZone())
                .setParameter("joinUrl", b.memberJoinUrl()).setParameter("now", time(now))
                .executeUpdate().replaceWithVoid()
                .chain(() -> membersKept);
    }

    private Uni<Void> schedule(Mutiny.Session session, BookingChanged b, Instant now) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Member member : b.bookedMembers()) {
            if (member.key() != null) {
                all = all.chain(() -> schedule(session, b, member, now));
            }
        }
        return all;
    }

    private Uni<Void> schedule(Mutiny.Session session, BookingChanged b, Member m, Instant now) {
        Uni<Void> pre;
        if (b.startAt() == null) {
            pre = insert(session, b, m, SmsTemplates.PRE_SESSION, null, null, DeliveryStatus.SKIPPED,
                    "booking has no start time", now);
        } else if (!now.isBefore(b.startAt())) {
            pre = insert(session, b, m, SmsTemplates.PRE_SESSION, b.startAt(), b.startAt(), DeliveryStatus.SKIPPED,
                    "session already started", now);
        } else {
            pre = insert(session, b, m, SmsTemplates.PRE_SESSION, b.startAt().minus(config.reminderLead()), b.startAt(),
                    DeliveryStatus.PENDING, null, now);
        }
        return pre.chain(() -> b.endAt() == null
                ? insert(session, b, m, SmsTemplates.THANK_YOU, null, null, DeliveryStatus.SKIPPED,
                        "booking has no end time", now)
                : insert(session, b, m, SmsTemplates.THANK_YOU, b.endAt().plus(config.thankYouDelay()), null,
                        DeliveryStatus.PENDING, null, now));
    }

    private Uni<Void> move(Mutiny.Session session, BookingChanged b, Instant now) {
        String previous = b.previousUid() == null ? b.uid() : b.previousUid();
        return session.createNativeQuery(MOVE)
                .setParameter("uid", b.uid()).setParameter("previous", previous)
                .setParameter("preDue", time(b.startAt() == null ? null : b.startAt().minus(config.reminderLead())))
                .setParameter("postDue", time(b.endAt() == null ? null : b.endAt().plus(config.thankYouDelay())))
                .setParameter("startAt", time(b.startAt())).setParameter("now", time(now))
                .executeUpdate()
                .chain(() -> previous.equals(b.uid()) ? Uni.createFrom().voidItem()
                        : cancel(session, previous, "booking rescheduled to " + b.uid(), now));
    }

    private Uni<Void> cancel(Mutiny.Session session, String uid, String reason, Instant now) {
        return session.createNativeQuery(CANCEL).setParameter("uid", uid).setParameter("reason", reason)
                .setParameter("now", time(now)).executeUpdate().replaceWithVoid();
    }

    private Uni<Void> cancelUnbooked(Mutiny.Session session, String uid, Instant now) {
        return session.createNativeQuery(CANCEL_UNBOOKED).setParameter("uid", uid).setParameter("now", time(now))
                .executeUpdate().replaceWithVoid();
    }

    private Uni<Void> inactive(Mutiny.Session session, BookingChanged b, Instant now) {
        Instant ended = b.endAt() != null && b.endAt().isBefore(now) ? b.endAt() : now;
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Member member : b.bookedMembers()) {
            if (member.key() != null) {
                all = all.chain(() -> insert(session, b, member, SmsTemplates.INACTIVE,
                        ended.plus(config.inactiveAfter()), null, DeliveryStatus.PENDING, null, now));
            }
        }
        return all;
    }

    private Uni<Void> insert(Mutiny.Session session, BookingChanged b, Member m, String template, Instant dueAt,
            Instant notAfter, DeliveryStatus status, String error, Instant now) {
        String phone = phone(m.phone());
        if (status == DeliveryStatus.PENDING && phone == null) {
            status = DeliveryStatus.SKIPPED;
            error = m.phone() == null || m.phone().isBlank() ? "member has no phone number"
                    : "member phone number is not in E.164 format";
        }
        return session.createNativeQuery(SCHEDULE)
                .setParameter("id", UUID.randomUUID()).setParameter("org", b.org())
                .setParameter("phone", phone == null ? "" : phone).setParameter("template", template)
                .setParameter("uid", b.uid()).setParameter("member", m.key())
                .setParameter("status", status.value()).setParameter("error", error)
                .setParameter("dueAt", time(dueAt)).setParameter("notAfter", time(notAfter))
                .setParameter("key", b.uid() + ":" + template + ":" + m.key()).setParameter("now", time(now))
                .executeUpdate().replaceWithVoid();
    }

    /** The number without spaces, dashes or brackets if it is then E.164; otherwise null. */
    static String phone(String raw) {
        if (raw == null) {
            return null;
        }
        String compact = raw.replaceAll("[\\s().-]", "");
        return E164.matcher(compact).matches() ? compact : null;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

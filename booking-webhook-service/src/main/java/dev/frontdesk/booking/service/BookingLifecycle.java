package dev.frontdesk.booking.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.booking.config.BookingsConfig;
import dev.frontdesk.booking.model.Booking;
import dev.frontdesk.booking.model.BookingMember;
import dev.frontdesk.booking.model.BookingStatus;
import dev.frontdesk.booking.repository.BookingMemberRepository;
import dev.frontdesk.booking.repository.BookingRepository;
import dev.frontdesk.booking.service.CalcomEvent.Attendee;
import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.InvalidRequestException;
import io.smallrye.mutiny.Uni;

/**
 * What a Cal.com delivery does to our bookings, once it is verified and recorded (the caller's transaction). The
 * status moves only along {@link BookingStatus}'s table; a booking's members (seats) are booked and cancelled one by
 * one, each with the time of the delivery that last set it, so a late delivery changes nothing it should not.
 * <ul>
 * <li>{@code BOOKING_CREATED}: the booking (CREATED, or PENDING when Cal.com says so) and the attendees it names as
 * members — a seated event type's next seat arrives as another create of the same uid;</li>
 * <li>{@code BOOKING_REQUESTED}: PENDING; with a {@code rescheduleUid} it replaces that booking, which closes as
 * RESCHEDULED at once (Cal.com cancels it in the same transaction);</li>
 * <li>{@code BOOKING_RESCHEDULED}: the new uid replaces {@code rescheduleUid}; when both are the same uid the host moved
 * a seated booking in place: new times, same members;</li>
 * <li>{@code BOOKING_CANCELLED}: on a seated booking, a cancel that names only some of its booked members cancels their
 * seats; otherwise (or when no seat would remain) the booking. {@code requestReschedule: true} is the host's
 * "request reschedule": cancelled, and marked so;</li>
 * <li>{@code BOOKING_REJECTED}: REJECTED; {@code MEETING_ENDED}: COMPLETED; {@code BOOKING_NO_SHOW_UPDATED}: members'
 * no-shows.</li>
 * </ul>
 * Events (outbox, keyed by uid): {@code booking.created}, {@code booking.rescheduled}, {@code booking.cancelled}
 * (also for a booking replaced while its replacement waits for confirmation, with status RESCHEDULED),
 * {@code booking.members.changed} (a seat booked or cancelled on an open booking), {@code booking.completed}; each
 * carries the booked members.
 */
@ApplicationScoped
public class BookingLifecycle {

    private static final Instant NEVER = Instant.EPOCH;

    private final BookingRepository bookings;
    private final BookingMemberRepository members;
    private final Outbox outbox;
    private final JoinLinks joinLinks;
    private final BookingsConfig config;
    private final Clock clock;

    public BookingLifecycle(BookingRepository bookings, BookingMemberRepository members, Outbox outbox,
            JoinLinks joinLinks, BookingsConfig config, Clock clock) {
        this.bookings = bookings;
        this.members = members;
        this.outbox = outbox;
        this.joinLinks = joinLinks;
        this.config = config;
        this.clock = clock;
    }

    /** The triggers this service applies; any other is acknowledged and ignored. */
    public static boolean handles(String trigger) {
        return switch (trigger) {
            case "BOOKING_CREATED", "BOOKING_REQUESTED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED", "BOOKING_REJECTED",
                    "MEETING_STARTED", "MEETING_ENDED", "BOOKING_NO_SHOW_UPDATED" -> true;
            default -> false;
        };
    }

    public Uni<Void> apply(String org, CalcomEvent event) {
        if (event.uid() == null) {
            return Uni.createFrom().failure(new InvalidRequestException("A " + event.trigger() + " webhook names a booking uid."));
        }
        String rescheduleUid = event.text("rescheduleUid");
        return switch (event.trigger()) {
            case "BOOKING_CREATED" -> upsert(org, event,
                    "PENDING".equals(event.text("status")) ? BookingStatus.PENDING : BookingStatus.CREATED, null);
            case "BOOKING_REQUESTED" -> rescheduleUid == null || rescheduleUid.equals(event.uid())
                    ? upsert(org, event, BookingStatus.PENDING, null)
                    : replace(org, event, BookingStatus.PENDING, rescheduleUid);
            case "BOOKING_RESCHEDULED" -> rescheduleUid == null || rescheduleUid.equals(event.uid())
                    ? moveInPlace(org, event)
                    : replace(org, event, BookingStatus.CREATED, rescheduleUid);
            case "BOOKING_CANCELLED" -> cancel(org, event);
            case "BOOKING_REJECTED" -> upsert(org, event, BookingStatus.REJECTED, null);
            case "MEETING_STARTED" -> bookings.findByUid(org, event.uid()).chain(booking -> booking == null
                    ? Uni.createFrom().voidItem()
                    : bookings.history(booking.id, clock.instant(), event.trigger(), "scheduled start"));
            case "MEETING_ENDED" -> bookings.findByUid(org, event.uid()).chain(found -> found == null
                    ? Uni.createFrom().voidItem()
                    : bookings.lock(found.id).chain(booking -> complete(booking, clock.instant(), "MEETING_ENDED")));
            case "BOOKING_NO_SHOW_UPDATED" -> noShow(org, event);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> upsert(String org, CalcomEvent event, BookingStatus target, String rescheduledFrom) {
        return upsert(org, event, target, rescheduledFrom, rescheduledFrom);
    }

    /**
     * The booking and the members the delivery names, and its status if the table allows it.
     *
     * @param rescheduledFrom the booking this one replaces (linked), or null
     * @param announcedFrom   the booking whose reminders this one takes over ({@code booking.rescheduled}), or null
     */
    private Uni<Void> upsert(String org, CalcomEvent event, BookingStatus target, String rescheduledFrom,
            String announcedFrom) {
        Instant now = clock.instant();
        Instant at = sentAt(event, now);
        return bookings.lockOrCreate(org, event.uid(), now).chain(booking -> members.ofBooking(booking.id)
                .chain(current -> {
                    BookingStatus before = booking.statusAt.equals(NEVER) ? null : booking.status;
                    BookingDetails.fill(booking, event, !at.isBefore(booking.statusAt));
                    if (rescheduledFrom != null) {
                        booking.rescheduledFrom = rescheduledFrom;
                    }
                    boolean moved = move(booking, target, at);
                    if (target == BookingStatus.CANCELLED || target == BookingStatus.REJECTED) {
                        booking.cancellationReason = firstNonNull(event.text("cancellationReason"),
                                event.text("rejectionReason"), booking.cancellationReason);
                        booking.cancelledBy = firstNonNull(event.text("cancelledBy"), booking.cancelledBy);
                        booking.rescheduleRequested |= target == BookingStatus.CANCELLED
                                && event.booking().path("requestReschedule").asBoolean(false);
                    }
                    List<BookingMember> added = new ArrayList<>();
                    boolean seatsChanged = !target.isClosed()
                            && book(booking, current, event.attendees(), at, now, added);
                    scheduleRoomWork(booking, now);
                    booking.updatedAt = now;
                    String detail = (moved ? (before == null ? "" : before + " → ") + booking.status
                            : "kept " + booking.status)
                            + (booking.rescheduleRequested && target == BookingStatus.CANCELLED
                                    ? " (the host asked the member to book again)" : "");
                    return members.add(added)
                            .chain(() -> bookings.history(booking.id, now, event.trigger(), detail))
                            .chain(() -> announce(booking, current, moved, seatsChanged, announcedFrom));
                }));
    }

    /**
     * {@code uid} replaces {@code previousUid}. On a seated booking that keeps members this delivery does not name,
     * only the named attendees moved their seats ({@link #moveSeats}); otherwise the whole booking was replaced
     * ({@link #replaceBooking}).
     */
    private Uni<Void> replace(String org, CalcomEvent event, BookingStatus target, String previousUid) {
        Instant now = clock.instant();
        Instant at = sentAt(event, now);
        List<Attendee> named = event.attendees();
        Set<String> keys = new HashSet<>();
        named.forEach(attendee -> keys.add(attendee.key()));
        return bookings.findByUid(org, previousUid)
                .chain(found -> found == null ? Uni.createFrom().item(List.<BookingMember> of())
                        : members.ofBooking(found.id))
                .chain(previousMembers -> {
                    boolean seatMove = event.booking().hasNonNull("seatsPerTimeSlot") && !named.isEmpty()
                            && previousMembers.stream().anyMatch(m -> m.booked() && !keys.contains(m.memberKey));
                    return seatMove ? moveSeats(org, event, target, previousUid, named, at, now)
                            : replaceBooking(org, event, target, previousUid, at, now);
                });
    }

    /**
     * Some attendees of a seated booking moved their seats to another slot (the new uid, a booking new or already
     * there): their seats there are booked, their seats on the previous booking cancelled, and the previous booking
     * stays for the others. The new booking's reminders are its own ({@code booking.created} or
     * {@code booking.members.changed}), not the previous booking's.
     */
    private Uni<Void> moveSeats(String org, CalcomEvent event, BookingStatus target, String previousUid,
            List<Attendee> named, Instant at, Instant now) {
        return upsert(org, event, target, previousUid, null)
                .chain(() -> bookings.lockOrCreate(org, previousUid, now))
                .chain(previous -> members.ofBooking(previous.id).chain(current -> cancelSeats(previous, current,
                        named, event, at, now, "seat moved to " + event.uid())));
    }

    /**
     * {@code uid} replaces {@code previousUid}: the new booking as {@code target} (CREATED, or PENDING while the host
     * confirms), the previous one RESCHEDULED and linked to it.
     */
    private Uni<Void> replaceBooking(String org, CalcomEvent event, BookingStatus target, String previousUid,
            Instant at, Instant now) {
        return upsert(org, event, target, previousUid)
                .chain(() -> bookings.lockOrCreate(org, previousUid, now))
                .chain(previous -> members.ofBooking(previous.id).chain(previousMembers -> {
                    BookingStatus before = previous.statusAt.equals(NEVER) ? null : previous.status;
                    previous.rescheduledTo = event.uid();
                    boolean moved = move(previous, BookingStatus.RESCHEDULED, at);
                    scheduleRoomWork(previous, now);
                    previous.updatedAt = now;
                    Uni<Void> history = bookings.history(previous.id, now, event.trigger(), moved
                            ? (before == null ? "" : before + " → ") + "RESCHEDULED to " + event.uid()
                            : "kept " + previous.status);
                    // A confirmed replacement announces booking.rescheduled, which moves the reminders; one waiting
                    // for the host closes the previous booking's reminders now.
                    if (moved && target == BookingStatus.PENDING && (before == null || !before.isClosed())) {
                        previous.cancellationReason = "rescheduled to " + event.uid()
                                + ", waiting for the host's confirmation";
                        return history.chain(() -> record(BookingEvents.BOOKING_CANCELLED, previous, previousMembers,
                                null));
                    }
                    return history;
                }));
    }

    /** The host moved a seated booking to another slot: same uid and members, new times (Cal.com's in-place move). */
    private Uni<Void> moveInPlace(String org, CalcomEvent event) {
        Instant now = clock.instant();
        Instant at = sentAt(event, now);
        return bookings.lockOrCreate(org, event.uid(), now).chain(booking -> members.ofBooking(booking.id)
                .chain(current -> {
                    boolean newer = !at.isBefore(booking.statusAt);
                    BookingDetails.fill(booking, event, newer);
                    boolean first = booking.statusAt.equals(NEVER);
                    boolean moved = first && move(booking, BookingStatus.CREATED, at);
                    if (newer && !first) {
                        booking.statusAt = at;
                    }
                    List<BookingMember> added = new ArrayList<>();
                    book(booking, current, event.attendees(), at, now, added);
                    scheduleRoomWork(booking, now);
                    booking.updatedAt = now;
                    return members.add(added).chain(() -> bookings.history(booking.id, now, event.trigger(), newer
                            ? "moved to " + booking.startAt : "kept the newer times")
                            .chain(() -> !newer || booking.status != BookingStatus.CREATED ? Uni.createFrom().voidItem()
                                    : record(moved ? BookingEvents.BOOKING_CREATED : BookingEvents.BOOKING_RESCHEDULED,
                                            booking, current, moved ? null : booking.uid)));
                }));
    }

    /** A seat's cancel on a seated booking cancels that seat; any other cancel, the booking. */
    private Uni<Void> cancel(String org, CalcomEvent event) {
        Instant now = clock.instant();
        Instant at = sentAt(event, now);
        List<Attendee> named = event.attendees();
        return bookings.lockOrCreate(org, event.uid(), now).chain(booking -> members.ofBooking(booking.id)
                .chain(current -> {
                    Set<String> keys = new HashSet<>();
                    named.forEach(attendee -> keys.add(attendee.key()));
                    boolean seated = event.booking().hasNonNull("seatsPerTimeSlot") || booking.seatsPerTimeSlot != null;
                    boolean othersRemain = current.stream().anyMatch(m -> m.booked() && !keys.contains(m.memberKey));
                    boolean unknownYet = booking.statusAt.equals(NEVER) && current.stream().noneMatch(BookingMember::booked);
                    if (seated && !named.isEmpty() && unknownYet) {
                        // A seat's cancel before any create of the booking: only that seat is known to be gone.
                        return cancelSeats(booking, current, named, event, at, now, "seat cancelled");
                    }
                    if (!seated || named.isEmpty() || !othersRemain) {
                        return upsert(org, event, BookingStatus.CANCELLED, null);
                    }
                    return cancelSeats(booking, current, named, event, at, now, "seat cancelled");
                }));
    }

    /** Cancels the seats of the named attendees; the booking stays as it is for the members still booked. */
    private Uni<Void> cancelSeats(Booking booking, List<BookingMember> current, List<Attendee> named, CalcomEvent event,
            Instant at, Instant now, String why) {
        BookingDetails.fill(booking, event, false);
        List<BookingMember> added = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        boolean bookedLess = false;
        for (Attendee attendee : named) {
            BookingMember member = current.stream().filter(m -> m.memberKey.equals(attendee.key())).findFirst()
                    .orElse(null);
            if (member == null) {
                // The cancel overtook the seat's create: the seat is remembered as cancelled, so the late create
                // does not book it.
                added.add(newMember(booking, attendee, BookingMember.CANCELLED, at, now));
                cancelled.add(attendee.key());
            } else if (member.booked() && !at.isBefore(member.statusAt)) {
                member.status = BookingMember.CANCELLED;
                member.statusAt = at;
                member.updatedAt = now;
                cancelled.add(member.memberKey);
                bookedLess = true;
            }
        }
        boolean announce = bookedLess && !booking.status.isClosed();
        firstBooked(booking, current);
        booking.updatedAt = now;
        String reason = event.text("cancellationReason");
        return members.add(added)
                .chain(() -> bookings.history(booking.id, now, event.trigger(), cancelled.isEmpty()
                        ? "seat already cancelled"
                        : why + ": " + String.join(", ", cancelled) + (reason == null ? "" : " (" + reason + ")")))
                .chain(() -> announce ? record(BookingEvents.BOOKING_MEMBERS_CHANGED, booking, current, null)
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> noShow(String org, CalcomEvent event) {
        Instant now = clock.instant();
        return bookings.findByUid(org, event.uid()).chain(found -> found == null ? Uni.createFrom().voidItem()
                : bookings.lock(found.id).chain(booking -> members.ofBooking(booking.id).chain(current -> {
                    List<String> changed = new ArrayList<>();
                    for (Attendee attendee : event.attendees()) {
                        current.stream().filter(m -> m.memberKey.equals(attendee.key())).findFirst().ifPresent(m -> {
                            m.noShow = attendee.noShow() != null && attendee.noShow();
                            m.updatedAt = now;
                            changed.add(m.memberKey + ": " + m.noShow);
                        });
                    }
                    firstBooked(booking, current);
                    booking.updatedAt = now;
                    return bookings.history(booking.id, now, event.trigger(), "no-show " + String.join(", ", changed));
                })));
    }

    /** A session that took place: COMPLETED once, from Cal.com's scheduled end or the room's real end. */
    public Uni<Void> complete(Booking booking, Instant now, String why) {
        if (!booking.status.canBecome(BookingStatus.COMPLETED)) {
            return bookings.history(booking.id, now, why, "kept " + booking.status);
        }
        booking.status = BookingStatus.COMPLETED;
        booking.statusAt = now;
        booking.completedAt = now;
        booking.updatedAt = now;
        return bookings.history(booking.id, now, why, "CREATED → COMPLETED")
                .chain(() -> members.ofBooking(booking.id))
                .chain(current -> record(BookingEvents.BOOKING_COMPLETED, booking, current, null));
    }

    /** The signed link members open to join, valid until the room's grace after the session's end. */
    public String memberLink(Booking booking) {
        Instant end = booking.endAt != null ? booking.endAt : booking.startAt != null ? booking.startAt : clock.instant();
        return joinLinks.memberLink(booking.orgId, booking.uid, end.plus(config.roomGrace()));
    }

    /** Moves the status along the table; the first delivery for a uid sets it whatever it is. */
    private static boolean move(Booking booking, BookingStatus target, Instant at) {
        boolean first = booking.statusAt.equals(NEVER);
        if (first || booking.status.canBecome(target)) {
            booking.status = target;
            booking.statusAt = at;
            return true;
        }
        if (booking.status == target && at.isAfter(booking.statusAt)) {
            booking.statusAt = at;
        }
        return false;
    }

    /**
     * Books the named attendees as members (new ones added; a cancelled seat booked again only by a newer delivery;
     * details of a newer delivery win) and keeps {@code booking.member_*} on the first booked member.
     *
     * @param added receives the new members, for the caller to persist
     * @return whether a member was booked who was not before
     */
    private boolean book(Booking booking, List<BookingMember> current, List<Attendee> named, Instant at, Instant now,
            List<BookingMember> added) {
        boolean changed = false;
        for (Attendee attendee : named) {
            BookingMember member = current.stream().filter(m -> m.memberKey.equals(attendee.key())).findFirst()
                    .orElse(null);
            if (member == null) {
                member = newMember(booking, attendee, BookingMember.BOOKED, at, now);
                current.add(member);
                added.add(member);
                changed = true;
                continue;
            }
            boolean newer = !at.isBefore(member.statusAt);
            if (!member.booked() && at.isAfter(member.statusAt)) {
                member.status = BookingMember.BOOKED;
                changed = true;
            }
            if (newer) {
                member.statusAt = at;
                member.name = or(attendee.name(), member.name);
                member.email = or(attendee.email(), member.email);
                member.phone = or(attendee.phone(), member.phone);
                member.timeZone = or(attendee.timeZone(), member.timeZone);
                member.seatUid = or(attendee.seatUid(), member.seatUid);
            } else {
                member.name = member.name == null ? attendee.name() : member.name;
                member.phone = member.phone == null ? attendee.phone() : member.phone;
                member.timeZone = member.timeZone == null ? attendee.timeZone() : member.timeZone;
            }
            member.updatedAt = now;
        }
        firstBooked(booking, current);
        return changed;
    }

    private static String or(String incoming, String current) {
        return incoming != null ? incoming : current;
    }

    private static BookingMember newMember(Booking booking, Attendee attendee, String status, Instant at, Instant now) {
        BookingMember member = new BookingMember();
        member.id = UUID.randomUUID();
        member.bookingId = booking.id;
        member.memberKey = attendee.key();
        member.name = attendee.name();
        member.email = attendee.email();
        member.phone = attendee.phone();
        member.timeZone = attendee.timeZone();
        member.seatUid = attendee.seatUid();
        member.noShow = attendee.noShow();
        member.status = status;
        member.statusAt = at;
        member.createdAt = now;
        member.updatedAt = now;
        return member;
    }

    /** The seed's single member fields show the first member still booked (kept as they were when none is). */
    private static void firstBooked(Booking booking, List<BookingMember> current) {
        current.stream().filter(BookingMember::booked).findFirst().ifPresent(first -> {
            booking.memberName = first.name;
            booking.memberEmail = first.email;
            booking.memberPhone = first.phone;
            booking.memberTimeZone = first.timeZone;
            booking.memberNoShow = first.noShow;
        });
    }

    /**
     * A room to make for an open booking (now, or {@code room-lead} before a session further ahead), or one of ours
     * to remove from a closed one: the room job does both.
     */
    private void scheduleRoomWork(Booking booking, Instant now) {
        if (booking.roomToRemove()) {
            booking.roomNextAttempt = now;
            booking.roomAttempts = 0;
        } else if (booking.needsRoom()) {
            Instant ahead = booking.startAt == null ? now : booking.startAt.minus(config.roomLead());
            booking.roomNextAttempt = ahead.isAfter(now) ? ahead : now;
            booking.roomAttempts = 0;
        }
    }

    private Uni<Void> announce(Booking booking, List<BookingMember> current, boolean moved, boolean seatsChanged,
            String previousUid) {
        if (!moved) {
            return seatsChanged && !booking.status.isClosed()
                    ? record(BookingEvents.BOOKING_MEMBERS_CHANGED, booking, current, null)
                    : Uni.createFrom().voidItem();
        }
        return switch (booking.status) {
            case CREATED -> record(previousUid == null ? BookingEvents.BOOKING_CREATED
                    : BookingEvents.BOOKING_RESCHEDULED, booking, current, previousUid);
            case CANCELLED, REJECTED -> record(BookingEvents.BOOKING_CANCELLED, booking, current, null);
            default -> seatsChanged ? record(BookingEvents.BOOKING_MEMBERS_CHANGED, booking, current, null)
                    : Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> record(EventType type, Booking booking,
            List<BookingMember> current, String previousUid) {
        return outbox.record(type, booking.uid, changed(booking, current, previousUid)).replaceWithVoid();
    }

    BookingEvents.BookingChanged changed(Booking booking, List<BookingMember> current, String previousUid) {
        List<BookingEvents.Member> booked = current.stream().filter(BookingMember::booked)
                .map(m -> new BookingEvents.Member(m.memberKey, m.name, m.email, m.phone, m.timeZone)).toList();
        return new BookingEvents.BookingChanged(booking.uid, booking.orgId, booking.status.name(), booking.title,
                booking.startAt, booking.endAt, booking.hostName, booking.hostEmail, booking.memberName,
                booking.memberEmail, booking.memberPhone, booking.memberTimeZone, memberLink(booking), previousUid,
                booking.cancellationReason, booked, booking.rescheduleRequested);
    }

    private static Instant sentAt(CalcomEvent event, Instant now) {
        return event.sentAtInstant() == null ? now : event.sentAtInstant();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}

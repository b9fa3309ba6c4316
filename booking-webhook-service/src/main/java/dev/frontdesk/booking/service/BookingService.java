package dev.frontdesk.booking.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.booking.model.Booking;
import dev.frontdesk.booking.model.BookingMember;
import dev.frontdesk.booking.model.BookingStatus;
import dev.frontdesk.booking.model.RoomStatus;
import dev.frontdesk.booking.model.WebhookEndpoint;
import dev.frontdesk.booking.repository.BookingMemberRepository;
import dev.frontdesk.booking.repository.BookingRepository;
import dev.frontdesk.booking.repository.WebhookEndpointRepository;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import dev.frontdesk.platform.rest.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Bookings for hosts and members: joining a session, the dashboard, webhook URLs, and what rooms report. */
@ApplicationScoped
public class BookingService {

    public static final String HOST = "host";

    private final BookingRepository bookings;
    private final BookingMemberRepository members;
    private final WebhookEndpointRepository endpoints;
    private final RoomAssignmentJob roomJob;
    private final JoinLinks joinLinks;
    private final BookingLifecycle lifecycle;
    private final Outbox outbox;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public BookingService(BookingRepository bookings, BookingMemberRepository members,
            WebhookEndpointRepository endpoints, RoomAssignmentJob roomJob, JoinLinks joinLinks,
            BookingLifecycle lifecycle, Outbox outbox, Clock clock) {
        this.bookings = bookings;
        this.members = members;
        this.endpoints = endpoints;
        this.roomJob = roomJob;
        this.joinLinks = joinLinks;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Joining(Booking booking, String roomUrl) {
    }

    /** A member with a signed link joins: their (guest) room URL, never the host's. */
    public Uni<Joining> joinAsMember(String org, String uid, long expires, String signature) {
        if (!joinLinks.valid(org, uid, expires, signature)) {
            return Uni.createFrom().failure(JoinLinkRefusedException.invalid());
        }
        if (Instant.ofEpochSecond(expires).isBefore(clock.instant())) {
            return Uni.createFrom().failure(JoinLinkRefusedException.expired());
        }
        return join(org, uid, JoinLinks.MEMBER);
    }

    /** The host (a staff member or admin of the org, by JWT) joins: the host URL, with the owner token if any. */
    public Uni<Joining> joinAsHost(String org, String uid) {
        return join(org, uid, HOST);
    }

    private Uni<Joining> join(String org, String uid, String role) {
        return Panache.withSession(() -> bookings.findByUid(org, uid))
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No booking " + uid + "."))
                .chain(booking -> {
                    if (booking.status.isClosed()) {
                        return Uni.createFrom().failure(new BookingNotJoinableException(booking.status,
                                "The booking is " + booking.status.name().toLowerCase() + "; there is nothing to join."));
                    }
                    if (booking.status == BookingStatus.PENDING) {
                        return Uni.createFrom().failure(new BookingNotJoinableException(booking.status,
                                "The booking is waiting for the host's confirmation."));
                    }
                    // The seed's fallback: the webhook's room is not there yet, so make it now.
                    return booking.roomStatus == RoomStatus.NOT_CREATED ? roomJob.assign(booking)
                            : Uni.createFrom().item(booking);
                })
                .chain(booking -> Panache.withTransaction(() -> bookings.lock(booking.id).chain(locked -> {
                    Instant now = clock.instant();
                    boolean host = HOST.equals(role);
                    if (host) {
                        locked.hostJoined = true;
                        locked.hostJoinedAt = locked.hostJoinedAt == null ? now : locked.hostJoinedAt;
                    } else {
                        locked.memberJoined = true;
                        locked.memberJoinedAt = locked.memberJoinedAt == null ? now : locked.memberJoinedAt;
                    }
                    locked.updatedAt = now;
                    return bookings.history(locked.id, now, "join", role)
                            .chain(() -> outbox.record(BookingEvents.BOOKING_JOINED, locked.uid,
                                    new BookingEvents.Joined(locked.uid, locked.orgId, role, now)))
                            .replaceWith(new Joining(locked, host ? locked.hostUrl : locked.guestUrl));
                })));
    }

    /** call-service: someone joined a booked room. Runs in the consumer's inbox transaction. */
    public Uni<Void> participantJoined(BookingEvents.ParticipantJoined joined) {
        return bookings.lockByRoom(joined.org(), joined.roomName()).chain(booking -> {
            if (booking == null) {
                return Uni.createFrom().voidItem();
            }
            Instant at = joined.joinedAt() == null ? clock.instant() : joined.joinedAt();
            boolean host = ("host-" + booking.uid).equals(joined.participant())
                    || (joined.participant() == null && Boolean.TRUE.equals(joined.owner()));
            // The room's own report; hostJoined/memberJoined say someone asked to join (set here too when a
            // participant came in by the room's URL without asking us).
            if (host) {
                booking.hostJoined = true;
                booking.hostJoinedAt = booking.hostJoinedAt == null ? at : booking.hostJoinedAt;
                booking.hostParticipantJoinedAt = booking.hostParticipantJoinedAt == null ? at
                        : booking.hostParticipantJoinedAt;
            } else {
                booking.memberJoined = true;
                booking.memberJoinedAt = booking.memberJoinedAt == null ? at : booking.memberJoinedAt;
                booking.memberParticipantJoinedAt = booking.memberParticipantJoinedAt == null ? at
                        : booking.memberParticipantJoinedAt;
            }
            booking.roomStatus = booking.roomStatus == RoomStatus.NOT_CREATED ? RoomStatus.ACTIVE : booking.roomStatus;
            booking.updatedAt = clock.instant();
            return bookings.history(booking.id, clock.instant(), "room", (host ? "host" : "member") + " joined");
        });
    }

    /** call-service: the booked room's meeting is over; the session took place. */
    public Uni<Void> roomEnded(BookingEvents.RoomEnded ended) {
        return bookings.lockByRoom(ended.org(), ended.roomName()).chain(booking -> {
            if (booking == null) {
                return Uni.createFrom().voidItem();
            }
            booking.roomStatus = RoomStatus.ENDED;
            return lifecycle.complete(booking, clock.instant(), "room ended");
        });
    }

    @WithSession
    public Uni<Page<Booking>> page(String org, BookingStatus status, Instant from, Instant to, int page, int size) {
        return bookings.page(org, status, from, to, page, size);
    }

    public record BookingWithHistory(Booking booking, List<BookingMember> members, String memberLink,
            List<BookingRepository.HistoryEntry> history) {
    }

    @WithSession
    public Uni<BookingWithHistory> get(String org, String uid) {
        return bookings.findByUid(org, uid)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No booking " + uid + "."))
                .chain(booking -> members.ofBooking(booking.id).chain(people -> bookings.historyOf(booking.id)
                        .map(history -> new BookingWithHistory(booking, people, lifecycle.memberLink(booking), history))));
    }

    /** A new Cal.com webhook URL for the org, with a fresh secret (shown once, to paste into Cal.com). */
    @WithTransaction
    public Uni<WebhookEndpoint> createEndpoint(String org) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.orgId = org;
        endpoint.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        endpoint.createdAt = clock.instant();
        return endpoints.persist(endpoint);
    }

    /** Removes a webhook URL: Cal.com's deliveries to it are refused (404) from now on. */
    @WithTransaction
    public Uni<Void> disableEndpoint(String org, UUID id) {
        return endpoints.findActive(id)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No webhook " + id + "."))
                .invoke(endpoint -> {
                    if (!endpoint.orgId.equals(org)) {
                        throw new ResourceNotFoundException("No webhook " + id + ".");
                    }
                    endpoint.disabledAt = clock.instant();
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<WebhookEndpoint>> endpoints(String org) {
        return endpoints.listByOrg(org);
    }
}

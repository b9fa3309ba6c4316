package dev.frontdesk.booking.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.platform.rooms.CallServiceRejectedException;
import dev.frontdesk.platform.rooms.CallServiceRooms;
import dev.frontdesk.booking.config.BookingsConfig;
import dev.frontdesk.booking.model.Booking;
import dev.frontdesk.booking.model.RoomStatus;
import dev.frontdesk.booking.repository.BookingRepository;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.ServiceUnavailableException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Makes the rooms of open bookings and removes ours from closed ones, by asking call-service. Work is a column
 * ({@code room_next_attempt}), so it survives restarts; replicas lease due bookings ({@code SKIP LOCKED}); a
 * failure (call-service down) is retried with a growing pause. Webhooks nudge it right after they commit.
 */
@ApplicationScoped
public class RoomAssignmentJob {

    private static final Logger LOG = Logger.getLogger(RoomAssignmentJob.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 20;
    /** call-service refusing a request (4xx) is not an outage: after this many tries the job stops asking. */
    private static final int MAX_REFUSED_ATTEMPTS = 5;

    private final BookingRepository bookings;
    private final CallServiceRooms rooms;
    private final Outbox outbox;
    private final BookingsConfig config;
    private final Clock clock;

    public RoomAssignmentJob(BookingRepository bookings, CallServiceRooms rooms, Outbox outbox, BookingsConfig config,
            Clock clock) {
        this.bookings = bookings;
        this.rooms = rooms;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${frontdesk.bookings.room-job-every:15s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "booking-rooms")
    Uni<Void> scheduled() {
        return work().replaceWithVoid();
    }

    /** Handles every booking whose room work is due; returns how many this replica took. */
    public Uni<Integer> work() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> bookings.claimRoomWork(now, now.plus(LEASE), BATCH))
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> process(id)
                                .onFailure().recoverWithItem(failure -> null))
                        .collect().asList().map(List::size))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Booking room job failed, the next run retries: %s", failure.getMessage());
                    return 0;
                });
    }

    private Uni<Void> process(UUID id) {
        return Panache.withSession(() -> bookings.findById(id)).chain(booking -> {
            if (booking == null) {
                return Uni.createFrom().voidItem();
            }
            if (booking.needsRoom()) {
                return assign(booking).replaceWithVoid();
            }
            if (booking.roomToRemove()) {
                return remove(booking);
            }
            return Panache.withTransaction(() -> bookings.lock(id).invoke(locked -> locked.roomNextAttempt = null))
                    .replaceWithVoid();
        });
    }

    /**
     * Makes the booking's room now: the job's work, and the join endpoint's fallback when a member arrives before
     * the room exists. A call-service outage is a 503 here and a later retry for the job.
     */
    public Uni<Booking> assign(Booking booking) {
        Instant now = clock.instant();
        Instant end = booking.endAt != null ? booking.endAt : now.plus(Duration.ofHours(1));
        return rooms.create(booking.orgId, roomName(booking.uid), end.plus(config.roomGrace()),
                new CallServiceRooms.Person("host-" + booking.uid, booking.hostName),
                new CallServiceRooms.Person("member-" + booking.uid, booking.memberName))
                .onFailure().call(failure -> failed(booking.id, failure))
                .onFailure().transform(failure -> new ServiceUnavailableException(
                        "The video room cannot be made right now; try again shortly."))
                .chain(room -> Panache.withTransaction(() -> bookings.lock(booking.id).chain(locked -> {
                    if (locked.roomSource != null) {
                        return Uni.createFrom().item(locked);
                    }
                    locked.roomSource = Booking.ROOM_FROM_FRONTDESK;
                    locked.roomName = room.name();
                    locked.roomUrl = room.url();
                    locked.hostUrl = room.hostUrl();
                    locked.guestUrl = room.guestUrl();
                    locked.roomStatus = RoomStatus.ACTIVE;
                    locked.roomAttempts = 0;
                    locked.roomLastError = null;
                    // Cancelled while the room was being made: remove it on the next run.
                    locked.roomNextAttempt = locked.roomToRemove() ? clock.instant() : null;
                    locked.updatedAt = clock.instant();
                    return bookings.history(locked.id, clock.instant(), "room", "assigned " + room.name())
                            .chain(() -> outbox.record(BookingEvents.BOOKING_ROOM_ASSIGNED, locked.uid,
                                    new BookingEvents.RoomAssigned(locked.uid, locked.orgId, room.name(), room.url(),
                                            Booking.ROOM_FROM_FRONTDESK)))
                            .replaceWith(locked);
                })));
    }

    private Uni<Void> remove(Booking booking) {
        return rooms.delete(booking.orgId, booking.roomName)
                .chain(() -> Panache.withTransaction(() -> bookings.lock(booking.id).chain(locked -> {
                    locked.roomRemovedAt = clock.instant();
                    locked.roomStatus = RoomStatus.ENDED;
                    locked.roomNextAttempt = null;
                    locked.roomAttempts = 0;
                    locked.updatedAt = clock.instant();
                    return bookings.history(locked.id, clock.instant(), "room", "removed " + locked.roomName);
                })))
                .onFailure().call(failure -> failed(booking.id, failure));
    }

    private Uni<Void> failed(UUID bookingId, Throwable failure) {
        LOG.infof("Room work for booking %s failed (%s): retrying later", bookingId, failure.getMessage());
        return Panache.withTransaction(() -> bookings.lock(bookingId).invoke(locked -> {
            locked.roomAttempts++;
            locked.roomLastError = String.valueOf(failure.getMessage());
            if (failure instanceof CallServiceRejectedException && locked.roomAttempts >= MAX_REFUSED_ATTEMPTS) {
                LOG.warnf("call-service keeps refusing the room of booking %s; the job gives up (joining still tries)",
                        bookingId);
                locked.roomNextAttempt = null;
                return;
            }
            long pause = Math.min(config.roomRetryMax().toMillis(),
                    config.roomRetryInitial().toMillis() * (1L << Math.min(locked.roomAttempts - 1, 20)));
            locked.roomNextAttempt = clock.instant().plusMillis(pause);
        })).replaceWithVoid().onFailure().recoverWithNull();
    }

    /** {@code bk-<uid>}: deterministic, so a retried create finds the room instead of making another. */
    static String roomName(String uid) {
        String safe = uid.replaceAll("[^A-Za-z0-9_-]", "-");
        return "bk-" + (safe.length() > 33 ? safe.substring(0, 33) : safe);
    }
}

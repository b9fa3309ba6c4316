package dev.frontdesk.booking.service;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.booking.config.BookingsConfig;
import dev.frontdesk.booking.model.Booking;
import dev.frontdesk.booking.model.BookingStatus;
import dev.frontdesk.booking.repository.BookingRepository;
import dev.frontdesk.booking.repository.WebhookEndpointRepository;
import dev.frontdesk.platform.jobs.BackgroundTasks;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.input.JsonProblems;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import io.quarkus.hibernate.reactive.panache.Panache;
import dev.frontdesk.platform.problem.InvalidSignatureException;
import io.smallrye.mutiny.Uni;

/**
 * Cal.com webhooks: verified over the raw body before anything is read, recorded once (Cal.com may deliver twice),
 * then applied to the booking they name. Deliveries can arrive out of order: a booking's status only moves for
 * a webhook at least as new as the one that set it, and a closed booking (cancelled, rejected, rescheduled) is
 * never reopened by a late create.
 */
@ApplicationScoped
public class BookingWebhookService {

    private static final Logger LOG = Logger.getLogger(BookingWebhookService.class);
    private static final Instant NEVER = Instant.EPOCH;

    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED, PING
    }

    private final WebhookEndpointRepository endpoints;
    private final BookingRepository bookings;
    private final Outbox outbox;
    private final JoinLinks joinLinks;
    private final RoomAssignmentJob roomJob;
    private final BackgroundTasks background;
    private final BookingsConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    public BookingWebhookService(WebhookEndpointRepository endpoints, BookingRepository bookings, Outbox outbox,
            JoinLinks joinLinks, RoomAssignmentJob roomJob, BackgroundTasks background, BookingsConfig config,
            ObjectMapper mapper, Clock clock) {
        this.endpoints = endpoints;
        this.bookings = bookings;
        this.outbox = outbox;
        this.joinLinks = joinLinks;
        this.roomJob = roomJob;
        this.background = background;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Uni<Outcome> receive(UUID endpointId, byte[] rawBody, String signature) {
        return Panache.withSession(() -> endpoints.findActive(endpointId))
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No Cal.com webhook " + endpointId + "."))
                .chain(endpoint -> {
                    if (!CalcomSignature.valid(endpoint.secret, rawBody, signature)) {
                        // Never the body: it names people and may carry a Daily owner token.
                        LOG.warnf("Cal.com webhook %s refused: %s signature, %d bytes", endpointId,
                                signature == null ? "no" : "a wrong", rawBody.length);
                        throw new InvalidSignatureException("X-Cal-Signature-256", signature == null
                                ? "X-Cal-Signature-256 is missing: set the webhook's secret in Cal.com."
                                : "X-Cal-Signature-256 does not match the body under this endpoint's secret.");
                    }
                    CalcomEvent event = CalcomEvent.of(parse(rawBody));
                    if ("PING".equals(event.trigger())) {
                        return Uni.createFrom().item(Outcome.PING);
                    }
                    boolean known = isHandled(event.trigger());
                    return Panache.withTransaction(() -> endpoints.receive(endpointId, event.trigger(), event.uid(),
                            event.sentAt(), sha256(rawBody), known ? "applied" : "ignored", clock.instant())
                            .chain(first -> {
                                if (!first) {
                                    return Uni.createFrom().item(Outcome.DUPLICATE);
                                }
                                if (!known) {
                                    LOG.infof("Cal.com %s acknowledged and ignored", event.trigger());
                                    return Uni.createFrom().item(Outcome.IGNORED);
                                }
                                return apply(endpoint.orgId, event).replaceWith(Outcome.APPLIED);
                            }));
                })
                .invoke(outcome -> {
                    if (outcome == Outcome.APPLIED) {
                        background.runSoon("booking rooms", roomJob::work);
                    }
                });
    }

    private static boolean isHandled(String trigger) {
        return switch (trigger) {
            case "BOOKING_CREATED", "BOOKING_REQUESTED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED", "BOOKING_REJECTED",
                    "MEETING_STARTED", "MEETING_ENDED", "BOOKING_NO_SHOW_UPDATED" -> true;
            default -> false;
        };
    }

    private Uni<Void> apply(String org, CalcomEvent event) {
        if (event.uid() == null) {
            return Uni.createFrom().failure(new InvalidRequestException("A " + event.trigger() + " webhook names a booking uid."));
        }
        return switch (event.trigger()) {
            case "BOOKING_CREATED" -> upsert(org, event, event.uid(),
                    "PENDING".equals(event.text("status")) ? BookingStatus.PENDING : BookingStatus.CREATED, null);
            case "BOOKING_REQUESTED" -> upsert(org, event, event.uid(), BookingStatus.PENDING, null);
            case "BOOKING_RESCHEDULED" -> reschedule(org, event);
            case "BOOKING_CANCELLED" -> upsert(org, event, event.uid(), BookingStatus.CANCELLED, null);
            case "BOOKING_REJECTED" -> upsert(org, event, event.uid(), BookingStatus.REJECTED, null);
            case "MEETING_STARTED" -> bookings.findByUid(org, event.uid()).chain(booking -> booking == null
                    ? Uni.createFrom().voidItem()
                    : bookings.history(booking.id, clock.instant(), event.trigger(), "scheduled start"));
            case "MEETING_ENDED" -> meetingEnded(org, event);
            case "BOOKING_NO_SHOW_UPDATED" -> noShow(org, event);
            default -> Uni.createFrom().voidItem();
        };
    }

    /** Sets the booking of {@code uid} from the event, and its status if the event is new enough. */
    private Uni<Void> upsert(String org, CalcomEvent event, String uid, BookingStatus target, String rescheduledFrom) {
        Instant now = clock.instant();
        Instant at = event.sentAtInstant() == null ? now : event.sentAtInstant();
        return bookings.lockOrCreate(org, uid, now).chain(booking -> {
            boolean newer = !at.isBefore(booking.statusAt);
            BookingDetails.fill(booking, event, newer);
            if (rescheduledFrom != null) {
                booking.rescheduledFrom = rescheduledFrom;
            }
            BookingStatus before = booking.statusAt.equals(NEVER) ? null : booking.status;
            boolean reopens = booking.status.isClosed() && !target.isClosed() && before != null;
            if (newer && !reopens) {
                booking.status = target;
                booking.statusAt = at;
            }
            if (target == BookingStatus.CANCELLED || target == BookingStatus.REJECTED) {
                booking.cancellationReason = firstNonNull(event.text("cancellationReason"), event.text("rejectionReason"),
                        booking.cancellationReason);
                booking.cancelledBy = firstNonNull(event.text("cancelledBy"), booking.cancelledBy);
            }
            scheduleRoomWork(booking, now);
            booking.updatedAt = now;
            boolean changed = booking.status != before;
            String detail = changed ? (before == null ? "" : before + " → ") + booking.status
                    : "kept " + booking.status + " (a newer delivery already set it)";
            return bookings.history(booking.id, now, event.trigger(), detail)
                    .chain(() -> changed ? announce(booking, rescheduledFrom) : Uni.createFrom().voidItem());
        });
    }

    private Uni<Void> reschedule(String org, CalcomEvent event) {
        String previousUid = event.text("rescheduleUid");
        Instant now = clock.instant();
        Instant at = event.sentAtInstant() == null ? now : event.sentAtInstant();
        Uni<Void> replacement = upsert(org, event, event.uid(), BookingStatus.CREATED, previousUid);
        if (previousUid == null) {
            return replacement;
        }
        return replacement.chain(() -> bookings.lockOrCreate(org, previousUid, now)).chain(previous -> {
            previous.rescheduledTo = event.uid();
            boolean first = previous.status != BookingStatus.RESCHEDULED;
            if (!at.isBefore(previous.statusAt) || !previous.status.isClosed()) {
                previous.status = BookingStatus.RESCHEDULED;
                previous.statusAt = at;
            }
            scheduleRoomWork(previous, now);
            previous.updatedAt = now;
            return bookings.history(previous.id, now, event.trigger(),
                    first ? "rescheduled to " + event.uid() : "already rescheduled");
        });
    }

    private Uni<Void> meetingEnded(String org, CalcomEvent event) {
        Instant now = clock.instant();
        return bookings.findByUid(org, event.uid()).chain(found -> found == null ? Uni.createFrom().voidItem()
                : bookings.lock(found.id).chain(booking -> complete(booking, now, "MEETING_ENDED")));
    }

    /** A session that took place: COMPLETED once, from Cal.com's scheduled end or the room's real end. */
    Uni<Void> complete(Booking booking, Instant now, String why) {
        if (booking.status != BookingStatus.CREATED) {
            return bookings.history(booking.id, now, why, "kept " + booking.status);
        }
        booking.status = BookingStatus.COMPLETED;
        booking.statusAt = now;
        booking.completedAt = now;
        booking.updatedAt = now;
        return bookings.history(booking.id, now, why, "CREATED → COMPLETED")
                .chain(() -> outbox.record(BookingEvents.BOOKING_COMPLETED, booking.uid, changed(booking, null)))
                .replaceWithVoid();
    }

    private Uni<Void> noShow(String org, CalcomEvent event) {
        Instant now = clock.instant();
        return bookings.findByUid(org, event.uid()).chain(found -> {
            if (found == null) {
                return Uni.createFrom().voidItem();
            }
            return bookings.lock(found.id).chain(booking -> {
                for (JsonNode attendee : event.booking().path("attendees")) {
                    String email = CalcomEvent.text(attendee, "email");
                    if (email != null && email.equalsIgnoreCase(booking.memberEmail)) {
                        booking.memberNoShow = attendee.path("noShow").asBoolean(false);
                    }
                }
                booking.updatedAt = now;
                return bookings.history(booking.id, now, event.trigger(), "member no-show: " + booking.memberNoShow);
            });
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

    private Uni<Void> announce(Booking booking, String previousUid) {
        return switch (booking.status) {
            case CREATED -> outbox.record(previousUid == null ? BookingEvents.BOOKING_CREATED
                    : BookingEvents.BOOKING_RESCHEDULED, booking.uid, changed(booking, previousUid)).replaceWithVoid();
            case CANCELLED, REJECTED -> outbox.record(BookingEvents.BOOKING_CANCELLED, booking.uid,
                    changed(booking, null)).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    BookingEvents.BookingChanged changed(Booking booking, String previousUid) {
        return new BookingEvents.BookingChanged(booking.uid, booking.orgId, booking.status.name(), booking.title,
                booking.startAt, booking.endAt, booking.hostName, booking.hostEmail, booking.memberName,
                booking.memberEmail, booking.memberPhone, booking.memberTimeZone, memberLink(booking), previousUid,
                booking.cancellationReason);
    }

    public String memberLink(Booking booking) {
        Instant end = booking.endAt != null ? booking.endAt : booking.startAt != null ? booking.startAt : clock.instant();
        return joinLinks.memberLink(booking.orgId, booking.uid, end.plus(config.roomGrace()));
    }

    private JsonNode parse(byte[] rawBody) {
        try {
            JsonNode body = mapper.readTree(rawBody);
            if (body == null || !body.isObject()) {
                throw new InvalidRequestException("The body is not a JSON object.");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        } catch (IOException e) {
            throw new InvalidRequestException("The body is not well-formed JSON.");
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

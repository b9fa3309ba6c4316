package dev.frontdesk.call.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.call.config.CallsConfig;
import dev.frontdesk.call.model.Call;
import dev.frontdesk.call.model.CallAction;
import dev.frontdesk.call.model.CallStatus;
import dev.frontdesk.call.model.DirectoryUser;
import dev.frontdesk.call.model.Room;
import dev.frontdesk.call.repository.CallRepository;
import dev.frontdesk.call.repository.DirectoryUserRepository;
import dev.frontdesk.call.repository.RoomRepository;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.problem.AccessDeniedException;
import dev.frontdesk.platform.problem.InvalidRequestException;
import dev.frontdesk.platform.problem.ResourceNotFoundException;
import dev.frontdesk.platform.problem.StateConflictException;
import dev.frontdesk.platform.rest.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Staff↔client calls. Every status change goes through {@link #transition}: the call row is locked, the change
 * is checked against {@link CallStatus}, and the row, its history and its event are written in one transaction.
 */
@ApplicationScoped
public class CallService {

    private static final Logger LOG = Logger.getLogger(CallService.class);

    /** Actors of server-side changes. */
    public static final String SYSTEM = "system";
    public static final String DAILY = "daily";
    public static final String NOTIFICATIONS = "notification-service";

    private final CallRepository calls;
    private final DirectoryUserRepository users;
    private final RoomRepository roomRepository;
    private final DirectoryService directory;
    private final RoomService rooms;
    private final RingTimeoutJob ringTimeouts;
    private final Outbox outbox;
    private final CallsConfig config;
    private final Clock clock;

    public CallService(CallRepository calls, DirectoryUserRepository users, RoomRepository roomRepository,
            DirectoryService directory, RoomService rooms, RingTimeoutJob ringTimeouts, Outbox outbox, CallsConfig config,
            Clock clock) {
        this.calls = calls;
        this.users = users;
        this.roomRepository = roomRepository;
        this.directory = directory;
        this.rooms = rooms;
        this.ringTimeouts = ringTimeouts;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** A call with what its screens show: the room and both parties as the directory knows them. */
    public record CallDetails(Call call, Room room, DirectoryUser caller, DirectoryUser callee) {
    }

    private record Parties(DirectoryUser caller, DirectoryUser callee) {
    }

    /**
     * Starts a call from {@code callerId} to {@code calleeId}: staff call clients of their company and clients call
     * its staff. The room is created first (outside the transaction); the call, both parties' lines, the room and
     * {@code call.initiated} are then stored together, or not at all.
     */
    public Uni<CallDetails> start(String orgId, String callerId, String calleeId) {
        if (callerId.equals(calleeId)) {
            return Uni.createFrom().failure(new InvalidRequestException("You cannot call yourself."));
        }
        UUID callId = UUID.randomUUID();
        return Panache.withSession(() -> parties(orgId, callerId, calleeId))
                .chain(parties -> rooms.provision(orgId, CALL_ROOMS_OWNER, new NewRoom(roomName(callId), config.roomExpiry(), null, 2,
                        false, new VideoProvider.Participant(callerId, parties.caller().name),
                        new VideoProvider.Participant(calleeId, parties.callee().name)))
                        .chain(room -> Panache.withTransaction(() -> store(callId, parties, room))
                                .onFailure().call(failure -> rooms.discard(room))
                                .map(call -> new CallDetails(call, room, parties.caller(), parties.callee()))))
                .invoke(details -> ringTimeouts.wakeAt(details.call().ringDeadline));
    }

    private Uni<Parties> parties(String orgId, String callerId, String calleeId) {
        return directory.member(orgId, callerId)
                .chain(caller -> users.findUser(orgId, calleeId)
                        .onItem().ifNull().failWith(() -> new ResourceNotFoundException("No user " + calleeId + "."))
                        .map(callee -> {
                            if (!callee.companyId.equals(caller.companyId)) {
                                throw new AccessDeniedException("You can only call people of your own company.");
                            }
                            if (callee.role.equals(caller.role)) {
                                throw new AccessDeniedException("Staff call clients, and clients call staff.");
                            }
                            return new Parties(caller, callee);
                        }))
                // Saves a room at the provider for the common busy case; the lines decide races.
                .call(parties -> calls.onALine(orgId, calleeId).invoke(busy -> {
                    if (busy) {
                        throw new StateConflictException(parties.callee().name + " is busy on another call.");
                    }
                }));
    }

    private Uni<Call> store(UUID callId, Parties parties, Room room) {
        Instant now = clock.instant();
        Call call = new Call();
        call.id = callId;
        call.orgId = room.orgId;
        call.companyId = parties.caller().companyId;
        call.callerId = parties.caller().userId;
        call.calleeId = parties.callee().userId;
        call.initiatedBy = parties.caller().role;
        call.status = CallStatus.INITIATED;
        call.roomName = room.name;
        call.roomId = room.id;
        call.createdAt = now;
        call.ringDeadline = now.plus(config.ringTimeout());
        return rooms.save(room)
                .chain(() -> calls.persistAndFlush(call))
                .chain(() -> calls.takeLine(call.orgId, call.calleeId, call.id))
                .invoke(taken -> {
                    if (!taken) {
                        throw new StateConflictException(parties.callee().name + " is busy on another call.");
                    }
                })
                .chain(() -> calls.takeLine(call.orgId, call.callerId, call.id))
                .invoke(taken -> {
                    if (!taken) {
                        throw new StateConflictException("You are on another call already; end it first.");
                    }
                })
                .chain(() -> outbox.record(CallEvents.CALL_INITIATED, call.id.toString(), initiated(call, room, parties)))
                .replaceWith(call);
    }

    private static CallEvents.CallInitiated initiated(Call call, Room room, Parties parties) {
        DirectoryUser caller = parties.caller();
        DirectoryUser callee = parties.callee();
        return new CallEvents.CallInitiated(call.id.toString(), call.orgId, call.companyId.toString(), caller.userId,
                caller.name, caller.avatarUrl, party(caller), callee.userId, party(callee), room.name, room.url,
                room.guestUrl, call.createdAt, call.ringDeadline);
    }

    private static CallEvents.Party party(DirectoryUser user) {
        return new CallEvents.Party(user.userId, user.name, user.avatarUrl, user.role);
    }

    /** Answer, decline, cancel or end, as a party of the call. */
    public Uni<CallDetails> act(String orgId, String userId, UUID callId, CallAction action) {
        return Panache.withTransaction(() -> calls.lock(callId)
                .chain(call -> {
                    if (call == null || !call.orgId.equals(orgId) || !call.hasParty(userId)) {
                        return Uni.createFrom().failure(new ResourceNotFoundException("No call " + callId + "."));
                    }
                    if (!action.allowedFor(call, userId)) {
                        return Uni.createFrom().failure(new AccessDeniedException(action.whoMay()));
                    }
                    return transition(call, action.target(), userId, null);
                }))
                .chain(this::details);
    }

    /** A call as one of its parties, or any admin of its organization, may see it. */
    public Uni<CallDetails> get(String orgId, String userId, boolean admin, UUID callId) {
        return Panache.withSession(() -> calls.findById(callId)
                .chain(call -> {
                    if (call == null || !call.orgId.equals(orgId) || !(admin || call.hasParty(userId))) {
                        return Uni.createFrom().failure(new ResourceNotFoundException("No call " + callId + "."));
                    }
                    return details(call);
                }));
    }

    /** notification-service reached the callee: their screen rings. Runs in the consumer's inbox transaction. */
    public Uni<Void> ringing(String callId, String recipient, Instant deliveredAt) {
        UUID id = parseId(callId);
        if (id == null) {
            return Uni.createFrom().voidItem();
        }
        return calls.lock(id).chain(call -> {
            if (call == null || call.status != CallStatus.INITIATED || !call.calleeId.equals(recipient)) {
                return Uni.createFrom().voidItem();
            }
            return transition(call, CallStatus.RINGING, NOTIFICATIONS, null).replaceWithVoid();
        });
    }

    /**
     * Every call still unanswered past its ring deadline becomes MISSED. Safe on several replicas: a call is taken
     * by one sweep only (row locks, SKIP LOCKED) and a call that is no longer ringing is never touched.
     */
    public Uni<Integer> missOverdue() {
        return Panache.withTransaction(() -> calls.lockOverdue(clock.instant(), config.missBatchSize())
                .chain(overdue -> Multi.createFrom().iterable(overdue)
                        .onItem().transformToUniAndConcatenate(call -> transition(call, CallStatus.MISSED, SYSTEM, null))
                        .collect().asList()
                        .map(List::size)));
    }

    /** Daily: the callee joined the room; if the call is still ringing, that is an answer. In the webhook's transaction. */
    public Uni<Void> joinedRoom(UUID roomId, String userId) {
        return calls.lockByRoom(roomId).chain(call -> {
            if (call == null || userId == null || !call.status.isRinging() || !call.calleeId.equals(userId)) {
                return Uni.createFrom().voidItem();
            }
            return transition(call, CallStatus.ANSWERED, DAILY, null).replaceWithVoid();
        });
    }

    /**
     * Daily: the meeting is over. An answered call ends with the provider's duration; a call a party ended already
     * keeps its status and takes the provider's duration, which is the one billing trusts. Returns the call, if any.
     */
    public Uni<Call> meetingEnded(UUID roomId, Instant startedAt, Instant endedAt) {
        long measured = startedAt == null || endedAt == null ? -1 : Duration.between(startedAt, endedAt).toSeconds();
        Integer providerSeconds = measured < 0 || measured > Integer.MAX_VALUE ? null : (int) measured;
        return calls.lockByRoom(roomId).chain(call -> {
            if (call == null) {
                return Uni.createFrom().nullItem();
            }
            if (call.status == CallStatus.ANSWERED) {
                return transition(call, CallStatus.ENDED, DAILY, providerSeconds);
            }
            if (call.status == CallStatus.ENDED && providerSeconds != null) {
                call.durationSeconds = providerSeconds;
                call.durationSource = "provider";
            }
            return Uni.createFrom().item(call);
        });
    }

    /** Daily: a recording of the call's room can be downloaded. */
    public Uni<Call> recordingReady(UUID roomId, String recordingId, String s3Key, Integer seconds) {
        return calls.lockByRoom(roomId).invoke(call -> {
            if (call != null) {
                call.recordingId = recordingId;
                call.recordingKey = s3Key;
                call.recordingSeconds = seconds;
            }
        });
    }

    /**
     * The one way a call changes status. The caller holds the row lock ({@link CallRepository#lock}).
     *
     * @param providerSeconds the duration the media provider measured, when it reports the end
     */
    private Uni<Call> transition(Call call, CallStatus to, String actor, Integer providerSeconds) {
        CallStatus from = call.status;
        if (!from.canBecome(to)) {
            return Uni.createFrom().failure(new StateConflictException(
                    "The call is " + from + "; it cannot become " + to + "."));
        }
        Instant now = clock.instant();
        call.status = to;
        switch (to) {
            case RINGING -> call.ringingAt = now;
            case ANSWERED -> call.answeredAt = now;
            case ENDED -> {
                call.endedAt = now;
                call.endedBy = actor;
                if (providerSeconds != null) {
                    call.durationSeconds = providerSeconds;
                    call.durationSource = "provider";
                } else {
                    call.durationSeconds = (int) Duration.between(call.answeredAt, now).toSeconds();
                    call.durationSource = "parties";
                }
            }
            default -> {
                call.endedAt = now;
                call.endedBy = actor;
            }
        }
        LOG.debugf("Call %s: %s -> %s by %s", call.id, from, to, actor);
        return calls.recordTransition(call.id, from, to, actor, now)
                .chain(() -> to.isFinal() ? calls.releaseLines(call.id) : Uni.createFrom().voidItem())
                .chain(() -> users.findUsers(call.orgId, List.of(call.callerId, call.calleeId)))
                .chain(people -> {
                    // The parties' names as the directory knows them now (null for a user no longer in it).
                    Map<String, String> names = people.stream()
                            .collect(Collectors.toMap(user -> user.userId, user -> user.name, (a, b) -> a));
                    return outbox.record(CallEvents.statusEvent(to), call.id.toString(), new CallEvents.CallUpdated(
                            call.id.toString(), call.orgId, call.callerId, call.calleeId, to, from, actor, now,
                            call.answeredAt, call.endedAt, call.durationSeconds, call.roomName,
                            names.get(call.callerId), names.get(call.calleeId)));
                })
                .replaceWith(call);
    }

    /** History of the user's calls, or of the whole organization for an admin ({@code userId} null). */
    public Uni<Page<CallDetails>> history(String orgId, String userId, CallStatus status, Instant from, Instant to,
            int page, int size) {
        return Panache.withSession(() -> calls.history(orgId, userId, status, from, to, page, size)
                .chain(found -> {
                    Set<String> ids = new HashSet<>();
                    found.items().forEach(call -> {
                        ids.add(call.callerId);
                        ids.add(call.calleeId);
                    });
                    return users.findUsers(orgId, ids).map(people -> {
                        Map<String, DirectoryUser> byId = people.stream()
                                .collect(Collectors.toMap(user -> user.userId, Function.identity()));
                        return found.map(call -> new CallDetails(call, null, byId.get(call.callerId),
                                byId.get(call.calleeId)));
                    });
                }));
    }

    /** Per staff member (or just {@code staffId}), over [from, to); by default the last 30 days. */
    public Uni<List<CallRepository.StaffStats>> stats(String orgId, String staffId, Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            return Uni.createFrom().failure(new InvalidRequestException("'from' must be before 'to'."));
        }
        return Panache.withSession(() -> calls.staffStats(orgId, staffId, start, end));
    }

    private Uni<CallDetails> details(Call call) {
        return roomRepository.findById(call.roomId)
                .chain(room -> users.findUsers(call.orgId, List.of(call.callerId, call.calleeId))
                        .map(people -> new CallDetails(call, room,
                                people.stream().filter(u -> u.userId.equals(call.callerId)).findFirst().orElse(null),
                                people.stream().filter(u -> u.userId.equals(call.calleeId)).findFirst().orElse(null))));
    }

    /** A call's room is call-service's own: the parties reach it through the call, not the rooms API. */
    static final String CALL_ROOMS_OWNER = "service:call-service";

    /** Deterministic, so that a provider create whose answer was lost finds its room again. */
    static String roomName(UUID callId) {
        return "call-" + callId.toString().replace("-", "").substring(0, 24);
    }

    private static UUID parseId(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException notACallId) {
            return null;
        }
    }
}

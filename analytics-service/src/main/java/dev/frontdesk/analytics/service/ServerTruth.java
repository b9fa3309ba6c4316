package dev.frontdesk.analytics.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.analytics.repository.ServerTruthRepository;
import io.smallrye.mutiny.Uni;

/**
 * The real end of calls, as call-service reports them, recorded under the call id, the room name and the room's
 * name at the provider (the widget may send any of them as its call reference: a browser knows a room by its URL,
 * whose last segment is the provider's name). Runs inside the consumer's inbox transaction.
 */
@ApplicationScoped
public class ServerTruth {

    private final ServerTruthRepository truths;

    public ServerTruth(ServerTruthRepository truths) {
        this.truths = truths;
    }

    public Uni<Void> callEnded(AnalyticsEvents.CallEnded ended) {
        return ended.durationSeconds() == null ? Uni.createFrom().voidItem()
                : record(Arrays.asList(ended.callId(), ended.roomName()), ended.endedAt(), ended.durationSeconds(),
                        "call.ended");
    }

    /**
     * Widgets name video rooms that Frontdesk's services made (invites, bookings, calls): a room a user made through the
     * rooms API may carry one of those names (names are unique per owner only) and must not stand for them.
     */
    public Uni<Void> roomEnded(AnalyticsEvents.RoomEnded ended) {
        if (ended.durationSeconds() == null) {
            return Uni.createFrom().voidItem();
        }
        boolean servicesRoom = ended.roomOwner() != null && ended.roomOwner().startsWith("service:");
        List<String> refs = servicesRoom ? Arrays.asList(ended.callId(), ended.roomName(), ended.providerRoomName())
                : Collections.singletonList(ended.callId());
        return record(refs, ended.endedAt(), ended.durationSeconds(), "room.ended");
    }

    /** Records the end under each distinct, non-null reference. */
    private Uni<Void> record(List<String> refs, Instant endedAt, long seconds, String source) {
        Uni<Void> recorded = Uni.createFrom().voidItem();
        for (String ref : refs.stream().filter(Objects::nonNull).distinct().toList()) {
            recorded = recorded.chain(() -> truths.record(ref, endedAt, seconds, source));
        }
        return recorded;
    }
}

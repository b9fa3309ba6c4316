package dev.frontdesk.analytics.service;

import java.time.Instant;

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
                : record(ended.callId(), ended.roomName(), ended.endedAt(), ended.durationSeconds(), "call.ended");
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
        Uni<Void> recorded = record(ended.callId(), servicesRoom ? ended.roomName() : null, ended.endedAt(),
                ended.durationSeconds(), "room.ended");
        boolean providerNameDiffers = ended.providerRoomName() != null
                && !ended.providerRoomName().equals(ended.roomName());
        return servicesRoom && providerNameDiffers
                ? recorded.chain(() -> truths.record(ended.providerRoomName(), ended.endedAt(), ended.durationSeconds(),
                        "room.ended"))
                : recorded;
    }

    private Uni<Void> record(String callId, String roomName, Instant endedAt, long seconds, String source) {
        Uni<Void> byCall = callId == null ? Uni.createFrom().voidItem()
                : truths.record(callId, endedAt, seconds, source);
        return byCall.chain(() -> roomName == null ? Uni.createFrom().voidItem()
                : truths.record(roomName, endedAt, seconds, source));
    }
}

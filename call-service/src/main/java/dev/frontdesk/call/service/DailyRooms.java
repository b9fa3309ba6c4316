package dev.frontdesk.call.service;

import dev.frontdesk.call.client.DailyClient;
import dev.frontdesk.call.client.DailyModel;
import io.smallrye.mutiny.Uni;

/**
 * Private Daily rooms that eject everyone at expiry; the host joins with an owner token, the guest with a plain
 * one, both carrying our user id so Daily's webhooks say who joined.
 */
final class DailyRooms implements VideoProvider {

    private final DailyClient daily;

    DailyRooms(DailyClient daily) {
        this.daily = daily;
    }

    @Override
    public String name() {
        return "daily";
    }

    @Override
    public Uni<ProvisionedRoom> create(RoomSpec spec) {
        long exp = spec.expiresAt().getEpochSecond();
        DailyModel.CreateRoom request = new DailyModel.CreateRoom(spec.name(), "private",
                new DailyModel.RoomProperties(exp, spec.maxParticipants(), true, true,
                        spec.recording() ? "cloud" : null, true));
        return daily.createRoom(request)
                .chain(room -> token(spec, spec.host(), true, exp)
                        .chain(hostToken -> token(spec, spec.guest(), false, exp)
                                .map(guestToken -> new ProvisionedRoom(room.id(), room.url(),
                                        room.url() + "?t=" + hostToken, room.url() + "?t=" + guestToken))));
    }

    private Uni<String> token(RoomSpec spec, Participant participant, boolean owner, long exp) {
        return daily.meetingToken(new DailyModel.TokenProperties(spec.name(), owner,
                participant == null ? null : participant.userId(),
                participant == null ? null : participant.name(), exp));
    }

    @Override
    public Uni<Void> delete(String roomName) {
        return daily.deleteRoom(roomName);
    }
}

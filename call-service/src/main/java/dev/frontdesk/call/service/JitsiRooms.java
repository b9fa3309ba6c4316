package dev.frontdesk.call.service;

import io.smallrye.mutiny.Uni;

/** Jitsi rooms exist by URL: nothing to call, which is what lets the local stack work offline. */
final class JitsiRooms implements VideoProvider {

    private final String baseUrl;

    JitsiRooms(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Override
    public String name() {
        return "jitsi";
    }

    @Override
    public Uni<ProvisionedRoom> create(RoomSpec spec) {
        String url = baseUrl + "/" + spec.name();
        return Uni.createFrom().item(new ProvisionedRoom(null, url, url, url));
    }

    @Override
    public Uni<Void> delete(String roomName) {
        return Uni.createFrom().voidItem();
    }
}

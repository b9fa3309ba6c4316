package dev.frontdesk.notification;

import java.util.UUID;

import dev.frontdesk.platform.testing.StubServer;

/**
 * One stub of Twilio's Messages API for the tests sharing the default test resource, on the port their config points
 * the service at. (Tests with other resources run in another class loader and cannot share it.)
 */
final class TwilioStub {

    private static StubServer server;

    private TwilioStub() {
    }

    /** The stub, reset, answering every message with 201 and a fresh SID (as Twilio does). */
    static synchronized StubServer accepting() {
        if (server == null) {
            server = new StubServer(StubServer.reservedPort("twilio"));
        }
        server.reset();
        server.route("POST", "/2010-04-01/Accounts/", request -> StubServer.Response.json(201, """
                {"sid": "SM%s", "status": "queued", "num_segments": "1", "error_code": null}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""))));
        return server;
    }
}

package dev.frontdesk.notification;

import java.util.UUID;

import dev.frontdesk.platform.testing.StubServer;

/** One stub of Twilio's Messages API for the whole test JVM, on the port the test config points the service at. */
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

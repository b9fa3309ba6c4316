package dev.frontdesk.platform.testing;

import java.util.UUID;


/**
 * Twilio's Messages API ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form body, 201 with a JSON
 * message resource). {@link #accepting()}: one stub for the tests sharing notification-service's default test resource,
 * on the port their config points the service at (tests with other resources run in another class loader and cannot
 * share it); {@link #accepting(StubServer)} on a server of one's own, e.g. for a stack of packaged services.
 */
public final class TwilioStub {

    private static StubServer server;

    private TwilioStub() {
    }

    /** The stub, reset, answering every message with 201 and a fresh SID (as Twilio does). */
    public static synchronized StubServer accepting() {
        if (server == null) {
            server = new StubServer(StubServer.reservedPort("twilio"));
        }
        return accepting(server);
    }

    /** {@code stub}, reset, answering every message with 201 and a fresh SID (as Twilio does). */
    public static StubServer accepting(StubServer stub) {
        stub.reset();
        stub.route("POST", "/2010-04-01/Accounts/", request -> StubServer.Response.json(201, """
                {"sid": "SM%s", "status": "queued", "num_segments": "1", "error_code": null}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""))));
        return stub;
    }
}

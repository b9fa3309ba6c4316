package dev.frontdesk.notification;

import java.util.HashMap;
import java.util.Map;

import dev.frontdesk.platform.testing.FrontdeskTestResource;
import dev.frontdesk.platform.testing.StubServer;

/**
 * notification-service against the real PostgreSQL (schema "notifications") and Kafka of the test JVM, with Twilio
 * and Slack replaced by local stub servers (Twilio's base URL is config; Slack's URL is each org's setting).
 */
public class NotificationServiceTestResource extends FrontdeskTestResource {

    static final String TWILIO_SID = "AC00000000000000000000000000000001";
    static final String TWILIO_TOKEN = "test-auth-token";
    static final String TWILIO_FROM = "+15005550006";
    static final String STATUS_CALLBACK = "https://notify.frontdesk.test/webhooks/twilio/status";

    /** initArg {@code twilio=off}: run without Twilio credentials. */
    private boolean twilio = true;

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of(SCHEMA, "notifications"));
        twilio = !"off".equals(initArgs.get("twilio"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("frontdesk.notifications.twilio.base-url", StubServer.reservedBaseUrl("twilio"));
        // The Slack stub listens on 127.0.0.1: allowed as an operator allows a chat inside their own network.
        config.put("frontdesk.notifications.slack.allowed-hosts",
                "hooks.slack.com,127.0.0.1:" + StubServer.reservedPort("slack"));
        config.put("frontdesk.notifications.slack.allowed-networks", "127.0.0.1/32");
        if (twilio) {
            config.put("frontdesk.notifications.twilio.account-sid", TWILIO_SID);
            config.put("frontdesk.notifications.twilio.auth-token", TWILIO_TOKEN);
            config.put("frontdesk.notifications.twilio.from", TWILIO_FROM);
        }
        config.put("frontdesk.notifications.twilio.status-callback-url", STATUS_CALLBACK);
        config.put("frontdesk.notifications.retry-backoff", "1s");
        config.put("frontdesk.notifications.dashboard-url", "https://app.frontdesk.test/");
        // Keep-alive on a test scale: ping every second, close what has not answered for 3 s.
        config.put("quarkus.websockets-next.server.auto-ping-interval", "1s");
        config.put("frontdesk.notifications.socket-idle-timeout", "3s");
        config.put("frontdesk.notifications.idle-sweep-interval", "1s");
        // Tests drive the dispatcher themselves, with the test clock.
        config.put("frontdesk.notifications.dispatch-interval", "1h");
        return config;
    }
}

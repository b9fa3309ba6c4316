package dev.frontdesk.notification.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code frontdesk.notifications.*}: sockets, replay, Slack, Twilio and reminder timing. */
@ConfigMapping(prefix = "frontdesk.notifications")
public interface NotificationsConfig {

    /** This replica's id (new at every start): its presence lease and its own fan-out consumer group. */
    String replicaId();

    /** How often due Slack posts and SMS are looked for. */
    @WithDefault("1s")
    String dispatchInterval();

    /** How often idle sockets are looked for. */
    @WithDefault("15s")
    String idleSweepInterval();

    /** How often this replica renews its presence lease. */
    @WithDefault("10s")
    String replicaRenewInterval();

    /** How long socket notifications are kept for reconnecting clients. */
    @WithDefault("15M")
    Duration replayWindow();

    /** At most this many frames are replayed on one reconnect. */
    @WithDefault("500")
    int replayLimit();

    /** A socket that answered no ping for this long is closed (pings go every quarkus.websockets-next.server.auto-ping-interval). */
    @WithDefault("75S")
    Duration socketIdleTimeout();

    /** A replica renews its presence lease every third of this; sockets of a replica past it are not counted. */
    @WithDefault("30S")
    Duration replicaLease();

    /** Slack posts and SMS claimed per dispatch batch. */
    @WithDefault("20")
    int dispatchBatchSize();

    /** Attempts of a Slack post or SMS on retryable errors (429, 5xx, timeouts) before it is failed. */
    @WithDefault("6")
    int maxAttempts();

    /** First retry delay; doubled on each attempt. */
    @WithDefault("5S")
    Duration retryBackoff();

    /** The staff app's URL; Slack messages then link to the visitor, call or booking ({@code /visitors/{id}}, …). */
    Optional<String> dashboardUrl();

    Sms sms();

    Twilio twilio();

    Slack slack();

    /**
     * Where Slack posts may go. An organization's admin gives the webhook URL, so the service would otherwise POST
     * wherever they point it, internal addresses included (server-side request forgery).
     */
    interface Slack {
        /**
         * Hosts a webhook URL may name, exactly: Slack's incoming-webhook hosts by default (https on port 443); add a
         * self-hosted chat with a Slack-compatible webhook (e.g. Mattermost) as {@code host:port}.
         */
        @WithDefault("hooks.slack.com,hooks.slack-gov.com")
        List<String> allowedHosts();

        /**
         * Networks (CIDR) a webhook host may resolve to although they are not public (loopback, private, link-local,
         * unique-local, shared, reserved): none by default. Only for a self-hosted chat inside the operator's network.
         */
        Optional<List<String>> allowedNetworks();
    }

    interface Sms {
        /** The pre-session reminder goes this long before the start. */
        @WithDefault("1H")
        Duration reminderLead();

        /** The post-session thank-you goes this long after the end. */
        @WithDefault("5M")
        Duration thankYouDelay();

        /** The inactive reminder goes this long after a completed session without a new booking. */
        @WithDefault("48H")
        Duration inactiveAfter();
    }

    /** Twilio credentials; without an account SID and auth token SMS deliveries are recorded as skipped. */
    interface Twilio {
        /** Twilio's API; tests point it at a local stub. */
        @WithDefault("https://api.twilio.com")
        String baseUrl();

        Optional<String> accountSid();

        Optional<String> authToken();

        /** The sender number, or use messaging-service-sid. */
        Optional<String> from();

        Optional<String> messagingServiceSid();

        /** Our public URL of /webhooks/twilio/status exactly as Twilio calls it (signatures are computed over it). */
        Optional<String> statusCallbackUrl();

        default boolean configured() {
            return accountSid().isPresent() && authToken().isPresent()
                    && (from().isPresent() || messagingServiceSid().isPresent());
        }
    }
}

package dev.frontdesk.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "frontdesk.outbox")
public interface OutboxConfig {

    /** Whether this replica runs a relay. Several replicas may: they take turns, one batch at a time. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Safety-net poll: the relay is woken by a NOTIFY on commit and polls only in case one was missed. */
    @WithDefault("1s")
    Duration pollInterval();

    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before it rolls back and retries. */
    @WithDefault("15s")
    Duration sendTimeout();

    /** Longest pause between attempts while Kafka or the database is unavailable. */
    @WithDefault("10s")
    Duration maxBackoff();

    /** Sent rows are kept this long (for inspection), then pruned. */
    @WithDefault("P1D")
    Duration sentRetention();

    /** Inbox rows must outlive any redelivery: keep them longer than the topics' retention. */
    @WithDefault("P14D")
    Duration inboxRetention();

    @WithDefault("10m")
    Duration pruneInterval();
}

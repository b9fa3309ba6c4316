package dev.frontdesk.call.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "frontdesk.calls")
public interface CallsConfig {

    /** An unanswered call becomes MISSED after this long. */
    @WithDefault("30s")
    Duration ringTimeout();

    /** How long a call's room stays open (Daily ejects everyone at its expiry). */
    @WithDefault("1h")
    Duration roomExpiry();

    @WithDefault("100")
    int missBatchSize();
}

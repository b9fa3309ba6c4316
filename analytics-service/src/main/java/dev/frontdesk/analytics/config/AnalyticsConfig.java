package dev.frontdesk.analytics.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "frontdesk.analytics")
public interface AnalyticsConfig {

    /** Events in one request, at most. */
    @WithDefault("100")
    int maxBatch();

    /** A metadata map, serialized, at most. */
    @WithDefault("2048")
    int maxMetadataBytes();

    /** Client times further back than this are clamped to it. */
    @WithDefault("24h")
    Duration maxPast();

    /** Client times further ahead than this (clock skew) are clamped to now. */
    @WithDefault("5m")
    Duration maxFuture();

    /** A call_start with no end this long after it gets an inferred end at start + this. */
    @WithDefault("30m")
    Duration completionAfter();

    /** Extra wait before inferring, past Daily's late meeting.ended (up to ~20 s). */
    @WithDefault("1m")
    Duration completionGrace();

    /** How often the completion job runs (a scheduler expression). */
    @WithDefault("30m")
    String completionEvery();

    /** Bearer secret of the manual trigger; without it the trigger is refused. */
    Optional<String> cronSecret();

    /** How billable minutes are rounded: ceil (default), round or exact. */
    @WithDefault("ceil")
    String billingRounding();
}

package dev.frontdesk.platform.dependencies;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a request and a readiness probe may wait for PostgreSQL, Kafka or a neighbour service. */
@ConfigMapping(prefix = "frontdesk.dependencies")
public interface DependencyConfig {

    /**
     * An HTTP request not answered within this is answered {@code 503} with {@code Retry-After}
     * ({@link RequestDeadline}). Every client on a request path gives up before it (Daily: 2 s connect + 4 s read;
     * call-service: 2 s + 5 s), so a slow neighbour is reported as such and only a hung one meets this deadline.
     */
    @WithDefault("8s")
    Duration requestTimeout();

    /** The {@code Retry-After} of those answers, in seconds. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** The readiness probe's {@code SELECT 1} counts as failed after this ({@link DatabaseReadiness}). */
    @WithDefault("2s")
    Duration databaseProbeTimeout();
}

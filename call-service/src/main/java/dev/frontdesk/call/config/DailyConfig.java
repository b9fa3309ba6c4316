package dev.frontdesk.call.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Daily's REST API and webhooks. The base URL is {@code quarkus.rest-client.daily.url}. */
@ConfigMapping(prefix = "frontdesk.daily")
public interface DailyConfig {

    /** The domain's API key (a secret: set it from a Kubernetes secret, never in a file). */
    Optional<String> apiKey();

    /** The base64 HMAC secret of our Daily webhook. Without it every webhook is refused. */
    Optional<String> webhookSecret();

    /** How far {@code X-Webhook-Timestamp} may be from our clock. */
    @WithDefault("5m")
    Duration webhookTolerance();

    /** Retries of a request Daily answered with 429 or 5xx (or that failed to connect). */
    @WithDefault("3")
    int maxRetries();

    @WithDefault("200ms")
    Duration retryInitialDelay();

    @WithDefault("5s")
    Duration retryMaxDelay();
}

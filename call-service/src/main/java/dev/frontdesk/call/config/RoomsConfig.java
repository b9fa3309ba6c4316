package dev.frontdesk.call.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "frontdesk.rooms")
public interface RoomsConfig {

    /** {@code daily}, {@code jitsi}, or {@code auto}: Daily when an API key is configured, else Jitsi. */
    @WithDefault("auto")
    String provider();

    /** Rooms are plain Jitsi URLs under this base when Daily is not used. */
    @WithDefault("https://meet.jit.si")
    String jitsiBaseUrl();

    @WithDefault("1h")
    Duration defaultExpiry();

    @WithDefault("2")
    int defaultMaxParticipants();
}

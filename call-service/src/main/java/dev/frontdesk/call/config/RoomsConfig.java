package dev.frontdesk.call.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "frontdesk.rooms")
public interface RoomsConfig {

    /** Rooms are plain Jitsi URLs under this base when no Daily key is configured. */
    @WithDefault("https://meet.jit.si")
    String jitsiBaseUrl();

    @WithDefault("1h")
    Duration defaultExpiry();

    @WithDefault("2")
    int defaultMaxParticipants();
}

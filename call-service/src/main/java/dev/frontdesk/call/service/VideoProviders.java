package dev.frontdesk.call.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import dev.frontdesk.call.client.DailyClient;
import dev.frontdesk.call.config.DailyConfig;
import dev.frontdesk.call.config.RoomsConfig;

/** Picks the video provider once, from config: Daily when it has a key (or is asked for), else Jitsi. */
@ApplicationScoped
public class VideoProviders {

    private static final Logger LOG = Logger.getLogger(VideoProviders.class);

    @Produces
    @ApplicationScoped
    VideoProvider provider(RoomsConfig rooms, DailyConfig dailyConfig, DailyClient daily) {
        boolean hasKey = dailyConfig.apiKey().filter(key -> !key.isBlank()).isPresent();
        VideoProvider provider = switch (rooms.provider()) {
            case "daily" -> {
                if (!hasKey) {
                    throw new IllegalStateException("frontdesk.rooms.provider=daily needs frontdesk.daily.api-key");
                }
                yield new DailyRooms(daily);
            }
            case "jitsi" -> new JitsiRooms(rooms.jitsiBaseUrl());
            case "auto" -> hasKey ? new DailyRooms(daily) : new JitsiRooms(rooms.jitsiBaseUrl());
            default -> throw new IllegalStateException(
                    "frontdesk.rooms.provider must be daily, jitsi or auto, not " + rooms.provider());
        };
        LOG.infof("Video rooms from %s", provider.name());
        return provider;
    }
}

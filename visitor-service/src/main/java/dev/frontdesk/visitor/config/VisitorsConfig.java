package dev.frontdesk.visitor.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "frontdesk.visitors")
public interface VisitorsConfig {

    /** A visitor seen within this window (and active within {@link #idleAfter()}) is {@code active}. */
    @WithDefault("60s")
    Duration activeWindow();

    /** Without a page view or a visible heartbeat for this long a visitor is {@code idle}. */
    @WithDefault("10m")
    Duration idleAfter();

    /** Not seen at all for this long: {@code left}. */
    @WithDefault("20m")
    Duration leftAfter();

    /** A request after this long without one starts a new visit. */
    @WithDefault("30m")
    Duration visitGap();

    /** At most this much visible time is credited for one interval between two requests. */
    @WithDefault("60s")
    Duration heartbeatCap();

    /** Widget requests see site changes made on another replica after at most this long. */
    @WithDefault("30s")
    Duration siteCacheTtl();

    /** An invite nobody answers expires after this long. */
    @WithDefault("2m")
    Duration inviteTtl();

    /** The video room of an invite lives this long (a resend reuses it while it lives). */
    @WithDefault("4h")
    Duration inviteRoomLifetime();

    /** Retention of anonymous visitors for organizations that did not set their own. */
    @WithDefault("90")
    int defaultRetentionDays();

    /** At most this many visitors are purged per retention run (the job is paced, not a single huge delete). */
    @WithDefault("500")
    int retentionBatch();

    /** Scheduler periods of the presence, invite-expiry and retention jobs. */
    @WithDefault("2s")
    String presenceEvery();

    @WithDefault("5s")
    String inviteExpiryEvery();

    @WithDefault("10m")
    String retentionEvery();
}

package dev.frontdesk.platform.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The {@link Clock} of services under test: the system clock plus an offset a test can move forward, so ring
 * timeouts, schedules and expiries are tested without waiting for them. It replaces the platform's default clock
 * bean in every {@code @QuarkusTest}; a test that moves it must {@link #reset()} it.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Frontdesk works in UTC");
    }
}

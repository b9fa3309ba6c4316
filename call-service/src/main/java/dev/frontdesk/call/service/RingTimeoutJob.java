package dev.frontdesk.call.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.platform.jobs.BackgroundTasks;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Turns unanswered calls into MISSED at their ring deadline. The deadline lives in the database, so nothing is
 * lost when a replica stops: every replica sweeps on a short period (and at start), and each call also gets an
 * in-process timer at its deadline so the common case is on time to the millisecond rather than the period.
 */
@ApplicationScoped
public class RingTimeoutJob {

    private static final Logger LOG = Logger.getLogger(RingTimeoutJob.class);
    private static final Duration GRACE = Duration.ofMillis(20);

    private final CallService calls;
    private final BackgroundTasks background;
    private final Clock clock;

    public RingTimeoutJob(CallService calls, BackgroundTasks background, Clock clock) {
        this.calls = calls;
        this.background = background;
        this.clock = clock;
    }

    @Scheduled(every = "${frontdesk.calls.ring-sweep-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "ring-timeout")
    Uni<Void> sweep() {
        return missOverdue().replaceWithVoid();
    }

    /** Marks every overdue call MISSED now; returns how many this replica took. */
    public Uni<Integer> missOverdue() {
        return calls.missOverdue()
                .invoke(missed -> {
                    if (missed > 0) {
                        LOG.debugf("%d unanswered call(s) missed", missed);
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Ring timeout sweep failed, the next one retries: %s", failure.getMessage());
                    return 0;
                });
    }

    /** Sweeps again just after {@code deadline}. */
    void wakeAt(Instant deadline) {
        background.runAfter("ring timeout", Duration.between(clock.instant(), deadline).plus(GRACE), this::missOverdue);
    }
}

package dev.frontdesk.analytics.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.analytics.config.AnalyticsConfig;
import dev.frontdesk.analytics.repository.ReportQueries;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * For every call_start with no end in its session after {@code completion-after} (30 min) plus a grace period
 * (Daily's meeting.ended can come ~20 s late), writes an inferred call_end at start + 30 min. Calls whose real
 * end call-service reported are left alone. Nothing is deleted or changed; a second run, or a run on another
 * replica at the same time, adds nothing (one statement, deduplicated by the inferred event's id).
 */
@ApplicationScoped
public class SessionCompletionJob {

    private static final Logger LOG = Logger.getLogger(SessionCompletionJob.class);

    private final ReportQueries queries;
    private final AnalyticsConfig config;
    private final MeterRegistry metrics;
    private final Clock clock;

    public SessionCompletionJob(ReportQueries queries, AnalyticsConfig config, MeterRegistry metrics, Clock clock) {
        this.queries = queries;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(every = "${frontdesk.analytics.completion-every:30m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "session-completion")
    Uni<Void> scheduled() {
        return run().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Session completion failed, the next run retries: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Returns how many ends were inferred. */
    public Uni<Integer> run() {
        Instant now = clock.instant();
        Instant startedBefore = now.minus(config.completionAfter()).minus(config.completionGrace());
        return queries.inferEnds(startedBefore, config.completionAfter().toSeconds(), now).invoke(inferred -> {
            metrics.counter("frontdesk.analytics.completion.runs").increment();
            metrics.counter("frontdesk.analytics.completion.inferred").increment(inferred);
            LOG.infof("Session completion: %d call end(s) inferred", inferred);
        });
    }
}

package dev.frontdesk.visitor.privacy;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.platform.jobs.Batches;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Purges anonymous visitors past their organization's retention, paced: at most {@link #MAX_BATCHES} batches per run,
 * each its own short transaction, so a large backlog drains over several runs without long locks. Safe on several
 * replicas (SKIP LOCKED).
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    static final int MAX_BATCHES = 20;

    private final PrivacyService privacy;

    public RetentionJob(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @Scheduled(every = "${frontdesk.visitors.retention-every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "visitor-retention")
    Uni<Void> scheduled() {
        return run().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Retention run failed, the next one retries: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** One run; returns how many visitors it purged. */
    public Uni<Integer> run() {
        return Batches.drain(privacy::purgeExpired, privacy.batchSize(), MAX_BATCHES);
    }
}

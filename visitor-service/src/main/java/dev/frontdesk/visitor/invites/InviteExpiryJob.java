package dev.frontdesk.visitor.invites;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.frontdesk.platform.jobs.Batches;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Expires invites nobody answered. Every replica runs it; rows are claimed with SKIP LOCKED. */
@ApplicationScoped
public class InviteExpiryJob {

    private static final Logger LOG = Logger.getLogger(InviteExpiryJob.class);
    private static final int BATCH = 200;

    private final InviteService invites;

    public InviteExpiryJob(InviteService invites) {
        this.invites = invites;
    }

    @Scheduled(every = "${frontdesk.visitors.invite-expiry-every:5s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "invite-expiry")
    Uni<Void> scheduled() {
        return expireDue().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Invite expiry failed, the next run retries: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Expires every due invite; returns how many this replica expired. */
    public Uni<Integer> expireDue() {
        return Batches.drain(() -> invites.expireDue(BATCH), BATCH, Integer.MAX_VALUE);
    }
}

package dev.frontdesk.platform.jobs;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs a clustered job's batch (claim up to {@code size} rows, each batch its own transaction) again while it comes
 * back full, so a backlog drains in one run without one long transaction; {@code maxBatches} paces a run.
 */
public final class Batches {

    private Batches() {
    }

    /** Runs {@code batch} until it handles fewer than {@code size} rows or ran {@code maxBatches} times; returns the total. */
    public static Uni<Integer> drain(Supplier<Uni<Integer>> batch, int size, int maxBatches) {
        return drain(batch, size, maxBatches, 0);
    }

    private static Uni<Integer> drain(Supplier<Uni<Integer>> batch, int size, int left, int done) {
        return batch.get().chain(count -> count < size || left <= 1
                ? Uni.createFrom().item(done + count)
                : drain(batch, size, left - 1, done + count));
    }
}

package dev.frontdesk.platform.persistence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One statement executed for many concurrent requests in shared transactions: a group commit in the application, so
 * that a hot write path pays one durable commit for many requests instead of one each.
 * <p>
 * Nothing waits to fill a batch: while fewer than {@code maxInFlight} batches are being written, a request's row is
 * written at once, alone and in autocommit; requests that arrive while every slot is busy queue and go together,
 * up to {@code maxBatch} rows, as one pipelined {@code executeBatch} in one transaction as soon as a slot frees. So a
 * quiet service answers as fast as with a plain statement, and a busy one commits up to {@code maxBatch} rows per
 * fsync. Each caller's {@link Uni} completes with its own row's result only after the transaction holding it
 * committed (an acknowledgement still means durable), on the Vert.x context it subscribed from.
 * <p>
 * Failures: if a shared transaction fails, each of its rows is written again on its own, so one row's failure is its
 * own and never another request's; a row that fails alone fails its caller. The statement must therefore be safe to
 * apply again after a failed commit (an insert with {@code ON CONFLICT DO NOTHING} on a key the caller chose, an
 * upsert of absolute values).
 * <p>
 * Locks: rows of one transaction are written in {@code lockOrder}, so that two concurrent batches touching the same
 * keys take their row locks in the same order and never deadlock.
 * <p>
 * Metric: {@code frontdesk.group_commit.rows} (tag {@code statement}) summarizes the rows per commit.
 */
public final class GroupCommit {

    private record Pending(Tuple params, Context context, UniEmitter<? super RowSet<Row>> emitter) {

        void complete(RowSet<Row> result) {
            dispatch(() -> emitter.complete(result));
        }

        void fail(Throwable failure) {
            dispatch(() -> emitter.fail(failure));
        }

        private void dispatch(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    /** The most rows in one shared transaction, unless a caller says otherwise. */
    public static final int DEFAULT_MAX_BATCH = 64;
    /** The most shared transactions at once, unless a caller says otherwise (Quarkus' reactive pool has 20). */
    public static final int DEFAULT_MAX_IN_FLIGHT = 4;

    private final Pool pool;
    private final String sql;
    private final Comparator<Tuple> lockOrder;
    private final int maxBatch;
    private final int maxInFlight;
    private final DistributionSummary rowsPerCommit;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private int inFlight;

    /** A group commit of {@value #DEFAULT_MAX_BATCH} rows per transaction, {@value #DEFAULT_MAX_IN_FLIGHT} at once. */
    public GroupCommit(Pool pool, MeterRegistry registry, String name, String sql, Comparator<Tuple> lockOrder) {
        this(pool, registry, name, sql, lockOrder, DEFAULT_MAX_BATCH, DEFAULT_MAX_IN_FLIGHT);
    }

    /**
     * @param name        the statement's name in the metric
     * @param sql         one statement with positional parameters, executed once per row
     * @param lockOrder   the order in which one transaction writes its rows (e.g. by primary key)
     * @param maxBatch    the most rows in one transaction
     * @param maxInFlight the most transactions (connections) at once; keep it below the pool's size
     */
    public GroupCommit(Pool pool, MeterRegistry registry, String name, String sql, Comparator<Tuple> lockOrder,
            int maxBatch, int maxInFlight) {
        if (maxBatch < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxBatch and maxInFlight must be positive");
        }
        this.pool = pool;
        this.sql = sql;
        this.lockOrder = lockOrder;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.rowsPerCommit = DistributionSummary.builder("frontdesk.group_commit.rows").tag("statement", name)
                .description("Rows written per commit by a group commit").register(registry);
    }

    /**
     * Executes the statement with {@code params}; completes with this row's result once it is committed. Read that
     * result only ({@code rowCount()}, its rows): its {@code next()} may be another caller's.
     */
    public Uni<RowSet<Row>> execute(Tuple params) {
        return Uni.createFrom().emitter(emitter -> {
            List<Pending> batch;
            synchronized (this) {
                queue.add(new Pending(params, Vertx.currentContext(), emitter));
                batch = take();
            }
            if (batch != null) {
                write(batch);
            }
        });
    }

    /** The next batch, claiming a slot; null when every slot is busy or nothing waits. Holds the monitor. */
    private List<Pending> take() {
        if (inFlight >= maxInFlight || queue.isEmpty()) {
            return null;
        }
        inFlight++;
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (batch.size() < maxBatch && !queue.isEmpty()) {
            batch.add(queue.poll());
        }
        return batch;
    }

    private void write(List<Pending> batch) {
        rowsPerCommit.record(batch.size());
        if (batch.size() == 1) {
            Pending only = batch.get(0);
            pool.preparedQuery(sql).execute(only.params()).subscribe().with(
                    result -> {
                        only.complete(result);
                        released();
                    },
                    failure -> {
                        only.fail(failure);
                        released();
                    });
            return;
        }
        List<Pending> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(Pending::params, lockOrder));
        List<Tuple> rows = ordered.stream().map(Pending::params).toList();
        pool.withTransaction(connection -> connection.preparedQuery(sql).executeBatch(rows)).subscribe().with(
                result -> {
                    RowSet<Row> each = result;
                    for (Pending pending : ordered) {
                        pending.complete(each);
                        each = each.next();
                    }
                    released();
                },
                // Rolled back: nothing of it was written. Each row again on its own, so only a failing row fails;
                // the slot stays taken until they are all answered.
                failure -> Uni.join().all(ordered.stream().map(pending -> pool.preparedQuery(sql)
                        .execute(pending.params())
                        .invoke(pending::complete)
                        .onFailure().invoke(pending::fail)
                        .onFailure().recoverWithNull()).toList())
                        .andFailFast()
                        .subscribe().with(ignored -> released(), ignored -> released()));
    }

    /** A batch finished: its slot goes to what queued meanwhile. */
    private void released() {
        List<Pending> next;
        synchronized (this) {
            inFlight--;
            next = take();
        }
        if (next != null) {
            write(next);
        }
    }
}

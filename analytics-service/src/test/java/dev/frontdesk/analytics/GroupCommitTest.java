package dev.frontdesk.analytics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.frontdesk.platform.persistence.GroupCommit;
import dev.frontdesk.platform.testing.TestDatabase;
import dev.frontdesk.platform.testing.TestInfrastructure;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The platform's group commit on this service's real pool and PostgreSQL: rows that queue while every slot is busy
 * are committed together, each caller gets its own row's result, and one bad row fails only its own caller.
 */
@QuarkusTest
@WithTestResource(AnalyticsServiceTestResource.class)
class GroupCommitTest {

    private static final TestDatabase db = TestDatabase.forSchema("analytics");
    private static final String UPSERT = """
            INSERT INTO group_commit_probe (k, v) VALUES ($1, $2)
            ON CONFLICT (k) DO UPDATE SET v = group_commit_probe.v + excluded.v RETURNING k, v""";

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void rowsQueuedBehindBusyCommitsShareOneCommitAndABadRowFailsAlone() throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS group_commit_probe (k int PRIMARY KEY, v int NOT NULL CHECK (v >= 0))");
        db.execute("TRUNCATE group_commit_probe");
        db.execute("INSERT INTO group_commit_probe VALUES (0, 0)");
        GroupCommit commits = new GroupCommit(pool, registry, "probe", UPSERT,
                Comparator.comparing((Tuple row) -> row.getInteger(0)), 64, 2);

        List<CompletableFuture<RowSet<Row>>> first = new ArrayList<>();
        List<CompletableFuture<RowSet<Row>>> queued = new ArrayList<>();
        try (Connection holder = DriverManager.getConnection(TestInfrastructure.postgres().jdbcUrl(), "analytics",
                "analytics"); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("SELECT * FROM group_commit_probe WHERE k = 0 FOR UPDATE");
            // Both slots take a write of row 0, which waits for the test's lock.
            first.add(commits.execute(Tuple.of(0, 1)).subscribeAsCompletionStage());
            first.add(commits.execute(Tuple.of(0, 1)).subscribeAsCompletionStage());
            await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                    "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                            + "WHERE NOT l.granted AND a.usename = 'analytics'") >= 1);
            // Written in reverse key order by the callers; row 21 breaks the CHECK.
            for (int k = 20; k >= 1; k--) {
                queued.add(commits.execute(Tuple.of(k, k)).subscribeAsCompletionStage());
            }
            CompletableFuture<RowSet<Row>> bad = commits.execute(Tuple.of(21, -1)).subscribeAsCompletionStage();
            queued.add(bad);
            assertTrue(queued.stream().noneMatch(CompletableFuture::isDone), "nothing is written while the slots are busy");
            holder.commit();

            for (CompletableFuture<RowSet<Row>> write : first) {
                assertEquals(1, write.get(10, TimeUnit.SECONDS).rowCount());
            }
            for (int i = 0; i < 20; i++) {
                int k = 20 - i;
                Row row = queued.get(i).get(10, TimeUnit.SECONDS).iterator().next();
                assertEquals(k, row.getInteger("k"), "each caller gets its own row");
                assertEquals(k, row.getInteger("v"));
            }
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> bad.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof PgException, failure.getCause().toString());
            assertEquals("23514", ((PgException) failure.getCause()).getSqlState());
        }
        assertEquals(20, db.count("SELECT count(*) FROM group_commit_probe WHERE k BETWEEN 1 AND 20 AND v = k"));
        assertEquals(0, db.count("SELECT count(*) FROM group_commit_probe WHERE k = 21"));
        assertEquals(2, db.count("SELECT v FROM group_commit_probe WHERE k = 0"));

        DistributionSummary rows = registry.find("frontdesk.group_commit.rows").tag("statement", "probe").summary();
        assertEquals(3, rows.count(), "two writes alone, then the 21 queued ones in one transaction");
        assertEquals(23.0, rows.totalAmount());
        assertFalse(first.stream().anyMatch(CompletableFuture::isCompletedExceptionally));
    }
}

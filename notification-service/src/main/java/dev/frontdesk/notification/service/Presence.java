package dev.frontdesk.notification.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import dev.frontdesk.notification.config.NotificationsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who is online, across replicas: every replica records its open sockets in the {@code socket} table and renews a
 * lease on itself; sockets of a replica whose lease lapsed (it died without cleaning up) do not count and are
 * deleted by whichever replica notices.
 */
@ApplicationScoped
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class);

    // Leases are about real time between machines, not business time: they use the database's clock.
    private static final String LIVE = "JOIN replica r ON r.id = s.replica AND r.lease_until > now()";
    private static final String REACHABLE = """
            SELECT EXISTS (SELECT 1 FROM socket s JOIN replica r ON r.id = s.replica AND r.lease_until > now()
                           WHERE s.audiences @> ARRAY[CAST(:audience AS text)])""";

    private final Pool pool;
    private final NotificationsConfig config;
    private final String replica;

    public Presence(Pool pool, NotificationsConfig config) {
        this.pool = pool;
        this.config = config;
        this.replica = config.replicaId();
    }

    public record Online(String userId, boolean online, int sockets, Instant since) {
    }

    public Uni<Void> opened(String socketId, String org, String kind, String subject, List<String> audiences) {
        return pool.preparedQuery("""
                INSERT INTO socket (id, replica, org, kind, subject, audiences, opened_at)
                VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (id) DO NOTHING""")
                .execute(Tuple.from(new Object[] { socketId, replica, org, kind, subject,
                        audiences.toArray(String[]::new) }))
                .replaceWithVoid();
    }

    public Uni<Void> closed(String socketId) {
        return pool.preparedQuery("DELETE FROM socket WHERE id = $1").execute(Tuple.of(socketId)).replaceWithVoid();
    }

    /** Users of {@code org} among {@code userIds}, with how many sockets they have open. */
    public Uni<List<Online>> users(String org, List<String> userIds) {
        return pool.preparedQuery("""
                SELECT s.subject, count(*) AS sockets, min(s.opened_at) AS since FROM socket s %s
                WHERE s.org = $1 AND s.kind = 'user' AND s.subject = ANY ($2) GROUP BY s.subject""".formatted(LIVE))
                .execute(Tuple.of(org, userIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Online> byUser = new LinkedHashMap<>();
                    for (String userId : userIds) {
                        byUser.put(userId, new Online(userId, false, 0, null));
                    }
                    for (Row row : rows) {
                        String userId = row.getString("subject");
                        byUser.put(userId, new Online(userId, true, row.getLong("sockets").intValue(),
                                row.getOffsetDateTime("since").toInstant()));
                    }
                    return new ArrayList<>(byUser.values());
                });
    }

    /** Every online user of {@code org}. */
    public Uni<List<Online>> users(String org) {
        return pool.preparedQuery("""
                SELECT s.subject, count(*) AS sockets, min(s.opened_at) AS since FROM socket s %s
                WHERE s.org = $1 AND s.kind = 'user' GROUP BY s.subject ORDER BY s.subject""".formatted(LIVE))
                .execute(Tuple.of(org))
                .map(rows -> {
                    List<Online> online = new ArrayList<>();
                    for (Row row : rows) {
                        online.add(new Online(row.getString("subject"), true, row.getLong("sockets").intValue(),
                                row.getOffsetDateTime("since").toInstant()));
                    }
                    return online;
                });
    }

    /** Whether any replica holds a socket listening to {@code audience}; for code inside a Hibernate transaction. */
    public Uni<Boolean> reachable(Mutiny.Session session, String audience) {
        return session.createNativeQuery(REACHABLE, Boolean.class)
                .setParameter("audience", audience)
                .getSingleResult();
    }

    /** Renews this replica's lease and forgets the sockets of replicas whose lease lapsed. */
    @Scheduled(every = "${frontdesk.notifications.replica-renew-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renewAndSweep() {
        return renew()
                .chain(() -> pool.preparedQuery("""
                        WITH gone AS (DELETE FROM replica WHERE lease_until < now() RETURNING id)
                        DELETE FROM socket WHERE replica IN (SELECT id FROM gone)""").execute())
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.infof("Forgot %d sockets of replicas that stopped", rows.rowCount());
                    }
                })
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.debugf("Presence lease not renewed (next run retries): %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> renew() {
        return pool.preparedQuery("""
                INSERT INTO replica (id, lease_until) VALUES ($1, now() + make_interval(secs => $2))
                ON CONFLICT (id) DO UPDATE SET lease_until = excluded.lease_until""")
                .execute(Tuple.of(replica, (double) config.replicaLease().toSeconds()))
                .replaceWithVoid();
    }

    /** The lease exists before the first socket opens, so no replica ever sees this one's sockets as orphans. */
    void onStart(@Observes StartupEvent event) {
        renew().await().atMost(java.time.Duration.ofSeconds(10));
    }

    void onStop(@Observes ShutdownEvent event) {
        try {
            pool.preparedQuery("WITH mine AS (DELETE FROM socket WHERE replica = $1) DELETE FROM replica WHERE id = $1")
                    .execute(Tuple.of(replica)).await().atMost(java.time.Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debugf("Presence not cleaned up on stop (the lease will lapse): %s", e.getMessage());
        }
    }
}

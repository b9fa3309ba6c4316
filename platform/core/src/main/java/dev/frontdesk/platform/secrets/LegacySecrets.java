package dev.frontdesk.platform.secrets;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Seals, once after start, the secrets of a service's encrypted columns that were stored in plain text (before
 * encryption existed) or under a previous key: {@code frontdesk.secrets.columns} lists them as
 * {@code table:key-column:column}. Each row is changed only if it still holds the value read, so replicas starting
 * together do no harm.
 */
@ApplicationScoped
public class LegacySecrets {

    private static final Logger LOG = Logger.getLogger(LegacySecrets.class);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final SecretBox box;
    private final Pool pool;
    private final List<String> columns;

    public LegacySecrets(SecretBox box, Pool pool,
            @ConfigProperty(name = "frontdesk.secrets.columns") Optional<List<String>> columns) {
        this.box = box;
        this.pool = pool;
        this.columns = columns.orElse(List.of());
    }

    void onStart(@Observes StartupEvent started) {
        Multi.createFrom().iterable(columns).onItem().transformToUniAndConcatenate(this::seal)
                .collect().asList()
                .subscribe().with(ignored -> {
                }, failure -> LOG.warnf("Sealing stored secrets failed (retried at the next start): %s",
                        failure.getMessage()));
    }

    /** Seals the column's stale values; emits how many were sealed. */
    public Uni<Integer> seal(String column) {
        String[] parts = column.split(":");
        if (parts.length != 3 || !java.util.Arrays.stream(parts).allMatch(part -> NAME.matcher(part).matches())) {
            throw new IllegalStateException("frontdesk.secrets.columns entries are table:key-column:column, not " + column);
        }
        String table = parts[0];
        String key = parts[1];
        String value = parts[2];
        return pool.query("SELECT " + key + "::text AS k, " + value + " AS v FROM " + table + " WHERE " + value
                + " IS NOT NULL").execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .filter(row -> box.isStale(row.getString("v")))
                .onItem().transformToUniAndConcatenate(row -> update(table, key, value, row))
                .collect().asList()
                .map(updated -> updated.stream().mapToInt(Integer::intValue).sum())
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("Sealed %d stored secrets of %s.%s", count, table, value);
                    }
                });
    }

    private Uni<Integer> update(String table, String key, String value, Row row) {
        String stored = row.getString("v");
        return pool.preparedQuery("UPDATE " + table + " SET " + value + " = $1 WHERE " + key + "::text = $2 AND "
                + value + " = $3").execute(Tuple.of(box.seal(box.open(stored)), row.getString("k"), stored))
                .map(result -> result.rowCount());
    }
}

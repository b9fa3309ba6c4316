package dev.frontdesk.platform.dependencies;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Readiness follows PostgreSQL: DOWN while {@code SELECT 1} fails or takes longer than
 * {@code frontdesk.dependencies.database-probe-timeout} (2 s), UP again as soon as it answers. (Quarkus' own
 * datasource checks wait up to 20 s on a hung server, longer than any probe's timeout; they are turned off.) Kafka is
 * deliberately not here: writes go to the outbox, so a broker outage does not stop a replica from serving.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    private final Pool pool;
    private final DependencyConfig config;

    public DatabaseReadiness(Pool pool, DependencyConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .map(rows -> HealthCheckResponse.up("database"))
                .ifNoItem().after(config.databaseProbeTimeout())
                .failWith(() -> new IllegalStateException("no answer within " + config.databaseProbeTimeout()))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("database").down()
                        .withData("error", String.valueOf(failure.getMessage())).build());
    }
}

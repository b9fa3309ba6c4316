package dev.frontdesk.platform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at a real PostgreSQL server and a real Kafka broker.
 * <p>
 * Use it with the service's schema name, e.g.
 * {@code @WithTestResource(value = FrontdeskTestResource.class, initArgs = @ResourceArg(name = "schema", value = "calls"))}.
 * The service connects as the role that owns that schema only, exactly as it does in production.
 */
public class FrontdeskTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String SCHEMA = "schema";
    /** The staff dashboard's origin in tests ({@code frontdesk.cors.dashboard-origins}). */
    public static final String DASHBOARD_ORIGIN = "https://app.frontdesk.test";

    private String schema;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.get(SCHEMA);
        if (schema == null) {
            throw new IllegalArgumentException("FrontdeskTestResource needs the init argument '" + SCHEMA + "'");
        }
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer postgres = TestInfrastructure.postgres();
        postgres.ensureServiceSchema(schema, schema);
        return Map.of(
                "frontdesk.cors.dashboard-origins", DASHBOARD_ORIGIN,
                "quarkus.datasource.username", schema,
                "quarkus.datasource.password", schema,
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "kafka.bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                // Service-to-service tokens are signed with the development service key the tests trust.
                "frontdesk.service-tokens.sign-key-location", DevTokens.SERVICE_PRIVATE_KEY);
    }

    @Override
    public void stop() {
        // Shared by every test of this JVM; stopped by a shutdown hook.
    }
}

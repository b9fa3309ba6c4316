package dev.frontdesk.platform.testing;

/**
 * The PostgreSQL server and Kafka broker shared by every test of one JVM: started on first use, stopped when
 * the JVM exits.
 */
public final class TestInfrastructure {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;

    private TestInfrastructure() {
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.ephemeral();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        }
        return postgres;
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.onFreePorts().start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        }
        return kafka;
    }
}

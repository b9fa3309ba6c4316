package dev.frontdesk.platform.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running in this JVM.
 * <p>
 * Used by the Quarkus test resource and by the local stack. The log directory survives {@link #stop()}, so a
 * stopped broker can be started again with everything it had: tests use that to simulate an outage, the local
 * stack to keep data between runs.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;

    public EmbeddedKafka(Path logDir, int port, int controllerPort, Map<String, String> overrides) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.overrides = Map.copyOf(overrides);
    }

    /** A broker on free ports with its log in a fresh temporary directory. */
    public static EmbeddedKafka onFreePorts() {
        try {
            return new EmbeddedKafka(Files.createTempDirectory("frontdesk-kafka"), FreePorts.find(), FreePorts.find(),
                    Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        KafkaConfig config = KafkaConfig.fromProps(properties(), false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return this;
    }

    /** Stops the broker and keeps its data; {@link #start()} brings it back on the same port. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        // One node: every internal topic must accept a replication factor of 1 or consumers never join a group.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.putAll(overrides);
        return p;
    }

    private void format(KafkaConfig config) {
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + logDir, e);
        }
    }
}

package dev.frontdesk.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import dev.frontdesk.platform.events.CloudEventHeaders;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes outbox rows to Kafka and marks them sent only after the broker acknowledged them.
 * <p>
 * Latency: an insert into {@code outbox} fires {@code NOTIFY <schema>_outbox}, which PostgreSQL delivers when the
 * writing transaction commits; the relay waits on {@code LISTEN} and publishes at once. It polls only as a safety
 * net.
 * <p>
 * Replicas: a batch runs under a transaction-scoped advisory lock of the schema, so replicas take turns and
 * rows go out in id order. (Claiming with {@code SKIP LOCKED} would let a second replica publish a later event
 * of an aggregate before an earlier one that the first replica is still sending.)
 * <p>
 * Outages: while Kafka (or the database) is unavailable the batch rolls back and the relay backs off; the rows
 * wait and writers are unaffected. Delivery is at least once; consumers dedupe on {@code ce_id}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.outbox'))";
    private static final String CLAIM = """
            SELECT id, event_id, topic, message_key, type, source, subject, occurred_at, payload::text
            FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?""";
    private static final String MARK_SENT = "UPDATE outbox SET sent_at = now() WHERE id = ANY (?)";
    private static final String PRUNE_OUTBOX = "DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => ?)";
    private static final String PRUNE_INBOX = "DELETE FROM inbox WHERE received_at < now() - make_interval(secs => ?)";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final Config rawConfig;
    private final Map<String, Object> kafkaConfig;
    private final Counter published;
    private final Counter failures;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Instant lastCycle;
    private volatile String lastError;
    private volatile KafkaProducer<String, byte[]> producer;
    private long nextPrune;

    /**
     * @param kafkaConfig Quarkus' shared Kafka settings (the {@code kafka.} properties, also when they come from
     *                    environment variables such as {@code KAFKA_SASL_JAAS_CONFIG}), as the messaging connector
     *                    gets them: the relay reaches the same brokers with the same security
     */
    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, Config rawConfig,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.rawConfig = rawConfig;
        this.kafkaConfig = kafkaConfig;
        this.published = registry.counter("frontdesk.outbox.published");
        this.failures = registry.counter("frontdesk.outbox.failures");
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("Outbox relay disabled on this replica");
            return;
        }
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts relaying on a thread of its own. (Tests start a second relay this way to act as another replica.) */
    public synchronized void start() {
        if (running) {
            return;
        }
        producer = new KafkaProducer<>(producerProperties());
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(config.pollInterval().toMillis() + config.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        thread = null;
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try (Connection listener = dataSource.getConnection()) {
                listener.setAutoCommit(true);
                String channel;
                try (Statement s = listener.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                    rs.next();
                    channel = rs.getString(1) + "_outbox";
                    s.execute("LISTEN \"" + channel.replace("\"", "") + "\"");
                }
                PGConnection notifications = listener.unwrap(PGConnection.class);
                while (running) {
                    drain();
                    lastCycle = Instant.now();
                    lastError = null;
                    backoff = 100;
                    pruneIfDue();
                    // Returns on the first NOTIFY (delivered at commit) or after the safety-net interval.
                    notifications.getNotifications((int) config.pollInterval().toMillis());
                }
            } catch (Exception e) {
                failures.increment();
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf("Outbox relay paused for %d ms: %s", backoff, e.getMessage());
                renewProducer();
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
    }

    /**
     * After a failed batch the relay starts again with a new producer: an idempotent producer whose sends failed
     * across a broker restart can be left in a fatal state (unknown producer id, out-of-order sequence) in which it
     * fails every later send, and the outbox would never drain.
     */
    private synchronized void renewProducer() {
        if (!running || producer == null) {
            return;
        }
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debugf("Closing the failed producer: %s", e.getMessage());
        }
        producer = new KafkaProducer<>(producerProperties());
    }

    /** False when the relay should be running but its thread has died: events would pile up unsent. */
    public boolean isAlive() {
        Thread current = thread;
        return !running || (current != null && current.isAlive());
    }

    /** When the relay last emptied the outbox; null before the first time. */
    public Instant lastCycle() {
        return lastCycle;
    }

    /** Why the relay is pausing (Kafka or the database unavailable); null while it works. */
    public String lastError() {
        return lastError;
    }

    /** Publishes batches until no unsent row is left. */
    private void drain() throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        while (running && publishBatch() == config.batchSize()) {
            // a full batch: there may be more
        }
    }

    private int publishBatch() throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(LOCK);
                }
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                    claim.setInt(1, config.batchSize());
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                            Future<RecordMetadata> ack = producer.send(record(rs));
                            if (ack.isDone()) {
                                // Failed at once (no broker metadata within max.block.ms): stop here rather than
                                // wait that long again for every row of the batch.
                                ack.get();
                            }
                            acks.add(ack);
                        }
                    }
                }
                if (ids.isEmpty()) {
                    c.commit();
                    return 0;
                }
                long deadline = System.nanoTime() + config.sendTimeout().toNanos();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                try (PreparedStatement mark = c.prepareStatement(MARK_SENT)) {
                    Array array = c.createArrayOf("bigint", ids.toArray());
                    mark.setArray(1, array);
                    mark.executeUpdate();
                }
                c.commit();
                published.increment(ids.size());
                return ids.size();
            } catch (SQLException | InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static ProducerRecord<String, byte[]> record(ResultSet rs) throws SQLException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString("topic"), rs.getString("message_key"),
                rs.getString("payload").getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, rs.getString("event_id"));
        header(record, CloudEventHeaders.TYPE, rs.getString("type"));
        header(record, CloudEventHeaders.SOURCE, rs.getString("source"));
        header(record, CloudEventHeaders.TIME, rs.getObject("occurred_at", OffsetDateTime.class).toString());
        header(record, CloudEventHeaders.SUBJECT, rs.getString("subject"));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void pruneIfDue() {
        long now = System.currentTimeMillis();
        if (now < nextPrune) {
            return;
        }
        nextPrune = now + config.pruneInterval().toMillis();
        try {
            prune();
        } catch (SQLException e) {
            LOG.warnf("Could not prune outbox/inbox: %s", e.getMessage());
        }
    }

    /**
     * Deletes sent outbox rows and inbox rows older than their retention; unsent rows are never deleted. Safe on
     * several replicas. Returns how many rows went.
     */
    public int prune() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            int outbox = delete(c, PRUNE_OUTBOX, config.sentRetention().toSeconds());
            int inbox = delete(c, PRUNE_INBOX, config.inboxRetention().toSeconds());
            LOG.debugf("Pruned %d sent outbox rows and %d inbox rows", outbox, inbox);
            return outbox + inbox;
        }
    }

    private static int delete(Connection c, String sql, long seconds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, seconds);
            return s.executeUpdate();
        }
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        // Shared Kafka settings (bootstrap servers, security): the ones the messaging connector uses.
        kafkaConfig.forEach((name, value) -> {
            if (!name.contains("serializer")) {
                p.put(name, value);
            }
        });
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, rawConfig.getValue("quarkus.application.name", String.class) + "-outbox");
        long timeout = config.sendTimeout().toMillis();
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(1000, timeout / 3)));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.max(1000, timeout / 3)));
        return p;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

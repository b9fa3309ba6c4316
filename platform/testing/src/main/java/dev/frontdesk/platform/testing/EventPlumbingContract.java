package dev.frontdesk.platform.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The event plumbing every service must have, proven against the real database and broker: a write through the
 * service's API records an event in its outbox and the relay publishes it; a consumed event is applied once even
 * when delivered twice; a poison record goes to the dead-letter topic without stopping the consumer; a broker
 * outage loses nothing. A service's test extends this and says what its write and its consumer are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class EventPlumbingContract {

    protected static final Duration DEADLINE = Duration.ofSeconds(30);

    protected KafkaTestClient kafka;

    /** The service's schema (and database role). */
    protected abstract String schema();

    /** A published event the service's write must produce. */
    public record Expected(String topic, String type, String key) {
    }

    /**
     * Whether the service publishes events yet. A service that only consumes (analytics-service publishes nothing
     * in ARCHITECTURE.md) says false, and the publishing checks are skipped with that reason.
     */
    protected boolean publishes() {
        return true;
    }

    /** Performs one write through the service's API (asserting its HTTP answer) and says which event it implies. */
    protected abstract Expected write();

    /** The topic and event type the service's consumer under test reads. */
    protected abstract String consumedTopic();

    protected abstract String consumedType();

    /** A valid payload of {@link #consumedType()} about {@code subject}. */
    protected abstract String consumedPayload(String subject);

    /** How many times the consumer's effect is visible for {@code subject} (rows, a counter, …). */
    protected abstract long applied(String subject);

    protected TestDatabase database() {
        return TestDatabase.forSchema(schema());
    }

    @BeforeAll
    void connect() {
        kafka = KafkaTestClient.forTestBroker();
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    @Test
    @Order(0)
    void theServiceRoleReachesOnlyItsOwnSchema() {
        assertEquals(0, database().count("SELECT count(*) FROM outbox WHERE false"), "its own schema is on its path");
        assertThrows(IllegalStateException.class, () -> database().execute("CREATE TABLE public.intruder (id int)"),
                "the service role must not create tables outside its schema");
    }

    @Test
    @Order(1)
    void writeIsRecordedInTheOutboxAndPublishedByTheRelay() {
        Assumptions.assumeTrue(publishes(), "this service publishes no events");
        Expected expected = write();

        List<ConsumerRecord<String, byte[]>> records = kafka.await(expected.topic(),
                r -> expected.type().equals(KafkaTestClient.header(r, "ce_type")) && expected.key().equals(r.key()),
                1, DEADLINE);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertEquals("1.0", KafkaTestClient.header(record, "ce_specversion"));
        assertEquals(expected.key(), KafkaTestClient.header(record, "ce_subject"));
        assertNotNull(KafkaTestClient.header(record, "ce_time"));
        String id = KafkaTestClient.header(record, "ce_id");
        UUID.fromString(id);
        assertTrue(KafkaTestClient.value(record).startsWith("{"), "JSON payload: " + KafkaTestClient.value(record));
        await().atMost(DEADLINE).until(() -> database()
                .count("SELECT count(*) FROM outbox WHERE event_id = ?::uuid AND sent_at IS NOT NULL", id) == 1);
    }

    @Test
    @Order(2)
    void aDuplicateDeliveryIsAppliedOnce() {
        String subject = "dup-" + UUID.randomUUID();
        String marker = "after-" + subject;
        UUID eventId = UUID.randomUUID();
        kafka.publish(consumedTopic(), eventId, consumedType(), subject, consumedPayload(subject));
        kafka.publish(consumedTopic(), eventId, consumedType(), subject, consumedPayload(subject));
        // A marker event with the same key sits behind the duplicate in the partition: once the marker is
        // applied, the duplicate has been consumed too.
        kafka.publish(consumedTopic(), UUID.randomUUID(), consumedType(), subject, consumedPayload(marker));

        await().atMost(DEADLINE).until(() -> applied(marker) == 1);
        assertEquals(1, applied(subject), "the duplicate must not be applied a second time");
        assertEquals(1, database().count("SELECT count(*) FROM inbox WHERE event_id = ?::uuid", eventId.toString()));
    }

    @Test
    @Order(3)
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheConsumerMovesOn() {
        String subject = "poison-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(consumedTopic(), subject,
                "{not json".getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_type", consumedType().getBytes(StandardCharsets.UTF_8));
        kafka.send(poison);
        kafka.publish(consumedTopic(), consumedType(), subject, consumedPayload(subject));

        List<ConsumerRecord<String, byte[]>> dead = kafka.await(consumedTopic() + ".dlq",
                r -> subject.equals(r.key()), 1, DEADLINE);
        assertNotNull(KafkaTestClient.header(dead.get(0), "dead-letter-reason"),
                "the reason travels with the record: " + KafkaTestClient.headers(dead.get(0)));
        await().atMost(DEADLINE).until(() -> applied(subject) == 1);
    }

    @Test
    @Order(4)
    void aBrokerOutageLosesNothing() {
        Assumptions.assumeTrue(publishes(), "this service publishes no events");
        EmbeddedKafka broker = TestInfrastructure.kafka();
        List<Expected> written = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 0; i < 3; i++) {
                written.add(write());
            }
            assertTrue(database().count("SELECT count(*) FROM outbox WHERE sent_at IS NULL") >= 3,
                    "the writes wait in the outbox while the broker is down");
        } finally {
            broker.start();
        }
        for (Expected expected : written) {
            kafka.await(expected.topic(),
                    r -> expected.type().equals(KafkaTestClient.header(r, "ce_type")) && expected.key().equals(r.key()),
                    1, Duration.ofSeconds(60));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> database().count("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0);
    }
}

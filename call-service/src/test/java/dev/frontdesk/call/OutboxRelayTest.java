package dev.frontdesk.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.frontdesk.platform.events.EventType;
import dev.frontdesk.platform.events.Topics;
import dev.frontdesk.platform.outbox.Outbox;
import dev.frontdesk.platform.outbox.OutboxConfig;
import dev.frontdesk.platform.outbox.OutboxRelay;
import dev.frontdesk.platform.testing.KafkaTestClient;
import dev.frontdesk.platform.testing.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;

/** The relay beyond what every service's plumbing test shows: replicas and pruning. */
@QuarkusTest
@WithTestResource(CallServiceTestResource.class)
class OutboxRelayTest {

    private static final EventType TICK = EventType.of(Topics.CALLS, "relay-check.tick", 1);

    @Inject
    Outbox outbox;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OutboxConfig config;
    @Inject
    Config rawConfig;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    ObjectMapper mapper;
    @Inject
    OutboxRelay relay;

    @Test
    void pruningRemovesOnlyRowsPastTheirRetention() throws Exception {
        TestDatabase db = TestDatabase.forSchema("calls");
        String old = "prune-old-" + UUID.randomUUID();
        String recent = "prune-recent-" + UUID.randomUUID();
        String insert = """
                INSERT INTO outbox (event_id, topic, message_key, type, source, subject, occurred_at, payload, sent_at)
                VALUES (gen_random_uuid(), 'frontdesk.calls', ?, 'frontdesk.relay-check.tick.v1', 'test', ?, now(), '{}',
                        now() - make_interval(hours => ?))""";
        db.execute(insert, old, old, 48);
        db.execute(insert, recent, recent, 1);
        UUID oldInbox = UUID.randomUUID();
        UUID recentInbox = UUID.randomUUID();
        db.execute("INSERT INTO inbox (consumer, event_id, received_at) VALUES ('test', ?, now() - interval '20 days')", oldInbox);
        db.execute("INSERT INTO inbox (consumer, event_id, received_at) VALUES ('test', ?, now())", recentInbox);

        relay.prune();

        assertEquals(0, db.count("SELECT count(*) FROM outbox WHERE subject = ?", old), "sent 2 days ago: pruned");
        assertEquals(1, db.count("SELECT count(*) FROM outbox WHERE subject = ?", recent), "sent an hour ago: kept");
        assertEquals(0, db.count("SELECT count(*) FROM inbox WHERE event_id = ?", oldInbox), "received 20 days ago: pruned");
        assertEquals(1, db.count("SELECT count(*) FROM inbox WHERE event_id = ?", recentInbox), "received now: kept");
    }

    @Test
    void twoRelaysPublishEachEventOnceAndInOrder() throws Throwable {
        OutboxRelay secondReplica = new OutboxRelay(dataSource, config, rawConfig, kafkaConfig, new SimpleMeterRegistry());
        secondReplica.start();
        String aggregate = "relay-" + UUID.randomUUID();
        int events = 60;
        try {
            for (int i = 0; i < events; i++) {
                int sequence = i;
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                        () -> outbox.record(TICK, aggregate, Map.of("sequence", sequence))));
            }
            try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
                kafka.await(Topics.CALLS, r -> aggregate.equals(r.key()), events, Duration.ofSeconds(30));
                List<ConsumerRecord<String, byte[]>> published = kafka.readAll(Topics.CALLS,
                        r -> aggregate.equals(r.key()), Duration.ofSeconds(3));
                List<Integer> sequences = published.stream()
                        .map(r -> mapper.convertValue(read(r), Map.class).get("sequence"))
                        .map(Integer.class::cast).toList();
                assertEquals(IntStream.range(0, events).boxed().toList(), sequences);
            }
            assertEquals(0, TestDatabase.forSchema("calls")
                    .count("SELECT count(*) FROM outbox WHERE subject = ? AND sent_at IS NULL", aggregate));
        } finally {
            secondReplica.stop();
        }
    }

    private Object read(ConsumerRecord<String, byte[]> record) {
        try {
            return mapper.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

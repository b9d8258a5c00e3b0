package vn.hotline1022.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.hotline1022.messaging.TestSupport.awaitRecords;
import static vn.hotline1022.messaging.TestSupport.count;
import static vn.hotline1022.messaging.TestSupport.header;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.Topics;
import vn.hotline1022.messaging.probe.ProbeService;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.PostgresResource;

/** Several service instances each run a relay against the same outbox table. */
@QuarkusTest
@TestProfile(RelayDisabledProfile.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class SeveralRelaysTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    ProbeService probe;

    @Inject
    DataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Test
    void threeRelaysPublishEveryEventOnceAndEachCaseInOrder() throws Exception {
        List<UUID> cases = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID()).toList();
        Map<String, List<String>> expected = probe.publishMany(cases, 50);
        Set<String> keys = expected.keySet();

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Producer<String, String>> producers = new ArrayList<>();
        try {
            List<Future<Integer>> published = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Producer<String, String> producer = new KafkaProducer<>(relay.producerConfig());
                producers.add(producer);
                OutboxPublisher publisher = new OutboxPublisher(dataSource, producer, 15, 16);
                published.add(pool.submit(drain(publisher, keys)));
            }
            int total = 0;
            for (Future<Integer> f : published) {
                total += f.get();
            }
            assertThat(total).as("rows marked published by all relays together").isEqualTo(400);
        } finally {
            pool.shutdownNow();
            producers.forEach(Producer::close);
        }

        List<ConsumerRecord<String, String>> records = awaitRecords(companion, Topics.INTAKE,
                r -> keys.contains(r.key()), 400);
        assertThat(records).hasSize(400);
        Map<String, List<String>> actual = new LinkedHashMap<>();
        records.forEach(r -> actual.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(header(r, "ce_id")));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aKeyWhoseBucketAnotherRelayHoldsWaitsWhileOtherKeysGoAhead() throws Exception {
        UUID held = UUID.randomUUID();
        UUID free = UUID.randomUUID();
        while (bucket(free) == bucket(held)) {
            free = UUID.randomUUID();
        }
        probe.publishMany(List.of(held, free), 2);

        try (Producer<String, String> producer = new KafkaProducer<>(relay.producerConfig());
                Connection otherRelay = dataSource.getConnection()) {
            OutboxPublisher publisher = new OutboxPublisher(dataSource, producer, 100, 16);
            otherRelay.setAutoCommit(false);
            try (PreparedStatement lock = otherRelay.prepareStatement("select pg_advisory_xact_lock(" + vn.hotline1022.messaging.locks.LockSpace.OUTBOX_BUCKET.id() + ", ?)")) {
                lock.setInt(1, bucket(held));
                lock.execute();
            }

            publisher.publishBatch();
            assertThat(pending(held)).isEqualTo(2);
            assertThat(pending(free)).isZero();

            otherRelay.rollback(); // the other relay finishes its transaction and lets go of the bucket
            publisher.publishBatch();
            assertThat(pending(held)).isZero();
        }
    }

    private Callable<Integer> drain(OutboxPublisher publisher, Set<String> keys) {
        return () -> {
            int published = 0;
            while (count(dataSource,
                    "select count(*) from messaging_outbox where published_at is null and record_key = any(?)",
                    (Object) keys.toArray(String[]::new)) > 0) {
                OutboxPublisher.BatchResult r = publisher.publishBatch();
                assertThat(r.failure()).isNull();
                published += r.published();
            }
            return published;
        };
    }

    private long pending(UUID key) {
        return count(dataSource, "select count(*) from messaging_outbox where published_at is null and record_key = ?",
                key.toString());
    }

    private int bucket(UUID key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select mod(hashtext(?) & 2147483647, 16)")) {
            ps.setString(1, key.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}

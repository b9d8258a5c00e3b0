package vn.hotline1022.localstack.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the machine itself can do, measured in the same run as the system: a bare Kafka produce → consume round trip
 * (acks=all, one record at a time, the size of an event) and PostgreSQL single-row inserts, one commit each.
 */
final class Baselines {

    private static final String TOPIC = "hotline.bench.baseline";

    private Baselines() {
    }

    static Latencies kafkaRoundTrip(String bootstrap, int messages) throws Exception {
        Latencies l = new Latencies();
        String payload = "x".repeat(1500);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(bootstrap))) {
            producer.send(new ProducerRecord<>(TOPIC, "warm-up", payload)).get(); // creates the topic
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(TOPIC, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            for (int i = 0; i < messages; i++) {
                String key = UUID.randomUUID().toString();
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, key, payload));
                boolean seen = false;
                while (!seen) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        seen |= key.equals(r.key());
                    }
                }
                if (i >= messages / 10) { // the first tenth warms the clients up
                    l.add((System.nanoTime() - sent) / 1e6);
                }
            }
        }
        return l;
    }

    /** Single-row inserts with a commit each, on one connection, for {@code duration}: rows per second. */
    static double postgresInsertsPerSecond(String adminJdbcUrl, Duration duration) throws Exception {
        try (Connection c = DriverManager.getConnection(adminJdbcUrl); Statement st = c.createStatement()) {
            st.execute("create temporary table bench_baseline (id uuid primary key, payload text, at timestamptz)");
            long rows = 0;
            String payload = "x".repeat(200);
            long end = System.nanoTime() + duration.toNanos();
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into bench_baseline values (?, ?, now())")) {
                while (System.nanoTime() < end) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, payload);
                    insert.executeUpdate();
                    rows++;
                }
            }
            return rows / (duration.toMillis() / 1000.0);
        }
    }

    private static Properties consumerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return p;
    }
}

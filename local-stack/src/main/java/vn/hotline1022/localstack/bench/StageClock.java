package vn.hotline1022.localstack.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import vn.hotline1022.events.Topics;

/**
 * Reads the topics from their end as the run starts and notes, per case, when intake published CallReceived and when
 * each downstream service first published about the case (the records' own timestamps, set by the producers on this
 * machine): the time each stage of the fan-out took.
 */
final class StageClock implements AutoCloseable {

    /** Stage name → its topic. */
    static final Map<String, String> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("dispatch", Topics.DISPATCH);
        STAGES.put("referral", Topics.REFERRAL);
        STAGES.put("relief", Topics.RELIEF);
        STAGES.put("notification", Topics.NOTIFICATION);
    }

    private final Map<String, Long> callReceived = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> firstByStage = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    StageClock(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        List<String> topics = new ArrayList<>(STAGES.values());
        topics.add(Topics.INTAKE);
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // the end, now, before the first call
        reader = new Thread(this::read, "bench-stage-clock");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.key() == null) {
                    continue;
                }
                if (r.topic().equals(Topics.INTAKE)) {
                    if ("CallReceived".equals(eventName(r))) {
                        callReceived.putIfAbsent(r.key(), r.timestamp());
                    }
                    continue;
                }
                STAGES.forEach((stage, topic) -> {
                    if (topic.equals(r.topic())) {
                        firstByStage.computeIfAbsent(stage, s -> new ConcurrentHashMap<>())
                                .merge(r.key(), r.timestamp(), Math::min);
                    }
                });
            }
        }
        consumer.close();
    }

    /** How many of {@code cases} each stage has answered so far. */
    Map<String, Integer> answered(Set<String> cases) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        STAGES.keySet().forEach(stage -> counts.put(stage, (int) cases.stream()
                .filter(firstByStage.getOrDefault(stage, Map.of())::containsKey).count()));
        return counts;
    }

    /** CallReceived → the stage's first event, for {@code cases} that have both. */
    Latencies stage(String stage, Set<String> cases) {
        Latencies l = new Latencies();
        Map<String, Long> first = firstByStage.getOrDefault(stage, Map.of());
        for (String c : cases) {
            Long received = callReceived.get(c);
            Long answered = first.get(c);
            if (received != null && answered != null) {
                l.add(Math.max(0, answered - received));
            }
        }
        return l;
    }

    int published(Set<String> cases) {
        return (int) cases.stream().filter(callReceived::containsKey).count();
    }

    private static String eventName(ConsumerRecord<String, byte[]> r) {
        Header h = r.headers().lastHeader("ce_type");
        if (h == null) {
            return "";
        }
        String[] parts = new String(h.value(), StandardCharsets.UTF_8).split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : "";
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
    }
}

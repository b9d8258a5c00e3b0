package vn.hotline1022.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import vn.hotline1022.events.Topics;

/** Reads every event of one case from every service's topic, from the beginning, as an auditor would. */
final class CaseEvents {

    private static final List<String> TOPICS = List.of(Topics.INTAKE, Topics.DISPATCH, Topics.REFERRAL,
            Topics.RELIEF, Topics.NOTIFICATION);

    private CaseEvents() {
    }

    /** Event names (e.g. TeamDispatched) of the case, counted; read up to the current end of each topic. */
    static Map<String, Long> countByName(String bootstrap, UUID caseId) {
        return read(bootstrap, caseId).stream().collect(Collectors.groupingBy(CaseEvents::eventName,
                Collectors.counting()));
    }

    static List<ConsumerRecord<String, String>> read(String bootstrap, UUID caseId) {
        return readAll(bootstrap, TOPICS).stream().filter(r -> caseId.toString().equals(r.key())).toList();
    }

    /** Every record of {@code topics}, from the beginning up to their current end. */
    static List<ConsumerRecord<String, String>> readAll(String bootstrap, List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(found::add);
            }
        }
        return found;
    }

    /** A header's value as text; null without it. */
    static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The W3C trace context a record carries: its header {@code traceparent=00-<trace id>-<span id>-<flags>}. */
    record Trace(String traceId, String spanId) {
        /** Null without the header. */
        static Trace of(ConsumerRecord<String, String> r) {
            String traceparent = header(r, "traceparent");
            if (traceparent == null) {
                return null;
            }
            String[] parts = traceparent.split("-");
            return new Trace(parts[1], parts[2]);
        }
    }

    /** "vn.hotline1022.dispatch.TeamDispatched.v1" → "TeamDispatched". */
    static String eventName(ConsumerRecord<String, String> r) {
        String type = new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
        String[] parts = type.split("\\.");
        return parts[parts.length - 2];
    }
}

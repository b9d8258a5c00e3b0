package vn.hotline1022.ops.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import vn.hotline1022.ops.kafka.KafkaClients;

/** Reads end offsets and consumer groups' committed offsets of the hotline topics through Kafka's AdminClient. */
@ApplicationScoped
public class KafkaOffsets {

    static final String PREFIX = "hotline.";
    private static final long TIMEOUT_SECONDS = 10;

    @Inject
    KafkaClients clients;

    /** One reading: per topic its partitions' end offsets, per group its committed offsets on those topics. */
    public record Reading(Map<String, Map<Integer, Long>> endOffsets,
            Map<String, Map<TopicPartition, Long>> committed) {
    }

    public Reading read() throws InterruptedException, ExecutionException, TimeoutException {
        Admin admin = clients.admin();
        List<String> topics = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(PREFIX)).sorted().toList();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(d -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<String, Map<Integer, Long>> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((tp, info) -> ends
                .computeIfAbsent(tp.topic(), t -> new HashMap<>()).put(tp.partition(), info.offset()));
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ours = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (om != null && ends.containsKey(tp.topic())) {
                    ours.put(tp, om.offset());
                }
            });
            if (!ours.isEmpty()) {
                committed.put(group.groupId(), ours);
            }
        }
        return new Reading(ends, committed);
    }
}

package vn.hotline1022.ops.trace;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Service;
import vn.hotline1022.ops.kafka.KafkaClients;

/**
 * Every event of one case across the services' topics, in time order, with the time from its CallReceived to each.
 * Events of a case are keyed by its id, so on each topic only the partition Kafka's default partitioner chose for that
 * key is read (murmur2 of the key, modulo the partition count), from a time offset: a trace reads one partition per
 * topic from the case's day on, however big the topics grow.
 */
@ApplicationScoped
public class CaseTrace {

    /** The case's events, found on the topics. */
    public record Trace(UUID caseId, List<TracedEvent> events) {
    }

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    KafkaClients kafka;

    public Trace trace(UUID caseId, Instant from) {
        String key = caseId.toString();
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        List<TracedEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.readerConsumer()) {
            for (Service service : Service.values()) {
                var partitions = consumer.partitionsFor(service.topic(), Duration.ofSeconds(5));
                if (partitions == null || partitions.isEmpty()) {
                    continue; // no event of that service yet
                }
                TopicPartition tp = new TopicPartition(service.topic(),
                        Utils.toPositive(Utils.murmur2(keyBytes)) % partitions.size());
                read(consumer, tp, key, from, events);
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw ProblemException.unavailable("Kafka did not answer in time; try again");
        }
        events.sort(Comparator.comparing(TracedEvent::time, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(TracedEvent::topic).thenComparingLong(TracedEvent::offset));
        Instant call = events.stream().filter(e -> "CallReceived".equals(e.eventName())).map(TracedEvent::time)
                .findFirst().orElse(null);
        List<TracedEvent> timed = events.stream().map(e -> new TracedEvent(e.topic(), e.partition(), e.offset(),
                e.ceId(), e.ceType(), e.eventName(), e.source(), e.time(),
                call == null || e.time() == null ? null : Duration.between(call, e.time()).toMillis())).toList();
        return new Trace(caseId, timed);
    }

    private static void read(KafkaConsumer<String, byte[]> consumer, TopicPartition tp, String key, Instant from,
            List<TracedEvent> into) {
        consumer.assign(List.of(tp));
        long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(5)).get(tp);
        Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(Map.of(tp, from.toEpochMilli()),
                Duration.ofSeconds(5));
        OffsetAndTimestamp at = start.get(tp);
        if (at == null) {
            return; // nothing on the partition since then
        }
        consumer.seek(tp, at.offset());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_TIMEOUT.toMillis());
        while (consumer.position(tp) < end) {
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("reading " + tp);
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() < end && key.equals(r.key())) {
                    into.add(event(r));
                }
            }
        }
    }

    private static TracedEvent event(ConsumerRecord<String, byte[]> r) {
        String ceType = header(r, "ce_type");
        String time = header(r, "ce_time");
        Instant at;
        try {
            at = time == null ? Instant.ofEpochMilli(r.timestamp()) : Instant.parse(time);
        } catch (DateTimeParseException e) {
            at = Instant.ofEpochMilli(r.timestamp());
        }
        String name = EventType.fromCeType(ceType).map(EventType::eventName).orElse(ceType);
        return new TracedEvent(r.topic(), r.partition(), r.offset(), header(r, "ce_id"), ceType, name,
                header(r, "ce_source"), at, null);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

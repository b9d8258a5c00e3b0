package vn.hotline1022.ops.deadletters;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import vn.hotline1022.ops.kafka.KafkaClients;

/**
 * A dead letter is only a claim: anyone who can write to a dead-letter topic could write one that says it came from
 * intake's topic. Before a replay, the record the letter names (its original topic, partition and offset) is read back
 * from that topic, and it must be the letter's record — same key, same bytes, same {@code ce_id}. The replay then
 * sends what the topic holds, never what the letter says.
 */
@ApplicationScoped
public class OriginalRecords {

    static final String PARTITION = "dead-letter-partition";
    static final String OFFSET = "dead-letter-offset";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    KafkaClients kafka;

    /** The letter's record as its original topic holds it; empty when it is not there, or not the same. */
    public Optional<ConsumerRecord<String, byte[]>> of(DeadLetter d) {
        Integer partition = number(d.headers.get(PARTITION), Integer::valueOf);
        Long offset = number(d.headers.get(OFFSET), Long::valueOf);
        if (d.originalTopic == null || partition == null || offset == null || partition < 0 || offset < 0) {
            return Optional.empty();
        }
        TopicPartition tp = new TopicPartition(d.originalTopic, partition);
        try (KafkaConsumer<String, byte[]> consumer = kafka.readerConsumer()) {
            if (consumer.partitionsFor(d.originalTopic, PATIENCE).stream().noneMatch(p -> p.partition() == partition)) {
                return Optional.empty();
            }
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            Instant until = Instant.now().plus(PATIENCE);
            while (Instant.now().isBefore(until) && consumer.position(tp) <= offset) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return sameAs(r, d) ? Optional.of(r) : Optional.empty();
                    }
                }
                if (consumer.endOffsets(List.of(tp)).get(tp) <= offset) {
                    return Optional.empty(); // nothing there (yet, or any more)
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // the topic or the record cannot be read: nothing is verified
        }
    }

    private static boolean sameAs(ConsumerRecord<String, byte[]> r, DeadLetter d) {
        Header ceId = r.headers().lastHeader("ce_id");
        return Objects.equals(r.key(), d.recordKey) && Arrays.equals(r.value(), d.payload) && ceId != null
                && Objects.equals(new String(ceId.value(), java.nio.charset.StandardCharsets.UTF_8), d.ceId);
    }

    private static <T> T number(String text, java.util.function.Function<String, T> parse) {
        try {
            return text == null ? null : parse.apply(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

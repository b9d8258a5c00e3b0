package vn.hotline1022.ops.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;
import vn.hotline1022.events.Topics;
import vn.hotline1022.messaging.sql.Jdbc;

/**
 * Reads every dead-letter topic ({@code hotline.<service>.events.<consumer>.dlq}, by pattern) into the
 * {@code dead_letter} table, each record once whatever the redeliveries: SmallRye's dead-letter headers say where it
 * came from and why; the original CloudEvents headers travel with it.
 */
@ApplicationScoped
public class DeadLetterCollector {

    static final String REASON = "dead-letter-reason";
    static final String CAUSE = "dead-letter-cause";
    private static final Pattern ATTEMPTS = Pattern.compile("failed (\\d+) times");

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    @Incoming("dead-letters")
    @Blocking
    @Transactional
    public void collect(ConsumerRecord<String, byte[]> record) throws JsonProcessingException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        // The topic the dead-letter topic's own name says; a header claiming another is not believed.
        String originalTopic = Topics.deadLettersOf(record.topic());
        String error = headers.get(REASON);
        if (headers.get(CAUSE) != null && (error == null || !error.contains(headers.get(CAUSE)))) {
            error = error == null ? headers.get(CAUSE) : error + " — " + headers.get(CAUSE);
        }
        Matcher attempts = ATTEMPTS.matcher(error == null ? "" : error);
        jdbc.update("""
                insert into dead_letter (id, dead_letter_topic, dlq_partition, dlq_offset, original_topic, consumer,
                    record_key, ce_id, ce_type, ce_source, ce_time, error, attempts, headers, payload, received_at,
                    status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, 'NEW')
                on conflict (dead_letter_topic, dlq_partition, dlq_offset) do nothing
                """,
                UUID.randomUUID(),
                record.topic(),
                record.partition(),
                record.offset(),
                originalTopic,
                Topics.deadLetterConsumer(record.topic(), originalTopic),
                record.key(),
                headers.get("ce_id"),
                headers.get("ce_type"),
                headers.get("ce_source"),
                headers.get("ce_time"),
                error,
                attempts.find() ? Integer.parseInt(attempts.group(1)) : 1,
                json.writeValueAsString(headers),
                record.value(),
                Instant.now());
    }
}

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
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;

/**
 * Reads every dead-letter topic ({@code hotline.<service>.events.<consumer>.dlq}, by pattern) into the
 * {@code dead_letter} table, each record once whatever the redeliveries: SmallRye's dead-letter headers say where it
 * came from and why; the original CloudEvents headers travel with it.
 */
@ApplicationScoped
public class DeadLetterCollector {

    static final String REASON = "dead-letter-reason";
    static final String CAUSE = "dead-letter-cause";
    static final String ORIGINAL_TOPIC = "dead-letter-topic";
    private static final Pattern ATTEMPTS = Pattern.compile("failed (\\d+) times");

    @Inject
    EntityManager em;

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
        String originalTopic = headers.getOrDefault(ORIGINAL_TOPIC, originalTopic(record.topic()));
        String error = headers.get(REASON);
        if (headers.get(CAUSE) != null && (error == null || !error.contains(headers.get(CAUSE)))) {
            error = error == null ? headers.get(CAUSE) : error + " — " + headers.get(CAUSE);
        }
        Matcher attempts = ATTEMPTS.matcher(error == null ? "" : error);
        em.createNativeQuery("""
                insert into dead_letter (id, dead_letter_topic, dlq_partition, dlq_offset, original_topic, consumer,
                    record_key, ce_id, ce_type, ce_source, ce_time, error, attempts, headers, payload, received_at,
                    status)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, cast(?14 as jsonb), ?15, ?16, 'NEW')
                on conflict (dead_letter_topic, dlq_partition, dlq_offset) do nothing
                """)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, record.topic())
                .setParameter(3, record.partition())
                .setParameter(4, record.offset())
                .setParameter(5, originalTopic)
                .setParameter(6, consumer(record.topic(), originalTopic))
                .setParameter(7, record.key())
                .setParameter(8, headers.get("ce_id"))
                .setParameter(9, headers.get("ce_type"))
                .setParameter(10, headers.get("ce_source"))
                .setParameter(11, headers.get("ce_time"))
                .setParameter(12, error)
                .setParameter(13, attempts.find() ? Integer.parseInt(attempts.group(1)) : 1)
                .setParameter(14, json.writeValueAsString(headers))
                .setParameter(15, record.value())
                .setParameter(16, Instant.now())
                .executeUpdate();
    }

    /** {@code hotline.intake.events.relief-service.dlq} → {@code hotline.intake.events}. */
    static String originalTopic(String deadLetterTopic) {
        String base = deadLetterTopic.endsWith(".dlq") ? deadLetterTopic.substring(0, deadLetterTopic.length() - 4)
                : deadLetterTopic;
        int events = base.indexOf(".events.");
        return events < 0 ? base : base.substring(0, events + ".events".length());
    }

    /** The consumer named between the original topic and {@code .dlq}. */
    static String consumer(String deadLetterTopic, String originalTopic) {
        String prefix = originalTopic + ".";
        if (deadLetterTopic.startsWith(prefix) && deadLetterTopic.endsWith(".dlq")) {
            return deadLetterTopic.substring(prefix.length(), deadLetterTopic.length() - 4);
        }
        return null;
    }
}

package vn.hotline1022.ops.deadletters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hotline1022.messaging.sql.Jdbc;

/** A record that reached a dead-letter topic, and what ops did with it (a row of {@code dead_letter}). */
public class DeadLetter {

    public enum Status {
        NEW, REPLAYED, DISCARDED
    }

    static final String COLUMNS = "id, dead_letter_topic, dlq_partition, dlq_offset, original_topic, consumer, "
            + "record_key, ce_id, ce_type, ce_source, ce_time, error, attempts, headers::text as headers, payload, "
            + "received_at, status, handled_by, handled_at, reason";
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    public UUID id;
    public String deadLetterTopic;
    public int dlqPartition;
    public long dlqOffset;
    public String originalTopic;
    /** The consumer (application) that gave up on it: the DLQ is {@code <topic>.<consumer>.dlq}. */
    public String consumer;
    /** The Kafka key: the case id for case events. */
    public String recordKey;
    public String ceId;
    public String ceType;
    public String ceSource;
    public String ceTime;
    public String error;
    public int attempts;
    /** Name → value of every header, the original CloudEvents ones included. */
    public Map<String, String> headers;
    public byte[] payload;
    public Instant receivedAt;
    public Status status;
    public String handledBy;
    public Instant handledAt;
    public String reason;

    /** A row selected with {@link #COLUMNS}. */
    static DeadLetter read(ResultSet rs, ObjectMapper json) throws SQLException {
        DeadLetter d = new DeadLetter();
        d.id = rs.getObject("id", UUID.class);
        d.deadLetterTopic = rs.getString("dead_letter_topic");
        d.dlqPartition = rs.getInt("dlq_partition");
        d.dlqOffset = rs.getLong("dlq_offset");
        d.originalTopic = rs.getString("original_topic");
        d.consumer = rs.getString("consumer");
        d.recordKey = rs.getString("record_key");
        d.ceId = rs.getString("ce_id");
        d.ceType = rs.getString("ce_type");
        d.ceSource = rs.getString("ce_source");
        d.ceTime = rs.getString("ce_time");
        d.error = rs.getString("error");
        d.attempts = rs.getInt("attempts");
        try {
            d.headers = json.readValue(rs.getString("headers"), HEADERS);
        } catch (JsonProcessingException e) {
            throw new SQLException("headers of dead letter " + d.id + " are not a JSON object", e);
        }
        d.payload = rs.getBytes("payload");
        d.receivedAt = Jdbc.instant(rs, "received_at");
        d.status = Status.valueOf(rs.getString("status"));
        d.handledBy = rs.getString("handled_by");
        d.handledAt = Jdbc.instant(rs, "handled_at");
        d.reason = rs.getString("reason");
        return d;
    }
}

package vn.hotline1022.ops.deadletters;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A record that reached a dead-letter topic, and what ops did with it. */
@Entity
public class DeadLetter extends PanacheEntityBase {

    public enum Status {
        NEW, REPLAYED, DISCARDED
    }

    @Id
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
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public java.util.Map<String, String> headers;
    public byte[] payload;
    public Instant receivedAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String handledBy;
    public Instant handledAt;
    public String reason;
}

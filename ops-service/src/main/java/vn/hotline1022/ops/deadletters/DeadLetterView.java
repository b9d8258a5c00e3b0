package vn.hotline1022.ops.deadletters;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A dead letter as the API shows it. The payload and headers only in the single view, and the payload only masked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterView(UUID id, String deadLetterTopic, String originalTopic, String consumer, int partition,
        long offset, String ceId, String ceType, String ceSource, String ceTime, String caseId, String error,
        int attempts, Instant receivedAt, String status, String handledBy, Instant handledAt, String reason,
        String payload, Map<String, String> headers) {

    static DeadLetterView of(DeadLetter d) {
        return of(d, null, null);
    }

    static DeadLetterView of(DeadLetter d, String maskedPayload, Map<String, String> headers) {
        return new DeadLetterView(d.id, d.deadLetterTopic, d.originalTopic, d.consumer, d.dlqPartition, d.dlqOffset,
                d.ceId, d.ceType, d.ceSource, d.ceTime, caseId(d.recordKey), d.error, d.attempts, d.receivedAt,
                d.status.name(), d.handledBy, d.handledAt, d.reason, maskedPayload, headers);
    }

    /** The key is the case id for case events; anything else (an alert's id, garbage) is not shown as one. */
    private static String caseId(String key) {
        try {
            return key == null ? null : UUID.fromString(key).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

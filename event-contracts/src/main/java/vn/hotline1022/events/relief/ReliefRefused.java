package vn.hotline1022.events.relief;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * Relief was not scheduled. Published so the caller can be told why instead of waiting.
 *
 * @param reason {@code DUPLICATE}, {@code INELIGIBLE}, {@code OUT_OF_STOCK} or {@code CAP_REACHED}
 * @param queued true when the request waits for stock or a new programme rather than being closed
 */
public record ReliefRefused(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID householdId,
        String programmeCode,
        String reason,
        String detail,
        boolean queued) implements CaseEvent {

    public ReliefRefused {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

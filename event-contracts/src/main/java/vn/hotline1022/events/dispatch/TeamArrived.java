package vn.hotline1022.events.dispatch;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/** The team reached the household; stops the response-time clock. */
public record TeamArrived(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID assignmentId,
        UUID teamId) implements CaseEvent {

    public TeamArrived {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

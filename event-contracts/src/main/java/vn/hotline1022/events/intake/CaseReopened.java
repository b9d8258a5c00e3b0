package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/** A resolved case is open again; consumers that stopped tracking it on CaseResolved resume. */
public record CaseReopened(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        String reason) implements CaseEvent {

    public CaseReopened {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

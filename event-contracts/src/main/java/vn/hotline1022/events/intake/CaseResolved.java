package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * The case is closed. Only intake-service closes cases, so "resolved" means the same thing everywhere.
 *
 * @param resolvedBy {@code CITIZEN}, {@code AGENT}, {@code FIELD_TEAM} or {@code OFFICIAL} (a ward or district
 *                   official)
 */
public record CaseResolved(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        String resolvedBy,
        String note) implements CaseEvent {

    public CaseResolved {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

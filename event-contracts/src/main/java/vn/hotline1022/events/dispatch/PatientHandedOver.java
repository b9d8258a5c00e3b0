package vn.hotline1022.events.dispatch;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * The transport team handed the patient over to the accepting hospital; the team is free again. Referral records
 * the admission from it.
 */
public record PatientHandedOver(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID transportId,
        UUID referralId,
        UUID teamId,
        UUID hospitalId,
        String hospitalCode) implements CaseEvent {

    public PatientHandedOver {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

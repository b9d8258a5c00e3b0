package vn.hotline1022.events.dispatch;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/** The transport team has the patient on board and is driving to the hospital. */
public record PatientPickedUp(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID transportId,
        UUID referralId,
        UUID teamId,
        String hospitalCode) implements CaseEvent {

    public PatientPickedUp {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

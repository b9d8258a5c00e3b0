package vn.hotline1022.events.referral;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * The hospital holds a bed for the patient.
 *
 * @param bedLabel the hospital's own name for the bed, read to the transport team
 */
public record ReferralAccepted(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID referralId,
        UUID hospitalId,
        String hospitalName,
        String bedLabel,
        Instant expectedArrival) implements CaseEvent {

    public ReferralAccepted {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

package vn.hotline1022.events.referral;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.Severity;

/**
 * A hospital was asked for a bed (chuyển viện). One hospital at a time, each with a deadline, so a patient is never
 * promised two beds.
 *
 * @param answerDeadline after this the referral expires and the next hospital is asked
 * @param attempt        1 for the first hospital asked for this case, 2 for the next, ...
 * @param hospitalCode   the hospital's 5-digit facility code (mã KCB), by which it is reached; optional (added in v1)
 * @param routingReason  why a hospital of this tier (tuyến) was asked, in Vietnamese, e.g. a critical patient to a
 *                       provincial hospital; null when any would do (added in v1)
 */
public record PatientReferred(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID referralId,
        UUID hospitalId,
        String hospitalName,
        BedType bedType,
        Severity severity,
        String clinicalSummary,
        Instant answerDeadline,
        int attempt,
        String hospitalCode,
        String routingReason) implements CaseEvent {

    public PatientReferred {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public PatientReferred(UUID caseId, String caseCode, Instant occurredAt, UUID referralId, UUID hospitalId,
            String hospitalName, BedType bedType, Severity severity, String clinicalSummary, Instant answerDeadline,
            int attempt, String hospitalCode) {
        this(caseId, caseCode, occurredAt, referralId, hospitalId, hospitalName, bedType, severity, clinicalSummary,
                answerDeadline, attempt, hospitalCode, null);
    }
}

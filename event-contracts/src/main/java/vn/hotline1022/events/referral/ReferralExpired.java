package vn.hotline1022.events.referral;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/** The hospital did not answer by the deadline; treated as a rejection so the patient is not left waiting. */
public record ReferralExpired(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID referralId,
        UUID hospitalId,
        Instant deadline) implements CaseEvent {

    public ReferralExpired {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

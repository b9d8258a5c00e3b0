package vn.hotline1022.events.referral;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * The hospital did not answer by the deadline; treated as a rejection so the patient is not left waiting.
 *
 * @param hospitalCode the hospital's 5-digit facility code (mã KCB), so it can be told; optional (added in v1)
 */
public record ReferralExpired(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID referralId,
        UUID hospitalId,
        Instant deadline,
        String hospitalCode) implements CaseEvent {

    public ReferralExpired {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

package vn.hotline1022.events.referral;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * The hospital declined; referral-service asks the next one.
 *
 * @param reason {@code NO_BEDS}, {@code NO_SPECIALTY}, {@code NO_STAFF} or {@code OTHER}
 */
public record ReferralRejected(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID referralId,
        UUID hospitalId,
        String reason,
        String detail) implements CaseEvent {

    public ReferralRejected {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

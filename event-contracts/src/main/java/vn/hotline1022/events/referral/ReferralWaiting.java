package vn.hotline1022.events.referral;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.BedType;

/**
 * No hospital of the province has a free bed of the type the patient needs: the referral waits, and is put to a
 * hospital (PatientReferred) as soon as a bed frees. Published once per referral and bed type, so that the case
 * timeline, the agents and the district's officials know the patient is waiting, not forgotten.
 *
 * @param reason       why it waits, e.g. {@code NO_FREE_BED}; a String, since reasons may be added
 * @param since        when the referral started waiting
 * @param districtCode the patient's district, whose officials are told
 */
public record ReferralWaiting(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID referralId,
        String reason,
        BedType bedType,
        Instant since,
        String provinceCode,
        String districtCode) implements CaseEvent {

    public ReferralWaiting {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

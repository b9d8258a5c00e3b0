package vn.hotline1022.events.referral;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.BedType;

/**
 * The hospital holds a bed for the patient.
 *
 * @param bedLabel     the hospital's own name for the bed, read to the transport team
 * @param hospitalCode the hospital's 5-digit facility code (mã KCB); optional (added in v1)
 * @param bedType      the bed type held, which decides the transport's equipment (oxygen); optional (added in v1)
 * @param provinceCode the case's province, where a transport team is looked for; optional (added in v1)
 * @param districtCode the case's district, to prefer a near team; optional (added in v1)
 */
public record ReferralAccepted(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID referralId,
        UUID hospitalId,
        String hospitalName,
        String bedLabel,
        Instant expectedArrival,
        String hospitalCode,
        BedType bedType,
        String provinceCode,
        String districtCode) implements CaseEvent {

    public ReferralAccepted {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

package vn.hotline1022.events.referral;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.BedType;

/**
 * The accepted patient is in the hospital's bed: the referral is closed. Published once per referral, whichever way
 * the admission became known.
 *
 * @param admittedAt when the patient was handed over or admitted (the team's handover time, or the hospital's record)
 * @param how        {@link #HANDED_OVER_BY_TEAM} or {@link #RECORDED_BY_HOSPITAL}; a String so new ways stay additive
 */
public record PatientAdmitted(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID referralId,
        UUID hospitalId,
        String hospitalCode,
        String hospitalName,
        BedType bedType,
        Instant admittedAt,
        String how) implements CaseEvent {

    /** The 1022 transport team handed the patient over (PatientHandedOver). */
    public static final String HANDED_OVER_BY_TEAM = "HANDED_OVER_BY_TEAM";
    /** The hospital recorded the admission itself, e.g. the patient came by other means. */
    public static final String RECORDED_BY_HOSPITAL = "RECORDED_BY_HOSPITAL";

    public PatientAdmitted {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

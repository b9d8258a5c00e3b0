package vn.hotline1022.events.referral;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.CaseEvent;

/**
 * The admitted patient left the hospital (ra viện): discharged home, transferred to another hospital, or died. The
 * bed is free again. Published once per referral, from the hospital's page, API or FHIR Task.
 *
 * @param disposition {@link #DISCHARGED}, {@link #TRANSFERRED} or {@link #DECEASED}; a String so new ones stay
 *                    additive
 * @param transferredTo the receiving hospital's facility code (mã cơ sở KCB) when transferred, else null
 */
public record PatientDischarged(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID referralId,
        UUID hospitalId,
        String hospitalCode,
        String hospitalName,
        String disposition,
        Instant dischargedAt,
        String transferredTo) implements CaseEvent {

    public static final String DISCHARGED = "DISCHARGED";
    public static final String TRANSFERRED = "TRANSFERRED";
    public static final String DECEASED = "DECEASED";

    public PatientDischarged {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

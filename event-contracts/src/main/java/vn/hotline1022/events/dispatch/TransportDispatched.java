package vn.hotline1022.events.dispatch;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.BedType;

/**
 * A transport-capable team (ambulance with medical staff, and oxygen when the bed type needs it) was sent to take the
 * accepted patient to the hospital (xe đang đến đón). One transport per accepted referral.
 *
 * @param transportId  one per accepted referral
 * @param referralId   the accepted referral the patient is taken for
 * @param hospitalCode the hospital's 5-digit facility code (mã KCB); null when the referral did not say
 * @param waitedSince  when the transport was asked for; earlier than {@code occurredAt} when it waited for a free team
 */
public record TransportDispatched(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID transportId,
        UUID referralId,
        UUID teamId,
        String teamCode,
        String teamName,
        UUID hospitalId,
        String hospitalCode,
        String hospitalName,
        BedType bedType,
        Instant waitedSince) implements CaseEvent {

    public TransportDispatched {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

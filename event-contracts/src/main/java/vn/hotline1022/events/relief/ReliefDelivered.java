package vn.hotline1022.events.relief;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * The household received the package; counts against its programme cap.
 *
 * @param deliveredBy the organisation or volunteer group, e.g. the ward's Fatherland Front (Mặt trận Tổ quốc)
 */
public record ReliefDelivered(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID deliveryId,
        UUID householdId,
        String programmeCode,
        String deliveredBy) implements CaseEvent {

    public ReliefDelivered {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

package vn.hotline1022.events.relief;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.ReliefItem;

/**
 * A relief delivery (cứu trợ) to a household was scheduled.
 *
 * @param householdId   relief is capped per household (hộ gia đình), not per case
 * @param programmeCode the funding programme, which sets eligibility and caps
 * @param amountVnd     cash part in đồng, null when the package is goods only
 */
public record ReliefScheduled(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID deliveryId,
        UUID householdId,
        String programmeCode,
        List<ReliefItem> items,
        Long amountVnd,
        String wardCode,
        Instant expectedBy) implements CaseEvent {

    public ReliefScheduled {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        items = items == null ? List.of() : List.copyOf(items);
    }
}

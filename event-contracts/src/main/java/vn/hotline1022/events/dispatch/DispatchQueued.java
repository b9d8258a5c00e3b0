package vn.hotline1022.events.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.Need;

/**
 * No team could be assigned yet; the case waits in the ward's queue. Published so intake can tell the caller and
 * escalate if the wait grows.
 *
 * @param reason why it was not dispatched now, e.g. {@code NO_TEAM_AVAILABLE}
 */
public record DispatchQueued(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        List<Need> needs,
        String wardCode,
        String districtCode,
        int priority,
        String reason) implements CaseEvent {

    public DispatchQueued {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        needs = needs == null ? List.of() : List.copyOf(needs);
    }
}

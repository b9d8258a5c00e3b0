package vn.hotline1022.events.dispatch;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * A rapid-response team (tổ phản ứng nhanh) was assigned to the case.
 *
 * @param assignmentId  one per dispatch; a case may be dispatched more than once
 * @param matchedBy     {@code SAME_WARD}, {@code SAME_DISTRICT}, {@code MUTUAL_AID} or {@code PROVINCIAL_RESERVE}
 * @param automatic     true when the matcher assigned the team without a dispatcher
 * @param dispatcherId  the dispatcher who assigned or confirmed, if any
 * @param teamCode      the team's short code (e.g. TDM-01), by which it is reached; optional (added in v1)
 */
public record TeamDispatched(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID assignmentId,
        UUID teamId,
        String teamName,
        String matchedBy,
        boolean automatic,
        String dispatcherId,
        String teamCode) implements CaseEvent {

    public TeamDispatched {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.EscalationLevel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;

/**
 * The case is handed to a higher administrative level. Carries needs and location again so a consumer that joins
 * late (e.g. a provincial dashboard) can act without the original CallReceived.
 *
 * @param level the level it was escalated to
 */
public record CaseEscalated(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        EscalationLevel level,
        String reason,
        List<Need> needs,
        Location location,
        int priority) implements CaseEvent {

    public CaseEscalated {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        needs = needs == null ? List.of() : List.copyOf(needs);
    }
}

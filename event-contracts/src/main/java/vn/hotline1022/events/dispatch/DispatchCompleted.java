package vn.hotline1022.events.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.ClinicalNotes;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;

/**
 * The team finished the visit. Carries what the next service needs (clinical notes for a referral, location for
 * a delivery) so it need not query dispatch-service.
 *
 * @param clinicalNotes null when nobody was examined
 * @param followUpNeeds needs found on site, possibly different from those reported on the phone
 */
public record DispatchCompleted(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID assignmentId,
        UUID teamId,
        DispatchOutcome outcome,
        ClinicalNotes clinicalNotes,
        List<Need> followUpNeeds,
        Location location,
        String note) implements CaseEvent {

    public DispatchCompleted {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        followUpNeeds = followUpNeeds == null ? List.of() : List.copyOf(followUpNeeds);
    }
}

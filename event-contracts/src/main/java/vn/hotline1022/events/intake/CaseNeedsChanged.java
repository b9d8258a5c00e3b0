package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;

/**
 * A repeat call (or message) added needs to an open case: the household first asked for food, now someone cannot
 * breathe. Published with the {@link RepeatCallLinked} of that call, only when the needs grew, so that each service
 * acts on what is new as it would have on a new case: dispatch re-prioritises (and sends a team at once for an
 * emergency), referral asks for a bed, relief decides relief needs.
 *
 * @param addedNeeds what this call added, never empty
 * @param needs      all of the case's needs now
 * @param location   the case's location, as in its CallReceived
 * @param priority   the case's priority after this call
 */
public record CaseNeedsChanged(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        List<Need> addedNeeds,
        List<Need> needs,
        Location location,
        int priority) implements CaseEvent {

    public CaseNeedsChanged {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        addedNeeds = addedNeeds == null ? List.of() : List.copyOf(addedNeeds);
        needs = needs == null ? List.of() : List.copyOf(needs);
    }
}

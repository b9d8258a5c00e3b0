package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;

/**
 * A new case was opened from a call or message. The only event carrying the caller's identity and full needs;
 * downstream services keep what they need from it rather than calling intake back.
 *
 * @param priority         as triaged by intake-service at the time of the call
 * @param vulnerabilities  kept in declaration order so the JSON is stable
 * @param agentId          the call-centre agent who took the call
 */
public record CallReceived(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID callId,
        ContactChannel channel,
        Caller caller,
        Location location,
        List<Need> needs,
        int householdSize,
        Set<Vulnerability> vulnerabilities,
        int priority,
        String notes,
        String agentId) implements CaseEvent {

    public CallReceived {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        needs = needs == null ? List.of() : List.copyOf(needs);
        EnumSet<Vulnerability> ordered = EnumSet.noneOf(Vulnerability.class);
        if (vulnerabilities != null) {
            ordered.addAll(vulnerabilities);
        }
        vulnerabilities = Collections.unmodifiableSet(ordered);
    }
}

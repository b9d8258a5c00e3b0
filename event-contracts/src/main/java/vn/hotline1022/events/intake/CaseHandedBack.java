package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;

/**
 * The owning official hands the case back (trả lại) to a service after verifying it: dispatch queues it for a
 * dispatcher (a new visit is wanted, even if a team has been before), relief decides the relief needs again. Carries
 * needs and location so that a service that never saw the case can act.
 *
 * @param handBackId the hand-back itself: a consumer acts once per hand-back, also when the event is published again
 *                   under a new event id
 * @param target     {@code DISPATCH} or {@code RELIEF} (open-ended code: a consumer ignores targets not its own)
 * @param needs      the needs handed back, never empty
 * @param reason     why, in the official's words
 * @param handedBackBy the official's login name
 */
public record CaseHandedBack(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        UUID handBackId,
        String target,
        List<Need> needs,
        Location location,
        int priority,
        String reason,
        String handedBackBy) implements CaseEvent {

    public static final String DISPATCH = "DISPATCH";
    public static final String RELIEF = "RELIEF";

    public CaseHandedBack {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        needs = needs == null ? List.of() : List.copyOf(needs);
    }
}

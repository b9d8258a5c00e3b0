package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import vn.hotline1022.events.CaseEvent;

/**
 * The case is closed. Only intake-service closes cases, so "resolved" means the same thing everywhere.
 *
 * @param resolvedBy {@code CITIZEN}, {@code AGENT}, {@code FIELD_TEAM} or {@code OFFICIAL} (a ward or district
 *                   official), or {@code OUTCOMES} when the last need reached its outcome
 * @param outcomes   each need's track and its outcome (added in v1; empty from publishers that predate it)
 */
public record CaseResolved(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        String resolvedBy,
        String note,
        List<NeedOutcome> outcomes) implements CaseEvent {

    /** Resolved because every need reached an outcome. */
    public static final String BY_OUTCOMES = "OUTCOMES";

    /**
     * One need's track and how it ended.
     *
     * @param track   {@code VISIT}, {@code TRANSPORT}, {@code HOSPITAL}, {@code RELIEF}, {@code ANSWER} or
     *                {@code VERIFICATION}; a String so new tracks stay additive
     * @param outcome e.g. {@code RESOLVED_ON_SITE}, {@code ADMITTED}, {@code DELIVERED}, {@code REFUSED:DUPLICATE},
     *                {@code CLOSED:WRONG_NUMBER}
     */
    public record NeedOutcome(String track, String outcome, Instant at) {
    }

    public CaseResolved {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    public CaseResolved(UUID caseId, String caseCode, Instant occurredAt, String resolvedBy, String note) {
        this(caseId, caseCode, occurredAt, resolvedBy, note, List.of());
    }
}

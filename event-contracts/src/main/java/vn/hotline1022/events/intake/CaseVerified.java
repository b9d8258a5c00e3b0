package vn.hotline1022.events.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import vn.hotline1022.events.CaseEvent;

/**
 * The owning official visited or checked the case (xác minh): what they found, what they did and when.
 *
 * @param outcome     {@code VALID} (the report or request is true), {@code NOT_VALID} or {@code UNREACHABLE} (nobody
 *                    could be reached); a String, so that a new outcome is not a breaking change
 * @param actionTaken what the official did, in their words
 * @param visitedAt   when the visit or check happened (not when it was recorded: that is {@code occurredAt})
 * @param verifiedBy  the official's login name
 */
public record CaseVerified(
        UUID caseId,
        String caseCode,
        Instant occurredAt,
        String outcome,
        String actionTaken,
        Instant visitedAt,
        String verifiedBy) implements CaseEvent {

    public static final String VALID = "VALID";
    public static final String NOT_VALID = "NOT_VALID";
    public static final String UNREACHABLE = "UNREACHABLE";

    public CaseVerified {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

package vn.hotline1022.intake.cases;

/** Where a case stands, as the agent sees it; the timeline says why. */
public enum CaseStatus {
    /** Opened by a call; no service has acted on it yet. */
    OPEN,
    /** At least one service has decided something (a team sent, a bed asked for, relief scheduled). */
    IN_PROGRESS,
    /** Nothing more is needed (closing a case is a later feature of intake). */
    RESOLVED
}

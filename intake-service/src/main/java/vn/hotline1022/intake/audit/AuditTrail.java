package vn.hotline1022.intake.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.hotline1022.commons.security.CurrentUser;

/** Records who read or changed a case. Writes join the caller's transaction, or start one for a read. */
@ApplicationScoped
public class AuditTrail {

    public enum Action {
        CASE_OPENED, CASE_REOPENED_BY_CALL, CASE_READ, CASES_LISTED, REPEAT_CALL_LINKED,
        /** The citizen checked the case or confirmed the outcome on the public page (actor {@code citizen}). */
        CASE_READ_BY_CITIZEN, CASE_RESOLVED_BY_CITIZEN, CASE_REOPENED_BY_CITIZEN,
        /** "Help has not arrived" again soon after a reopening: recorded, not escalated again. */
        CASE_CONTACTED_BY_CITIZEN,
        /** A message no rule could read waits for an agent's callback (actor: the channel); answered; closed. */
        CALLBACK_REQUESTED, CALLBACK_ANSWERED, CALLBACK_CLOSED,
        /** An agent closed what was left of a case with a reason; opened one need again. */
        CASE_CLOSED_BY_HAND, CASE_NEED_REOPENED
    }

    public static final String CITIZEN = "citizen";
    /** Intake's own scheduled work (a callback expiring). */
    public static final String SYSTEM = "intake";

    @Inject
    CurrentUser user;

    @Transactional
    public void record(Action action, UUID caseId, String caseCode, String detail) {
        recordAs(user.username(), action, caseId, caseCode, detail);
    }

    /** For requests without a signed-in user (the citizen's public page). */
    @Transactional
    public void recordAs(String actor, Action action, UUID caseId, String caseCode, String detail) {
        AuditEntry e = new AuditEntry();
        e.at = Instant.now();
        e.actor = actor;
        e.action = action.name();
        e.caseId = caseId;
        e.caseCode = caseCode;
        e.detail = detail;
        e.persist();
    }
}

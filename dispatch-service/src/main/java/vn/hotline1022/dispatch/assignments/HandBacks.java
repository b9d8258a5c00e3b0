package vn.hotline1022.dispatch.assignments;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CaseHandedBack;

/**
 * A ward or district official handed a case back to dispatch (CaseHandedBack, target DISPATCH) after verifying it: a
 * new visit is wanted, even when a team has been there before, so — unlike an escalation — the case is queued for a
 * dispatcher whatever its past assignments. An emergency goes out at once as for a new case. Once per hand-back: the
 * inbox drops a redelivered event, {@code handled_hand_back} the same hand-back published again under a new id.
 */
@ApplicationScoped
public class HandBacks {

    private static final Logger LOG = Logger.getLogger(HandBacks.class);

    @Inject
    Dispatcher dispatcher;

    @Inject
    EntityManager em;

    /** Runs inside the inbox transaction of the CaseHandedBack event. */
    public void onCaseHandedBack(CaseHandedBack e) {
        if (!CaseHandedBack.DISPATCH.equals(e.target())) {
            return; // relief's
        }
        if (e.needs().stream().noneMatch(Need::needsFieldTeam) || e.location() == null) {
            LOG.warnf("Case %s handed back to dispatch without a need a team goes out for; nothing to do",
                    e.caseCode());
            return;
        }
        dispatcher.lockCase(e.caseId());
        if (!firstTime(e)) {
            return;
        }
        CaseInfo info = new CaseInfo(e.caseId(), e.caseCode(), e.location(), e.needs(),
                e.priority());
        QueuedCase waiting = QueuedCase.lock(e.caseId());
        if (waiting != null) { // already waiting for a team: it keeps its place, with the higher priority
            waiting.priority = Math.max(waiting.priority, e.priority());
            waiting.medical = waiting.medical || info.medical();
            return;
        }
        if (Assignment.liveFor(e.caseId())) {
            // A team is on its way or on site: that is the visit the official asked for.
            LOG.infof("Case %s handed back to dispatch while a team is on it; left with the team", e.caseCode());
            return;
        }
        if (dispatcher.isEmergency(e.needs(), e.priority())) {
            dispatcher.consider(info); // sent at once, or queued for the next free team
        } else {
            dispatcher.queue(info, false, QueuedCase.AWAITING_DISPATCHER);
        }
    }

    /** Records the hand-back; false when it was handled before (published again under another event id). */
    private boolean firstTime(CaseHandedBack e) {
        int inserted = em.createNativeQuery("""
                insert into handled_hand_back (hand_back_id, case_id, handled_at) values (?1, ?2, ?3)
                on conflict (hand_back_id) do nothing
                """).setParameter(1, e.handBackId()).setParameter(2, e.caseId()).setParameter(3, Instant.now())
                .executeUpdate();
        return inserted == 1;
    }
}

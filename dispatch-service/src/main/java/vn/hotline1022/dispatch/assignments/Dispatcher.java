package vn.hotline1022.dispatch.assignments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.dispatch.teams.Team;
import vn.hotline1022.events.common.ClinicalNotes;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.dispatch.DispatchQueued;
import vn.hotline1022.events.dispatch.TeamArrived;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.outbox.Outbox;

/** Sends a team to every case that needs one, or queues the case until a team is free. */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    @Inject
    Outbox outbox;

    /** Runs inside the inbox transaction of the CallReceived event. */
    public void onCallReceived(CallReceived call) {
        if (call.needs().stream().noneMatch(Need::needsFieldTeam) || Assignment.liveFor(call.caseId())
                || QueuedCase.findById(call.caseId()) != null) {
            return; // nothing to drive to, or already handled (a repeat event under a new id)
        }
        Location at = call.location();
        boolean medical = call.needs().stream().anyMatch(Need::isMedical);
        Team team = Team.lockBestAvailable(at.provinceCode(), at.districtCode(), at.wardCode(), medical);
        if (team == null) {
            queue(call, medical);
            return;
        }
        dispatch(team, call.caseId(), call.caseCode(), at.provinceCode(), at.districtCode(), at.wardCode());
    }

    @Transactional
    public Assignment arrive(UUID assignmentId) {
        Assignment a = find(assignmentId);
        if (a.status != Assignment.Status.DISPATCHED) {
            throw ProblemException.conflict("The team can only arrive while dispatched; it is " + a.status);
        }
        a.status = Assignment.Status.ARRIVED;
        a.arrivedAt = Instant.now();
        outbox.publish(new TeamArrived(a.caseId, a.caseCode, a.arrivedAt, a.id, a.teamId));
        return a;
    }

    @Transactional
    public Assignment complete(UUID assignmentId, DispatchOutcome outcome, ClinicalNotes notes,
            List<Need> followUpNeeds, String note) {
        Assignment a = find(assignmentId);
        if (a.status == Assignment.Status.COMPLETED) {
            throw ProblemException.conflict("The assignment is already completed");
        }
        a.status = Assignment.Status.COMPLETED;
        a.outcome = outcome.name();
        a.completedAt = Instant.now();
        outbox.publish(new DispatchCompleted(a.caseId, a.caseCode, a.completedAt, a.id, a.teamId, outcome, notes,
                followUpNeeds, new Location(a.provinceCode, a.districtCode, a.wardCode, null, null, null), note));
        Team team = Team.findById(a.teamId);
        team.status = Team.Status.AVAILABLE;
        Team.flush();
        drainQueueInto(team);
        return a;
    }

    /** The freed team takes the most urgent waiting case it may serve: highest priority first, then longest wait. */
    private void drainQueueInto(Team team) {
        List<QueuedCase> waiting = QueuedCase.find(
                "provinceCode = ?1 and (medical = false or ?2 = true) order by priority desc, queuedAt",
                team.provinceCode, team.medicalStaff > 0).page(0, 1).list();
        if (waiting.isEmpty()) {
            return;
        }
        QueuedCase next = waiting.get(0);
        next.delete();
        dispatch(team, next.caseId, next.caseCode, next.provinceCode, next.districtCode, next.wardCode);
    }

    private void dispatch(Team team, UUID caseId, String caseCode, String province, String district, String ward) {
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.caseId = caseId;
        a.caseCode = caseCode;
        a.teamId = team.id;
        a.status = Assignment.Status.DISPATCHED;
        a.matchedBy = team.matchFor(district, ward);
        a.automatic = true;
        a.provinceCode = province;
        a.districtCode = district;
        a.wardCode = ward;
        a.dispatchedAt = Instant.now();
        a.persist();
        team.status = Team.Status.DISPATCHED;
        outbox.publish(new TeamDispatched(caseId, caseCode, a.dispatchedAt, a.id, team.id, team.name, a.matchedBy,
                true, null));
        LOG.infof("Case %s: team %s dispatched (%s)", caseCode, team.name, a.matchedBy);
    }

    private void queue(CallReceived call, boolean medical) {
        QueuedCase q = new QueuedCase();
        q.caseId = call.caseId();
        q.caseCode = call.caseCode();
        q.provinceCode = call.location().provinceCode();
        q.districtCode = call.location().districtCode();
        q.wardCode = call.location().wardCode();
        q.medical = medical;
        q.priority = call.priority();
        q.queuedAt = Instant.now();
        q.persist();
        outbox.publish(new DispatchQueued(call.caseId(), call.caseCode(), q.queuedAt, call.needs(), q.wardCode,
                q.districtCode, q.priority, "no free team in province " + q.provinceCode));
        LOG.infof("Case %s queued: no free team", call.caseCode());
    }

    private static Assignment find(UUID id) {
        Assignment a = Assignment.findById(id);
        if (a == null) {
            throw ProblemException.notFound("Assignment " + id);
        }
        return a;
    }
}

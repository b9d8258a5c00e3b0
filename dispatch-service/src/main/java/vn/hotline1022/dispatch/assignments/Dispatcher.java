package vn.hotline1022.dispatch.assignments;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.dispatch.DispatchConfig;
import vn.hotline1022.dispatch.contacts.HouseholdContacts;
import vn.hotline1022.dispatch.teams.Team;
import vn.hotline1022.dispatch.teams.TeamFreed;
import vn.hotline1022.dispatch.zones.WardZone;
import vn.hotline1022.events.common.ClinicalNotes;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.dispatch.DispatchQueued;
import vn.hotline1022.events.dispatch.TeamArrived;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;
import vn.hotline1022.messaging.outbox.Outbox;

/**
 * Sends a team to every case that needs one: emergencies automatically (or into the queue until a team frees up),
 * the others on a dispatcher's confirmation of a recommended team. Safe with any number of threads and instances:
 * work on one case is serialised by a transaction-scoped advisory lock on the case, a team is taken with
 * {@code FOR UPDATE SKIP LOCKED}, and unique indexes refuse a second live assignment per case or per team.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    @Inject
    DecisionLog decisions;

    @Inject
    AdvisoryLocks locks;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    DispatchConfig config;

    @Inject
    Event<TeamFreed> teamFreed;

    @Inject
    HouseholdContacts contacts;

    /** Runs inside the inbox transaction of the CallReceived event. */
    public void onCallReceived(CallReceived call) {
        if (call.needs().stream().noneMatch(Need::needsFieldTeam) || call.location() == null) {
            return; // nothing to drive to
        }
        lockCase(call.caseId());
        if (Assignment.count("caseId", call.caseId()) > 0 || QueuedCase.findById(call.caseId()) != null) {
            return; // already handled (a repeat event under a new id, or another instance got there first)
        }
        consider(new CaseInfo(call.caseId(), call.caseCode(), call.location(), call.needs(), call.priority()));
    }

    /**
     * Runs inside the inbox transaction of the CaseEscalated event. A waiting case takes the higher priority and, if it
     * has become an emergency, is dispatched now; a case dispatch never saw (e.g. its field need was found later) is
     * considered as a new one. A case a team has already been sent to is left alone: a second visit is a dispatcher's
     * decision, not a side effect of an escalation.
     */
    public void onCaseEscalated(CaseEscalated e) {
        reconsider(new CaseInfo(e.caseId(), e.caseCode(), e.location(), e.needs(), e.priority()));
    }

    /**
     * Runs inside the inbox transaction of the CaseNeedsChanged event: a repeat call added needs. As for an
     * escalation: a waiting case takes the new priority and needs, and goes out now if it became an emergency.
     */
    public void onCaseNeedsChanged(CaseNeedsChanged e) {
        reconsider(new CaseInfo(e.caseId(), e.caseCode(), e.location(), e.needs(), e.priority()));
    }

    private void reconsider(CaseInfo info) {
        if (info.needs().stream().noneMatch(Need::needsFieldTeam) || info.at() == null) {
            return;
        }
        lockCase(info.caseId());
        QueuedCase q = QueuedCase.lock(info.caseId()); // waits for a freed team that is taking this very case
        if (Assignment.count("caseId", info.caseId()) > 0) {
            return; // a team is on it, or has been
        }
        if (q == null) {
            consider(info);
            return;
        }
        int before = q.priority;
        q.priority = Math.max(q.priority, info.priority());
        q.medical = q.medical || info.medical();
        boolean nowEmergency = !q.emergency && isEmergency(info.needs(), q.priority);
        Team team = null;
        if (nowEmergency) {
            q.emergency = true;
            q.reason = QueuedCase.NO_TEAM_AVAILABLE;
            team = Team.lockBestAvailable(teamNeed(q), loadSince());
        }
        if (team != null) {
            q.delete();
            dispatch(team, q.caseId, q.caseCode, q.provinceCode, q.districtCode, q.wardCode, null);
        } else if (nowEmergency || q.priority > before) {
            // Still waiting, higher in the queue (an emergency now waits for the first free team): on the timeline.
            outbox.publish(new DispatchQueued(q.caseId, q.caseCode, Instant.now(), info.needs(), q.wardCode,
                    q.districtCode, q.priority, q.reason));
            decisions.queued(q, q.caseCode, q.reason);
        }
    }

    /** Emergency transport and oxygen, or a triaged priority at or above the threshold, go out without a person. */
    public boolean isEmergency(Collection<Need> needs, int priority) {
        return needs.contains(Need.EMERGENCY_TRANSPORT) || needs.contains(Need.OXYGEN_SUPPORT)
                || priority >= config.emergencyPriority();
    }

    void consider(CaseInfo c) {
        Location at = c.at();
        if (isEmergency(c.needs(), c.priority())) {
            Team team = Team.lockBestAvailable(teamNeed(at.provinceCode(), at.districtCode(), at.wardCode(), c.needs()),
                    loadSince());
            if (team != null) {
                dispatch(team, c.caseId(), c.caseCode(), at.provinceCode(), at.districtCode(), at.wardCode(), null);
                return;
            }
            queue(c, true, QueuedCase.NO_TEAM_AVAILABLE);
        } else {
            queue(c, false, QueuedCase.AWAITING_DISPATCHER);
        }
    }

    /** The free teams a dispatcher may choose from for a waiting case, best first. */
    public List<Team> recommendations(UUID caseId) {
        QueuedCase q = QueuedCase.findById(caseId);
        if (q == null) {
            if (Assignment.liveFor(caseId)) {
                throw ProblemException.conflict("Case " + caseId + " already has a team");
            }
            throw ProblemException.notFound("Waiting case " + caseId);
        }
        return Team.ranking(teamNeed(q), loadSince(), config.recommendations());
    }

    /**
     * A dispatcher confirms a recommended team or overrides the recommendation with another free team. Records whether
     * the team was the first recommendation at this moment, and the dispatcher's reason (if any) for choosing another.
     */
    @Transactional
    public Assignment assign(UUID caseId, String teamCode, String dispatcherId, String reason) {
        lockCase(caseId);
        QueuedCase q = QueuedCase.lock(caseId);
        if (q == null) {
            if (Assignment.liveFor(caseId)) {
                throw ProblemException.conflict("Case " + caseId + " already has a team");
            }
            throw ProblemException.notFound("Waiting case " + caseId);
        }
        Team team = Team.lockByCode(teamCode);
        if (team == null) {
            throw ProblemException.invalidField("teamCode", "no team has this code");
        }
        if (team.status != Team.Status.AVAILABLE) {
            throw ProblemException.conflict("Team " + teamCode + " is " + team.status + ", not AVAILABLE");
        }
        if (q.medical && team.medicalStaff == 0) {
            throw ProblemException.conflict("Team " + teamCode + " has no medical staff; the case has a medical need");
        }
        List<Team> ranked = Team.ranking(teamNeed(q), loadSince(), 1);
        boolean top = !ranked.isEmpty() && ranked.get(0).id.equals(team.id);
        q.delete();
        Assignment a = dispatch(team, q.caseId, q.caseCode, q.provinceCode, q.districtCode, q.wardCode, dispatcherId);
        a.topRecommendation = top;
        a.overrideReason = reason == null || reason.isBlank() ? null : reason.strip();
        return a;
    }

    /** One step of the phone app (accept, en route, arrived); anything but the next step is refused. */
    @Transactional
    public Assignment advance(UUID assignmentId, Assignment.Status target) {
        Assignment a = find(assignmentId);
        if (a.status.next() != target || target == Assignment.Status.COMPLETED) {
            throw ProblemException.conflict("The assignment is " + a.status + "; it cannot become " + target
                    + (a.status.next() == null ? "" : " (next step: " + a.status.next() + ")"));
        }
        Team team = Team.lock(a.teamId);
        Instant now = Instant.now();
        a.status = target;
        switch (target) {
            case ACCEPTED -> a.acceptedAt = now;
            case EN_ROUTE -> {
                a.enRouteAt = now;
                team.moveTo(Team.Status.EN_ROUTE);
            }
            case ARRIVED -> {
                a.arrivedAt = now;
                team.moveTo(Team.Status.ON_SCENE);
                outbox.publish(new TeamArrived(a.caseId, a.caseCode, now, a.id, a.teamId));
            }
            default -> throw new IllegalStateException(target.name());
        }
        return a;
    }

    /**
     * The visit is over. The team is AVAILABLE again at once and takes the most urgent waiting emergency it may serve,
     * unless it reports it is returning to base.
     */
    @Transactional
    public Assignment complete(UUID assignmentId, DispatchOutcome outcome, ClinicalNotes notes,
            List<Need> followUpNeeds, String note, boolean returning) {
        Assignment a = find(assignmentId);
        if (a.status != Assignment.Status.ARRIVED) {
            throw ProblemException.conflict("The assignment is " + a.status + "; only an ARRIVED team can complete it");
        }
        a.status = Assignment.Status.COMPLETED;
        a.outcome = outcome.name();
        a.followUpNeeds = followUpNeeds.stream().map(Need::name).toList();
        a.completionNote = note;
        a.completedAt = Instant.now();
        contacts.visitCompleted(a.caseId, a.completedAt); // the household's address and phone: erased after the grace
        outbox.publish(new DispatchCompleted(a.caseId, a.caseCode, a.completedAt, a.id, a.teamId, outcome, notes,
                followUpNeeds, new Location(a.provinceCode, a.districtCode, a.wardCode, null, null, null), note));
        Team team = Team.lock(a.teamId);
        team.moveTo(returning ? Team.Status.RETURNING : Team.Status.AVAILABLE);
        Assignment.flush(); // the team's live assignment is gone before it takes the next
        if (!returning) {
            teamFreed.fire(new TeamFreed(team));
        }
        return a;
    }

    /** A freed team that no waiting transport took takes the top emergency of its province's queue. */
    void onTeamFreed(@Observes @Priority(TeamFreed.THEN_THE_QUEUE) TeamFreed freed) {
        Team team = freed.team();
        if (team.status != Team.Status.AVAILABLE) {
            return; // a transport took it
        }
        QueuedCase next = QueuedCase.lockNextFor(team.provinceCode, team.medicalStaff > 0);
        if (next == null) {
            return;
        }
        next.delete(); // locked by lockNextFor: no other freed team or dispatcher can take it meanwhile
        dispatch(team, next.caseId, next.caseCode, next.provinceCode, next.districtCode, next.wardCode, null);
    }

    private Assignment dispatch(Team team, UUID caseId, String caseCode, String province, String district, String ward,
            String dispatcherId) {
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.caseId = caseId;
        a.caseCode = caseCode;
        a.teamId = team.id;
        a.status = Assignment.Status.DISPATCHED;
        a.matchedBy = team.matchFor(district, ward);
        a.automatic = dispatcherId == null;
        a.dispatcherId = dispatcherId;
        a.provinceCode = province;
        a.districtCode = district;
        a.wardCode = ward;
        a.followUpNeeds = List.of();
        a.dispatchedAt = Instant.now();
        a.persist();
        team.moveTo(Team.Status.DISPATCHED);
        outbox.publish(new TeamDispatched(caseId, caseCode, a.dispatchedAt, a.id, team.id, team.name, a.matchedBy,
                a.automatic, dispatcherId, team.code));
        decisions.dispatched(a, caseCode, team.code);
        return a;
    }

    void queue(CaseInfo c, boolean emergency, String reason) {
        QueuedCase q = QueuedCase.waiting(c.caseId(), c.caseCode(), c.at(), c.needs(), c.priority(), emergency, reason);
        outbox.publish(new DispatchQueued(c.caseId(), c.caseCode(), q.queuedAt, c.needs(), q.wardCode, q.districtCode,
                q.priority, reason));
        decisions.queued(q, c.caseCode(), reason);
    }

    private Team.Need teamNeed(QueuedCase q) {
        return new Team.Need(q.provinceCode, q.districtCode, q.wardCode, q.medical,
                q.needs != null && q.needs.contains(Need.OXYGEN_SUPPORT.name()), WardZone.isRed(q.wardCode));
    }

    private static Team.Need teamNeed(String province, String district, String ward, Collection<Need> needs) {
        return new Team.Need(province, district, ward, needs.stream().anyMatch(Need::isMedical),
                needs.contains(Need.OXYGEN_SUPPORT), WardZone.isRed(ward));
    }

    private Instant loadSince() {
        return Instant.now().minus(config.loadWindow());
    }

    /**
     * Serialises all work on one case across threads and instances until the transaction ends, so that a duplicate
     * event cannot both queue a case and dispatch it.
     */
    void lockCase(UUID caseId) {
        locks.lock(LockSpace.DISPATCH_CASE, caseId.toString());
    }

    private static Assignment find(UUID id) {
        Assignment a = Assignment.lock(id);
        if (a == null) {
            throw ProblemException.notFound("Assignment " + id);
        }
        return a;
    }
}

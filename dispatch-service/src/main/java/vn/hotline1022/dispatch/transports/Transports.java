package vn.hotline1022.dispatch.transports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import vn.hotline1022.commons.security.Scope;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.dispatch.DispatchConfig;
import vn.hotline1022.dispatch.assignments.Assignment;
import vn.hotline1022.dispatch.assignments.QueuedCase;
import vn.hotline1022.dispatch.teams.Equipment;
import vn.hotline1022.dispatch.teams.Team;
import vn.hotline1022.dispatch.teams.TeamFreed;
import vn.hotline1022.dispatch.zones.WardZone;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.dispatch.PatientPickedUp;
import vn.hotline1022.events.dispatch.TransportDispatched;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;
import vn.hotline1022.messaging.outbox.Outbox;

/**
 * Takes every accepted patient to the hospital holding the bed: a free team with an ambulance (stretcher) and medical
 * staff, with oxygen when the bed type needs it, or the transport waits and the next such team to become AVAILABLE
 * takes it (the most urgent bed type first). One transport per referral: an advisory lock on the case serialises
 * duplicate events, and a unique index on the referral id backs it up.
 */
@ApplicationScoped
public class Transports {

    private static final Logger LOG = Logger.getLogger(Transports.class);

    @Inject
    AdvisoryLocks locks;

    @Inject
    Outbox outbox;

    @Inject
    DispatchConfig config;

    @Inject
    Event<TeamFreed> teamFreed;

    /** Runs inside the inbox transaction of the ReferralAccepted event. */
    public void onReferralAccepted(ReferralAccepted accepted) {
        locks.lock(LockSpace.DISPATCH_CASE, accepted.caseId().toString());
        if (Transport.forReferral(accepted.referralId()) != null) {
            return; // the same acceptance again (redelivered, or re-published under a new id)
        }
        Transport t = new Transport();
        t.id = UUID.randomUUID();
        t.caseId = accepted.caseId();
        t.caseCode = accepted.caseCode();
        t.referralId = accepted.referralId();
        t.hospitalId = accepted.hospitalId();
        t.hospitalCode = accepted.hospitalCode();
        t.hospitalName = accepted.hospitalName();
        // An older producer did not say the bed type: bring oxygen rather than find out on the way.
        t.bedType = accepted.bedType() == null ? BedType.OXYGEN : accepted.bedType();
        t.bedLabel = accepted.bedLabel();
        if (!placeFromOwnRecords(t)) {
            t.provinceCode = accepted.provinceCode();
            t.districtCode = accepted.districtCode();
        }
        if (t.provinceCode == null) {
            LOG.warnf("Case %s: accepted referral %s has no known province; no transport can be sent", t.caseCode,
                    t.referralId);
            return;
        }
        t.status = Transport.Status.WAITING;
        t.requestedAt = Instant.now();
        t.persist();
        Team team = Team.lockBestAvailable(new Team.Need(t.provinceCode, t.districtCode, t.wardCode, true,
                t.needsOxygen(), WardZone.isRed(t.wardCode), true), Instant.now().minus(config.loadWindow()));
        if (team == null) {
            LOG.infof("Case %s: no transport team free in province %s; the transport waits", t.caseCode,
                    t.provinceCode);
            return;
        }
        send(t, team);
    }

    /**
     * A team that has just become free takes the most urgent waiting transport it can carry, before any queued case
     * ({@link TeamFreed}): these patients already have a bed waiting for them.
     */
    void onTeamFreed(@Observes @Priority(TeamFreed.TRANSPORTS_FIRST) TeamFreed freed) {
        takeWaiting(freed.team());
    }

    /** @return whether the team took a waiting transport */
    public boolean takeWaiting(Team team) {
        if (!team.canTransport(false)) {
            return false;
        }
        Transport next = Transport.lockNextFor(team.provinceCode, team.carries(Equipment.OXYGEN));
        if (next == null) {
            return false;
        }
        send(next, team);
        return true;
    }

    /** The team's phone app: patient on board (PICKED_UP), then handed over (HANDED_OVER); nothing else. */
    @Transactional
    public Transport advance(UUID transportId, Transport.Status target) {
        Transport t = Transport.lock(transportId);
        if (t == null) {
            throw ProblemException.notFound("Transport " + transportId);
        }
        if (t.status.next() != target) {
            throw ProblemException.conflict("The transport is " + t.status + "; it cannot become " + target
                    + (t.status.next() == null ? "" : " (next step: " + t.status.next() + ")"));
        }
        Team team = Team.lock(t.teamId);
        Instant now = Instant.now();
        t.status = target;
        if (target == Transport.Status.PICKED_UP) {
            t.pickedUpAt = now;
            team.moveTo(Team.Status.EN_ROUTE);
            outbox.publish(new PatientPickedUp(t.caseId, t.caseCode, now, t.id, t.referralId, t.teamId,
                    t.hospitalCode));
            return t;
        }
        t.handedOverAt = now;
        outbox.publish(new PatientHandedOver(t.caseId, t.caseCode, now, t.id, t.referralId, t.teamId, t.hospitalId,
                t.hospitalCode));
        LOG.infof("Case %s: team %s handed the patient over to hospital %s", t.caseCode, team.code, t.hospitalCode);
        team.moveTo(Team.Status.AVAILABLE);
        Transport.flush(); // the team's live transport is gone before it takes the next job
        teamFreed.fire(new TeamFreed(team));
        return t;
    }

    /** Transports in the caller's area ({@code scope}), or of one team only ({@code teamId}), oldest first. */
    public List<Transport> list(Scope scope, UUID teamId, UUID caseId, Transport.Status status) {
        if (scope.isEmpty() && teamId == null) {
            return List.of(); // no area, nothing: scope fails closed
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (caseId != null) {
            query.append(" and caseId = :caseId");
            params.and("caseId", caseId);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (teamId != null) {
            query.append(" and teamId = :teamId");
            params.and("teamId", teamId);
        }
        if (teamId == null) {
            query.append(" and ").append(scope.queryCondition("provinceCode", "districtCode"));
            scope.queryParameters().forEach(params::and);
        }
        return Transport.list(query.toString(), Sort.by("requestedAt"), params);
    }

    private void send(Transport t, Team team) {
        t.teamId = team.id;
        t.status = Transport.Status.DISPATCHED;
        t.dispatchedAt = Instant.now();
        team.moveTo(Team.Status.DISPATCHED);
        outbox.publish(new TransportDispatched(t.caseId, t.caseCode, t.dispatchedAt, t.id, t.referralId, team.id,
                team.code, team.name, t.hospitalId, t.hospitalCode, t.hospitalName, t.bedType, t.requestedAt));
        LOG.infof("Case %s: team %s sent to take the patient to hospital %s (%s bed)", t.caseCode, team.code,
                t.hospitalCode, t.bedType);
    }

    /** The pickup place as dispatch itself knows it: the case's last visit, or the case waiting for a team. */
    private static boolean placeFromOwnRecords(Transport t) {
        Assignment visit = Assignment.find("caseId = ?1 order by dispatchedAt desc", t.caseId).firstResult();
        if (visit != null) {
            t.provinceCode = visit.provinceCode;
            t.districtCode = visit.districtCode;
            t.wardCode = visit.wardCode;
            return true;
        }
        QueuedCase queued = QueuedCase.findById(t.caseId);
        if (queued != null) {
            t.provinceCode = queued.provinceCode;
            t.districtCode = queued.districtCode;
            t.wardCode = queued.wardCode;
            return true;
        }
        return false;
    }
}

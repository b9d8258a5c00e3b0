package vn.hotline1022.dispatch.assignments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.messaging.audit.PersonalDataReads;
import vn.hotline1022.dispatch.contacts.HouseholdContact;
import vn.hotline1022.dispatch.teams.Team;
import vn.hotline1022.dispatch.teams.TeamAccess;

/**
 * What the team's phone app reads: the team's current job and the next, and the household's contact of a job. The
 * contact is for the team of the assignment and for dispatchers of its area (admins anywhere) only; to anyone else the
 * assignment does not exist (404). Once erased it is gone (410).
 */
@RequestScoped
public class TeamJobs {

    @Inject
    CurrentUser user;

    @Inject
    TeamAccess teams;

    @Inject
    PersonalDataReads reads;

    public record ContactView(UUID assignmentId, UUID caseId, String caseCode, String assignmentStatus,
            String wardCode, List<String> needs, String addressText, String phone, String callerName, String notes,
            Instant eraseAfter) {
    }

    /** @param assignmentId null for a waiting case the team would take when free */
    public record Job(UUID assignmentId, UUID caseId, String caseCode, String status, String provinceCode,
            String districtCode, String wardCode, List<String> needs, Instant since) {
    }

    public record Jobs(String teamCode, String teamName, String teamStatus, Job current, Job next) {
    }

    public ContactView contact(UUID assignmentId) {
        Assignment a = Assignment.findById(assignmentId);
        if (a == null || !mayRead(a.teamId, a.provinceCode, a.districtCode)) {
            throw ProblemException.notFound("Assignment " + assignmentId);
        }
        HouseholdContact c = HouseholdContact.findById(a.caseId);
        if (c == null) {
            throw ProblemException.notFound("Contact of assignment " + assignmentId);
        }
        if (c.erased()) {
            throw new ProblemException(410, "Gone", "The household's contact was erased after the visit", List.of());
        }
        reads.record(user.username(), "HOUSEHOLD_CONTACT", a.caseId, a.caseCode, "assignment " + a.id);
        return new ContactView(a.id, a.caseId, a.caseCode, a.status.name(), c.wardCode, needs(c), c.addressText,
                c.phone, c.callerName, c.notes, a.status == Assignment.Status.COMPLETED ? c.eraseAfter : null);
    }

    /** The team's live assignment, and the waiting emergency it would take next (none while it is returning). */
    public Jobs jobs(String teamCode) {
        Team team = Team.byCode(teamCode);
        if (team == null || !teams.mayReach(team)) {
            throw ProblemException.notFound("Team " + teamCode);
        }
        Assignment live = Assignment.liveForTeam(team.id);
        Job current = null;
        if (live != null) {
            HouseholdContact c = HouseholdContact.findById(live.caseId);
            current = new Job(live.id, live.caseId, live.caseCode, live.status.name(), live.provinceCode,
                    live.districtCode, live.wardCode, c == null ? List.of() : needs(c), live.dispatchedAt);
        }
        Job next = null;
        QueuedCase q = team.status == Team.Status.OFF_DUTY ? null : nextFor(team);
        if (q != null) {
            next = new Job(null, q.caseId, q.caseCode, "QUEUED", q.provinceCode, q.districtCode, q.wardCode,
                    q.needs == null ? List.of() : q.needs, q.queuedAt);
        }
        return new Jobs(team.code, team.name, team.status.name(), current, next);
    }

    /** Like {@link QueuedCase#lockNextFor} without the lock: only a look. */
    private static QueuedCase nextFor(Team team) {
        return QueuedCase.inDrainOrder(team.provinceCode).stream()
                .filter(q -> q.emergency && (!q.medical || team.medicalStaff > 0)).findFirst().orElse(null);
    }

    /** Contacts: the team on the job and dispatchers of the area only (never agents or ops, who do not dial). */
    private boolean mayRead(UUID teamId, String provinceCode, String districtCode) {
        if (!user.has(Roles.ADMIN) && !user.has(Roles.DISPATCHER) && !user.has(Roles.TEAM_MEMBER)) {
            return false;
        }
        return teams.mayReach(teamId, provinceCode, districtCode);
    }

    private static List<String> needs(HouseholdContact c) {
        return c.needs == null ? List.of() : c.needs;
    }
}

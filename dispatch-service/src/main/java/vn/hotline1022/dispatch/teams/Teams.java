package vn.hotline1022.dispatch.teams;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.hotline1022.commons.web.ProblemException;

/** Rapid-response teams (tổ phản ứng nhanh) joining the roster and changing crews between shifts. */
@ApplicationScoped
public class Teams {

    @Inject
    Event<TeamFreed> teamFreed;

    /** A new team with its crew; it takes the most urgent waiting emergency at once. */
    @Transactional
    public Team register(Team t, List<TeamMember> crew) {
        if (Team.byCode(t.code) != null) {
            throw ProblemException.invalidField("code", "another team has this code");
        }
        t.persist();
        replaceCrew(t, crew);
        teamFreed.fire(new TeamFreed(t));
        return t;
    }

    /** A new crew for the next shift (đổi ca); the medical-staff count follows it. */
    @Transactional
    public Team changeCrew(String code, List<TeamMember> crew) {
        Team t = Team.lockByCode(code);
        if (t == null) {
            throw ProblemException.notFound("Team " + code);
        }
        replaceCrew(t, crew);
        t.medicalStaff = (int) crew.stream().filter(m -> m.role == MemberRole.MEDICAL).count();
        return t;
    }

    private static void replaceCrew(Team t, List<TeamMember> crew) {
        TeamMember.delete("teamId", t.id);
        for (TeamMember m : crew) {
            m.id = UUID.randomUUID();
            m.teamId = t.id;
            m.persist();
        }
    }

    /** Shift and off-duty (AVAILABLE, RETURNING, OFF_DUTY); only while the team has no live assignment. */
    @Transactional
    public Team setStatus(String teamCode, Team.Status target) {
        if (!target.manual()) {
            throw ProblemException.invalidField("status", "must be AVAILABLE, RETURNING or OFF_DUTY; " + target
                    + " follows the team's assignment");
        }
        Team team = Team.lockByCode(teamCode);
        if (team == null) {
            throw ProblemException.notFound("Team " + teamCode);
        }
        if (!team.status.manual()) {
            throw ProblemException.conflict("Team " + teamCode + " is " + team.status
                    + " on a case; it can change status once the visit is completed");
        }
        if (team.status != target) {
            team.moveTo(target);
            if (target == Team.Status.AVAILABLE) {
                teamFreed.fire(new TeamFreed(team));
            }
        }
        return team;
    }
}

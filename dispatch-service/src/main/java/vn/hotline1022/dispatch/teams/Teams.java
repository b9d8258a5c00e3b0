package vn.hotline1022.dispatch.teams;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.dispatch.assignments.Dispatcher;

/** Rapid-response teams (tổ phản ứng nhanh) joining the roster and changing crews between shifts. */
@ApplicationScoped
public class Teams {

    @Inject
    Dispatcher dispatcher;

    /** A new team with its crew; it takes the most urgent waiting emergency at once. */
    @Transactional
    public Team register(Team t, List<TeamMember> crew) {
        if (Team.byCode(t.code) != null) {
            throw ProblemException.invalidField("code", "another team has this code");
        }
        t.persist();
        replaceCrew(t, crew);
        dispatcher.drainQueueInto(t);
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
}

package vn.hotline1022.dispatch.assignments;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import vn.hotline1022.dispatch.teams.TeamAccess;

/**
 * Whether the caller may reach a case that dispatch knows, waiting or already assigned. A case outside the caller's
 * area does not exist to them: the resources answer the same 404 as for an unknown case, never a 409 that would tell
 * it has a team.
 */
@RequestScoped
public class CaseArea {

    @Inject
    TeamAccess access;

    /** True also for a case dispatch does not know: what happens to it then is the rule's to say. */
    public boolean reachable(UUID caseId) {
        QueuedCase waiting = QueuedCase.findById(caseId);
        boolean reachable;
        if (waiting != null) {
            reachable = access.mayReach(null, waiting.provinceCode, waiting.districtCode);
        } else {
            Assignment last = Assignment.find("caseId = ?1 order by dispatchedAt desc", caseId).firstResult();
            reachable = last == null || access.mayReach(last.teamId, last.provinceCode, last.districtCode);
        }
        return reachable;
    }
}

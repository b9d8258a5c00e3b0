package vn.hotline1022.dispatch.teams;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;

/**
 * The one rule for a rapid-response team's members: with no wider role they act for their own team only (the
 * {@code team_code} claim), and another team's jobs do not exist to them. Without the claim, no team is theirs.
 */
@RequestScoped
public class TeamAccess {

    @Inject
    CurrentUser user;

    /** A team member and nothing more (not also a dispatcher, ops, an agent or an admin). */
    public boolean ownTeamOnly() {
        return user.has(Roles.TEAM_MEMBER) && !user.has(Roles.DISPATCHER) && !user.has(Roles.ADMIN)
                && !user.has(Roles.OPS) && !user.has(Roles.CALL_AGENT);
    }

    /** The caller's own team, or null without a (known) {@code team_code} claim. */
    public Team ownTeam() {
        return user.teamCode().map(Team::byCode).orElse(null);
    }

    /** Whether the team of this code is the caller's own. */
    public boolean isOwnCode(String teamCode) {
        return user.teamCode().map(teamCode::equals).orElse(false);
    }

    /** Whether the team of this id is the caller's own. */
    public boolean isOwn(UUID teamId) {
        Team own = ownTeam();
        return own != null && own.id.equals(teamId);
    }
}

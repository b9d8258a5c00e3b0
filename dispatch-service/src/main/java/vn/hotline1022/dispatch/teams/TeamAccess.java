package vn.hotline1022.dispatch.teams;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.security.Scope;

/**
 * The one access rule of dispatch, checked on every read and action. A team member with no wider role acts for its
 * own team only (the {@code team_code} claim); without the claim, no team is theirs. Everyone else (dispatchers,
 * agents, ops) reads and acts only inside the provinces and districts of their token ({@link Scope}, closed without
 * a claim); an admin everywhere. What is outside does not exist to the caller (the resources answer 404).
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

    /** The caller's area; a team member alone has none (its own team is its whole world). */
    public Scope area() {
        return ownTeamOnly() ? Scope.none() : user.scope();
    }

    /** A case, an assignment or a transport in this place, worked (or to be worked) by {@code teamId} (may be null). */
    public boolean mayReach(UUID teamId, String provinceCode, String districtCode) {
        if (ownTeamOnly()) {
            return teamId != null && isOwn(teamId);
        }
        return area().covers(provinceCode, districtCode) || teamId != null && user.has(Roles.TEAM_MEMBER)
                && isOwn(teamId);
    }

    /** A team: its own members, or anyone whose area holds the team's province. */
    public boolean mayReach(Team team) {
        if (ownTeamOnly()) {
            return isOwn(team.id);
        }
        return area().coversProvince(team.provinceCode) || user.has(Roles.TEAM_MEMBER) && isOwn(team.id);
    }
}

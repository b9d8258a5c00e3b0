package vn.hotline1022.dispatch.transports;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.security.Scope;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.dispatch.teams.Team;
import vn.hotline1022.dispatch.teams.TeamAccess;
import vn.hotline1022.events.common.BedType;

/**
 * Patient transports (chuyển bệnh nhân): dispatchers follow them in their area; the transport team's phone app
 * reports the pickup and the handover at the hospital, for its own team only.
 */
@Path("/api/v1/transports")
@Tag(name = "Transports")
public class TransportResource {

    @Inject
    Transports transports;

    @Inject
    CurrentUser user;

    @Inject
    TeamAccess teams;

    public record TransportView(UUID id, UUID caseId, String caseCode, UUID referralId, UUID hospitalId,
            String hospitalCode, String hospitalName, BedType bedType, String bedLabel, String provinceCode,
            String districtCode, String wardCode, UUID teamId, String teamCode, String status, Instant requestedAt,
            Instant dispatchedAt, Instant pickedUpAt, Instant handedOverAt) {
        static TransportView of(Transport t) {
            Team team = t.teamId == null ? null : Team.findById(t.teamId);
            return new TransportView(t.id, t.caseId, t.caseCode, t.referralId, t.hospitalId, t.hospitalCode,
                    t.hospitalName, t.bedType, t.bedLabel, t.provinceCode, t.districtCode, t.wardCode, t.teamId,
                    team == null ? null : team.code, t.status.name(), t.requestedAt, t.dispatchedAt, t.pickedUpAt,
                    t.handedOverAt);
        }
    }

    /** Every list is filtered: a team member sees its own team's, anyone else those of their province/district. */
    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.TEAM_MEMBER, Roles.OPS, Roles.ADMIN })
    public List<TransportView> list(@QueryParam("caseId") UUID caseId, @QueryParam("status") String status) {
        Transport.Status wanted = status == null || status.isBlank() ? null : parseStatus(status);
        List<Transport> found;
        if (teams.ownTeamOnly()) {
            Team own = teams.ownTeam();
            found = own == null ? List.of() : transports.list(Scope.none(), own.id, caseId, wanted);
        } else {
            found = transports.list(user.scope(), null, caseId, wanted);
        }
        return found.stream().map(TransportView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.TEAM_MEMBER, Roles.OPS, Roles.ADMIN })
    public TransportView get(@PathParam("id") UUID id) {
        return TransportView.of(visible(id));
    }

    /** The patient is on board (đã đón bệnh nhân). */
    @POST
    @Path("/{id}/pickup")
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.ADMIN })
    public TransportView pickUp(@PathParam("id") UUID id) {
        visible(id);
        return TransportView.of(transports.advance(id, Transport.Status.PICKED_UP));
    }

    /** The patient is handed over to the hospital (đã bàn giao); the team is free again. */
    @POST
    @Path("/{id}/handover")
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.ADMIN })
    public TransportView handOver(@PathParam("id") UUID id) {
        visible(id);
        return TransportView.of(transports.advance(id, Transport.Status.HANDED_OVER));
    }

    /** Another team's transport, or one outside the caller's area, does not exist to the caller (404). */
    private Transport visible(UUID id) {
        Transport t = Transport.findById(id);
        if (t == null) {
            throw ProblemException.notFound("Transport " + id);
        }
        if (!teams.mayReach(t.teamId, t.provinceCode, t.districtCode)) {
            throw ProblemException.notFound("Transport " + id);
        }
        return t;
    }

    private static Transport.Status parseStatus(String status) {
        try {
            return Transport.Status.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status",
                    "must be one of " + Arrays.toString(Transport.Status.values()));
        }
    }
}

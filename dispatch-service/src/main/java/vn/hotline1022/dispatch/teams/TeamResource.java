package vn.hotline1022.dispatch.teams;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;

@Path("/api/v1/teams")
@Tag(name = "Teams")
public class TeamResource {

    public record NewTeam(
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,19}", message = "must be 2-20 capitals, digits or -") String code,
            @NotBlank String name,
            @NotBlank @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode,
            @NotBlank @Pattern(regexp = "\\d{3}", message = "must be a 3-digit district code") String homeDistrictCode,
            @NotEmpty List<@Pattern(regexp = "\\d{5}", message = "must be a 5-digit ward code") String> coveredWardCodes,
            @Min(0) int medicalStaff,
            @NotBlank String vehicle) {
    }

    public record TeamView(UUID id, String code, String name, String provinceCode, String homeDistrictCode,
            List<String> coveredWardCodes, int medicalStaff, String vehicle, String status) {
        static TeamView of(Team t) {
            return new TeamView(t.id, t.code, t.name, t.provinceCode, t.homeDistrictCode, t.coveredWardCodes, t.medicalStaff,
                    t.vehicle, t.status.name());
        }
    }

    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.TEAM_MEMBER, Roles.OPS, Roles.ADMIN })
    public List<TeamView> list() {
        return Team.<Team> listAll().stream().map(TeamView::of).toList();
    }

    @POST
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    @Transactional
    public Response create(@Valid NewTeam request) {
        if (Team.byCode(request.code()) != null) {
            throw ProblemException.invalidField("code", "another team has this code");
        }
        Team t = new Team();
        t.id = UUID.randomUUID();
        t.code = request.code();
        t.name = request.name();
        t.provinceCode = request.provinceCode();
        t.homeDistrictCode = request.homeDistrictCode();
        t.coveredWardCodes = List.copyOf(request.coveredWardCodes());
        t.medicalStaff = request.medicalStaff();
        t.vehicle = request.vehicle();
        t.status = Team.Status.AVAILABLE;
        t.createdAt = Instant.now();
        t.persist();
        return Response.created(URI.create("/api/v1/teams/" + t.id)).entity(TeamView.of(t)).build();
    }
}

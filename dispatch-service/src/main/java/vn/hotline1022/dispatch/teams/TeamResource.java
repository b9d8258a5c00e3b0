package vn.hotline1022.dispatch.teams;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

@Path("/api/v1/teams")
@Tag(name = "Teams")
public class TeamResource {

    public record NewTeam(@NotBlank String name,
            @NotBlank @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode,
            @NotBlank @Pattern(regexp = "\\d{3}", message = "must be a 3-digit district code") String homeDistrictCode,
            @NotEmpty List<@Pattern(regexp = "\\d{5}", message = "must be a 5-digit ward code") String> coveredWardCodes,
            @Min(0) int medicalStaff,
            @NotBlank String vehicle) {
    }

    public record TeamView(UUID id, String name, String provinceCode, String homeDistrictCode,
            List<String> coveredWardCodes, int medicalStaff, String vehicle, String status) {
        static TeamView of(Team t) {
            return new TeamView(t.id, t.name, t.provinceCode, t.homeDistrictCode, t.coveredWardCodes, t.medicalStaff,
                    t.vehicle, t.status.name());
        }
    }

    @GET
    public List<TeamView> list() {
        return Team.<Team> listAll().stream().map(TeamView::of).toList();
    }

    @POST
    @Transactional
    public Response create(@Valid NewTeam request) {
        Team t = new Team();
        t.id = UUID.randomUUID();
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

package vn.hotline1022.dispatch.teams;

import java.net.URI;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;

@Path("/api/v1/teams")
@Tag(name = "Teams")
public class TeamResource {

    @Inject
    Teams teams;

    @Inject
    TeamAccess access;

    public record Member(@NotBlank @Size(max = 200) String name, @NotNull MemberRole role) {
    }

    /**
     * @param medicalStaff optional when {@code members} are given (then it is their number of MEDICAL members and must
     *                     agree if given); required otherwise
     * @param reserve      a provincial reserve team, sent last but anywhere in the province
     */
    public record NewTeam(
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,19}", message = "must be 2-20 capitals, digits or -") String code,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String provinceCode,
            @NotBlank @Pattern(regexp = "\\d{3}", message = "must be a 3-digit district code") String homeDistrictCode,
            @NotEmpty List<@NotNull @Pattern(regexp = "\\d{5}", message = "must be a 5-digit ward code") String> coveredWardCodes,
            @Min(0) Integer medicalStaff,
            @NotNull Vehicle vehicle,
            Set<@NotNull Equipment> equipment,
            @Size(max = 20) List<@Valid @NotNull Member> members,
            boolean reserve,
            LocalTime shiftStart,
            LocalTime shiftEnd) {
    }

    public record Crew(@NotNull @Size(min = 1, max = 20) List<@Valid @NotNull Member> members) {
    }

    /** Set by the team (shift start/end, back at base) or a dispatcher: AVAILABLE, RETURNING or OFF_DUTY. */
    public record StatusChange(@NotNull Team.Status status) {
    }

    public record TeamView(UUID id, String code, String name, String provinceCode, String homeDistrictCode,
            List<String> coveredWardCodes, int medicalStaff, String vehicle, List<String> equipment, boolean reserve,
            String status, Instant statusChangedAt, List<Member> members, LocalTime shiftStart, LocalTime shiftEnd) {
        static TeamView of(Team t) {
            return of(t, TeamMember.<TeamMember> list("teamId = ?1 order by role, name", t.id));
        }

        static TeamView of(Team t, List<TeamMember> members) {
            List<Member> crew = members.stream().map(m -> new Member(m.name, m.role)).toList();
            return new TeamView(t.id, t.code, t.name, t.provinceCode, t.homeDistrictCode, t.coveredWardCodes,
                    t.medicalStaff, t.vehicle, t.equipment == null ? List.of() : t.equipment, t.reserve, t.status.name(),
                    t.statusChangedAt, crew, t.shiftStart, t.shiftEnd);
        }
    }

    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.TEAM_MEMBER, Roles.OPS, Roles.ADMIN })
    public List<TeamView> list() {
        Map<UUID, List<TeamMember>> crews = TeamMember.<TeamMember> list("order by role, name").stream()
                .collect(Collectors.groupingBy(m -> m.teamId));
        return Team.<Team> list("order by code").stream().filter(access::mayReach)
                .map(t -> TeamView.of(t, crews.getOrDefault(t.id, List.of()))).toList();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.TEAM_MEMBER, Roles.OPS, Roles.ADMIN })
    public TeamView get(@PathParam("code") String code) {
        return TeamView.of(find(code));
    }

    @POST
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    public Response create(@Valid @NotNull NewTeam request) {
        if (!access.area().coversProvince(request.provinceCode())) {
            throw ProblemException.forbidden("Teams are created in your own province only");
        }
        int medics = medicalStaff(request);
        Team t = new Team();
        t.id = UUID.randomUUID();
        t.code = request.code();
        t.name = request.name();
        t.provinceCode = request.provinceCode();
        t.homeDistrictCode = request.homeDistrictCode();
        t.coveredWardCodes = List.copyOf(request.coveredWardCodes());
        t.medicalStaff = medics;
        t.vehicle = request.vehicle().name();
        t.equipment = request.equipment() == null ? List.of()
                : request.equipment().stream().map(Enum::name).sorted().toList();
        t.reserve = request.reserve();
        if ((request.shiftStart() == null) != (request.shiftEnd() == null)) {
            throw ProblemException.invalidField(request.shiftStart() == null ? "shiftStart" : "shiftEnd",
                    "give both ends of the shift, or neither for a team on duty around the clock");
        }
        if (request.shiftStart() != null && request.shiftStart().equals(request.shiftEnd())) {
            throw ProblemException.invalidField("shiftEnd", "must differ from shiftStart");
        }
        t.shiftStart = request.shiftStart();
        t.shiftEnd = request.shiftEnd();
        t.status = Team.Status.AVAILABLE;
        t.statusChangedAt = Instant.now();
        t.createdAt = t.statusChangedAt;
        teams.register(t, crew(request.members() == null ? List.of() : request.members()));
        return Response.created(URI.create("/api/v1/teams/" + t.code)).entity(TeamView.of(t)).build();
    }

    /** A new crew for the next shift (đổi ca); the medical-staff count follows it. */
    @PUT
    @Path("/{code}/members")
    @RolesAllowed({ Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    public TeamView changeCrew(@PathParam("code") String code, @Valid @NotNull Crew request) {
        find(code);
        return TeamView.of(teams.changeCrew(code, crew(request.members())));
    }

    /** Shift start and end, off duty, back at base. A team member may set only its own team's status. */
    @PUT
    @Path("/{code}/status")
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    public TeamView changeStatus(@PathParam("code") String code, @Valid @NotNull StatusChange request) {
        find(code);
        return TeamView.of(teams.setStatus(code, request.status()));
    }

    private static int medicalStaff(NewTeam request) {
        if (request.members() == null || request.members().isEmpty()) {
            if (request.medicalStaff() == null) {
                throw ProblemException.invalidField("medicalStaff", "must be given when no members are listed");
            }
            return request.medicalStaff();
        }
        int medics = (int) request.members().stream().filter(m -> m.role() == MemberRole.MEDICAL).count();
        if (request.medicalStaff() != null && request.medicalStaff() != medics) {
            throw ProblemException.invalidField("medicalStaff", "must equal the number of MEDICAL members (" + medics
                    + ")");
        }
        return medics;
    }

    private static List<TeamMember> crew(List<Member> members) {
        return members.stream().map(m -> {
            TeamMember tm = new TeamMember();
            tm.name = m.name().strip();
            tm.role = m.role();
            return tm;
        }).toList();
    }

    /** The team, if the caller may reach it: to anyone else it does not exist. */
    private Team find(String code) {
        Team t = Team.byCode(code);
        if (t == null || !access.mayReach(t)) {
            throw ProblemException.notFound("Team " + code);
        }
        return t;
    }
}

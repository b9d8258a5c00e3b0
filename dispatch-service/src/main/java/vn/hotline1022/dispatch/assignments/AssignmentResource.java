package vn.hotline1022.dispatch.assignments;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.dispatch.teams.Team;
import vn.hotline1022.dispatch.teams.TeamAccess;
import vn.hotline1022.events.common.ClinicalNotes;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.events.dispatch.DispatchOutcome;

/** The team's phone app reports each step here. */
@Path("/api/v1/assignments")
@Tag(name = "Assignments")
public class AssignmentResource {

    @Inject
    Dispatcher dispatcher;

    @Inject
    CurrentUser user;

    @Inject
    TeamAccess teams;

    @Inject
    CaseArea cases;

    @Inject
    TeamJobs jobs;

    public record AssignmentView(UUID id, UUID caseId, String caseCode, UUID teamId, String teamCode, String status,
            String matchedBy, boolean automatic, String dispatcherId, String outcome, List<String> followUpNeeds,
            Instant dispatchedAt, Instant acceptedAt, Instant enRouteAt, Instant arrivedAt, Instant completedAt,
            Boolean topRecommendation, String overrideReason) {
        static AssignmentView of(Assignment a) {
            Team team = Team.findById(a.teamId);
            return new AssignmentView(a.id, a.caseId, a.caseCode, a.teamId, team == null ? null : team.code,
                    a.status.name(), a.matchedBy, a.automatic, a.dispatcherId, a.outcome,
                    a.followUpNeeds == null ? List.of() : a.followUpNeeds, a.dispatchedAt, a.acceptedAt, a.enRouteAt,
                    a.arrivedAt, a.completedAt, a.topRecommendation, a.overrideReason);
        }
    }

    /**
     * A dispatcher's choice of team for a waiting case: the recommended one, or another (an override).
     *
     * @param reason why another team than the first recommendation (optional; kept on the assignment)
     */
    public record NewAssignment(@NotNull UUID caseId,
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,19}", message = "must be a team code") String teamCode,
            @Size(max = 500) String reason) {
    }

    public record Clinical(@Min(50) @Max(100) Integer spo2, @Min(0) @Max(80) Integer respiratoryRate,
            @Size(max = 2000) String symptoms, Severity severity) {
        ClinicalNotes toNotes() {
            return new ClinicalNotes(spo2, respiratoryRate, symptoms, severity);
        }
    }

    /** @param returning true when the team goes back to base (restock, disinfect) instead of taking the next case */
    public record Completion(@NotNull DispatchOutcome outcome, @Valid Clinical clinicalNotes, List<@NotNull Need> followUpNeeds,
            @Size(max = 2000) String note, Boolean returning) {
    }

    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.TEAM_MEMBER, Roles.OPS, Roles.ADMIN })
    public List<AssignmentView> list(@QueryParam("caseId") UUID caseId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(100) int size) {
        Team own = teams.ownTeamOnly() ? teams.ownTeam() : null;
        if (teams.ownTeamOnly() && own == null) {
            return List.of();
        }
        return Assignment.page(teams.area(), own == null ? null : own.id, caseId, page, size).stream()
                .map(AssignmentView::of).toList();
    }

    @POST
    @RolesAllowed({ Roles.DISPATCHER, Roles.ADMIN })
    public Response assign(@Valid @NotNull NewAssignment request) {
        if (!cases.reachable(request.caseId())) {
            throw ProblemException.notFound("Case " + request.caseId());
        }
        Team team = Team.byCode(request.teamCode());
        if (team != null && !teams.mayReach(team)) {
            throw ProblemException.notFound("Team " + request.teamCode());
        }
        Assignment a = dispatcher.assign(request.caseId(), request.teamCode(), user.username(),
                request.reason());
        return Response.created(URI.create("/api/v1/assignments/" + a.id)).entity(AssignmentView.of(a)).build();
    }

    /** The team saw the job on its phone and takes it (nhận nhiệm vụ). */
    @POST
    @Path("/{id}/acceptance")
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.ADMIN })
    public AssignmentView accept(@PathParam("id") UUID id) {
        checkOwnTeam(id);
        return AssignmentView.of(dispatcher.advance(id, Assignment.Status.ACCEPTED));
    }

    /** The team has left for the address. */
    @POST
    @Path("/{id}/departure")
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.ADMIN })
    public AssignmentView depart(@PathParam("id") UUID id) {
        checkOwnTeam(id);
        return AssignmentView.of(dispatcher.advance(id, Assignment.Status.EN_ROUTE));
    }

    @POST
    @Path("/{id}/arrival")
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.ADMIN })
    public AssignmentView arrive(@PathParam("id") UUID id) {
        checkOwnTeam(id);
        return AssignmentView.of(dispatcher.advance(id, Assignment.Status.ARRIVED));
    }

    @POST
    @Path("/{id}/completion")
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.ADMIN })
    public AssignmentView complete(@PathParam("id") UUID id, @Valid @NotNull Completion request) {
        checkOwnTeam(id);
        ClinicalNotes notes = request.clinicalNotes() == null ? null : request.clinicalNotes().toNotes();
        return AssignmentView.of(dispatcher.complete(id, request.outcome(), notes,
                request.followUpNeeds() == null ? List.of() : request.followUpNeeds(), request.note(),
                Boolean.TRUE.equals(request.returning())));
    }

    /**
     * How the team finds the household (address, phone, household notes): for that team and dispatchers of the area,
     * while the assignment is live and for a grace period after it is completed; 410 once erased.
     */
    @GET
    @Path("/{id}/contact")
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.ADMIN })
    public TeamJobs.ContactView contact(@PathParam("id") UUID id) {
        return jobs.contact(id);
    }

    /** Team members act on their own team's assignments only, dispatchers in their area only; to the others it does not exist. */
    private void checkOwnTeam(UUID assignmentId) {
        Assignment a = Assignment.findById(assignmentId);
        if (a != null && !visible(a)) {
            throw ProblemException.notFound("Assignment " + assignmentId);
        }
    }

    private boolean visible(Assignment a) {
        return teams.mayReach(a.teamId, a.provinceCode, a.districtCode);
    }
}

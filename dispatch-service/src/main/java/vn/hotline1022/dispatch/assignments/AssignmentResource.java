package vn.hotline1022.dispatch.assignments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.dispatch.teams.Team;
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

    public record AssignmentView(UUID id, UUID caseId, String caseCode, UUID teamId, String status, String matchedBy,
            boolean automatic, String outcome, Instant dispatchedAt, Instant arrivedAt, Instant completedAt) {
        static AssignmentView of(Assignment a) {
            return new AssignmentView(a.id, a.caseId, a.caseCode, a.teamId, a.status.name(), a.matchedBy,
                    a.automatic, a.outcome, a.dispatchedAt, a.arrivedAt, a.completedAt);
        }
    }

    public record Clinical(@Min(50) @Max(100) Integer spo2, @Min(0) @Max(80) Integer respiratoryRate,
            @Size(max = 2000) String symptoms, Severity severity) {
        ClinicalNotes toNotes() {
            return new ClinicalNotes(spo2, respiratoryRate, symptoms, severity);
        }
    }

    public record Completion(@NotNull DispatchOutcome outcome, @Valid Clinical clinicalNotes, List<@NotNull Need> followUpNeeds,
            @Size(max = 2000) String note) {
    }

    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.TEAM_MEMBER, Roles.OPS, Roles.ADMIN })
    public List<AssignmentView> list(@QueryParam("caseId") UUID caseId) {
        List<Assignment> found = caseId == null ? Assignment.listAll() : Assignment.list("caseId", caseId);
        return found.stream().filter(this::visible).map(AssignmentView::of).toList();
    }

    @POST
    @Path("/{id}/arrival")
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.ADMIN })
    public AssignmentView arrive(@PathParam("id") UUID id) {
        checkOwnTeam(id);
        return AssignmentView.of(dispatcher.arrive(id));
    }

    @POST
    @Path("/{id}/completion")
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.ADMIN })
    public AssignmentView complete(@PathParam("id") UUID id, @Valid @NotNull Completion request) {
        checkOwnTeam(id);
        ClinicalNotes notes = request.clinicalNotes() == null ? null : request.clinicalNotes().toNotes();
        return AssignmentView.of(dispatcher.complete(id, request.outcome(), notes,
                request.followUpNeeds() == null ? List.of() : request.followUpNeeds(), request.note()));
    }

    /** Team members act on their own team's assignments only; to them, another team's does not exist. */
    private void checkOwnTeam(UUID assignmentId) {
        Assignment a = Assignment.findById(assignmentId);
        if (a != null && !visible(a)) {
            throw ProblemException.notFound("Assignment " + assignmentId);
        }
    }

    private boolean visible(Assignment a) {
        if (!user.has(Roles.TEAM_MEMBER) || user.has(Roles.DISPATCHER) || user.has(Roles.ADMIN) || user.has(Roles.OPS)
                || user.has(Roles.CALL_AGENT)) {
            return true;
        }
        Team team = Team.findById(a.teamId);
        return user.teamCode().map(code -> code.equals(team.code)).orElse(false);
    }
}

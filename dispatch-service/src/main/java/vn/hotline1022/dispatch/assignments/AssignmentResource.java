package vn.hotline1022.dispatch.assignments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
    public List<AssignmentView> list(@QueryParam("caseId") UUID caseId) {
        List<Assignment> found = caseId == null ? Assignment.listAll() : Assignment.list("caseId", caseId);
        return found.stream().map(AssignmentView::of).toList();
    }

    @POST
    @Path("/{id}/arrival")
    public AssignmentView arrive(@PathParam("id") UUID id) {
        return AssignmentView.of(dispatcher.arrive(id));
    }

    @POST
    @Path("/{id}/completion")
    public AssignmentView complete(@PathParam("id") UUID id, @Valid @NotNull Completion request) {
        ClinicalNotes notes = request.clinicalNotes() == null ? null : request.clinicalNotes().toNotes();
        return AssignmentView.of(dispatcher.complete(id, request.outcome(), notes,
                request.followUpNeeds() == null ? List.of() : request.followUpNeeds(), request.note()));
    }
}

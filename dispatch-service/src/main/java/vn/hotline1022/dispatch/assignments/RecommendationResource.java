package vn.hotline1022.dispatch.assignments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.dispatch.DispatchConfig;
import vn.hotline1022.dispatch.teams.Team;

/** The ranked free teams for a waiting case; the dispatcher confirms one with POST /api/v1/assignments. */
@Path("/api/v1/cases/{caseId}/recommendations")
@Tag(name = "Assignments")
public class RecommendationResource {

    @Inject
    Dispatcher dispatcher;

    @Inject
    DispatchConfig config;

    @Inject
    CaseArea cases;

    /** @param rank 1 = best; {@code recentLoad} = dispatches within the configured load window */
    public record Recommendation(int rank, String teamCode, String teamName, String matchedBy, String homeDistrictCode,
            int medicalStaff, String vehicle, List<String> equipment, long recentLoad) {
    }

    public record Recommendations(UUID caseId, String caseCode, int priority, boolean emergency, String wardCode,
            String districtCode, List<Recommendation> teams) {
    }

    @GET
    @RolesAllowed({ Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    public Recommendations recommend(@PathParam("caseId") UUID caseId) {
        if (!cases.reachable(caseId)) {
            throw ProblemException.notFound("Case " + caseId);
        }
        List<Team> ranked = dispatcher.recommendations(caseId);
        QueuedCase q = QueuedCase.findById(caseId);
        Instant since = Instant.now().minus(config.loadWindow());
        List<Recommendation> teams = new ArrayList<>();
        for (Team t : ranked) {
            teams.add(new Recommendation(teams.size() + 1, t.code, t.name, t.matchFor(q.districtCode, q.wardCode),
                    t.homeDistrictCode, t.medicalStaff, t.vehicle, t.equipment == null ? List.of() : t.equipment,
                    t.loadSince(since)));
        }
        return new Recommendations(q.caseId, q.caseCode, q.priority, q.emergency, q.wardCode, q.districtCode, teams);
    }
}

package vn.hotline1022.dispatch.assignments;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;

/**
 * The team's phone app: its current job and the next; for the team itself and dispatchers of its province. Served
 * with the assignments (a job is an assignment or a waiting case), under the team's address.
 */
@Path("/api/v1/teams/{code}/jobs")
@Tag(name = "Teams")
public class TeamJobResource {

    @Inject
    TeamJobs jobs;

    @GET
    @RolesAllowed({ Roles.TEAM_MEMBER, Roles.DISPATCHER, Roles.ADMIN })
    public TeamJobs.Jobs jobs(@PathParam("code") String code) {
        return jobs.jobs(code);
    }
}

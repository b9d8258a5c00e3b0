package vn.hotline1022.intake.cases;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.intake.audit.AuditTrail;

@Path("/api/v1/cases")
@Tag(name = "Cases")
public class CaseResource {

    @Inject
    AuditTrail audit;

    @GET
    @Path("/{code}")
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    @Operation(summary = "A case with its timeline: every event about it from every service, oldest first")
    public CaseView byCode(@PathParam("code") @Pattern(regexp = "[A-Z]{1,4}-\\d{8}-\\d{5,}",
            message = "must look like BD-20210817-00042") String code) {
        HotlineCase c = HotlineCase.byCode(code).orElseThrow(() -> ProblemException.notFound("Case " + code));
        audit.record(AuditTrail.Action.CASE_READ, c.id, c.code, null);
        return CaseView.of(c, TimelineEntry.of(c.id));
    }

    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    @Operation(summary = "Cases by status, most urgent first")
    public List<CaseView> list(
            // A String, not the enum: JAX-RS answers an unconvertible enum with 404, and this is bad input (400).
            @QueryParam("status") @DefaultValue("OPEN") @Pattern(regexp = "OPEN|IN_PROGRESS|RESOLVED",
                    message = "must be OPEN, IN_PROGRESS or RESOLVED") String status,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return HotlineCase.<HotlineCase> find("status", Sort.descending("priority").and("openedAt"),
                CaseStatus.valueOf(status))
                .page(Page.ofSize(limit)).list().stream().map(CaseView::summary).toList();
    }
}

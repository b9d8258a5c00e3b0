package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.intake.audit.AuditTrail;
import vn.hotline1022.intake.search.CaseSearch;

@Path("/api/v1/cases")
@Tag(name = "Cases")
public class CaseResource {

    /** Case codes: province initials, local day, number of the day (4 digits or more); older codes had 5. */
    static final String CODE = "[A-Z]{1,4}-\\d{8}-\\d{4,}";
    static final String TOTAL_HEADER = "X-Total-Count";

    @Inject
    AuditTrail audit;

    @Inject
    CaseSearch search;

    @GET
    @Path("/{code}")
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    @Operation(summary = "A case with its timeline: every event about it from every service, oldest first")
    public CaseView byCode(@PathParam("code") @Pattern(regexp = CODE,
            message = "must look like BD-20210817-0042") String code) {
        HotlineCase c = HotlineCase.byCode(code).orElseThrow(() -> ProblemException.notFound("Case " + code));
        audit.record(AuditTrail.Action.CASE_READ, c.id, c.code, null);
        return CaseView.of(c, TimelineEntry.of(c.id));
    }

    @GET
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    @Operation(summary = "Work queue and search: cases most urgent first, every filter optional, paged",
            description = "Without status: the cases not yet resolved. q is a case code, or searches name, phone (any"
                    + " spelling) and address, ignoring Vietnamese diacritics. The total count is in the X-Total-Count"
                    + " header.")
    public RestResponse<List<CaseView>> list(
            // Strings, not enums: JAX-RS answers an unconvertible enum with 404, and this is bad input (400).
            @QueryParam("status") @Pattern(regexp = "OPEN|IN_PROGRESS|RESOLVED",
                    message = "must be OPEN, IN_PROGRESS or RESOLVED") String status,
            @QueryParam("districtCode") @Pattern(regexp = "\\d{3}", message = "must be a 3-digit district code")
            String districtCode,
            @QueryParam("wardCode") @Pattern(regexp = "\\d{5}", message = "must be a 5-digit ward code")
            String wardCode,
            @QueryParam("need") @Size(max = 40) String need,
            @QueryParam("minPriority") @Min(0) @Max(100) Integer minPriority,
            @QueryParam("overdue") Boolean overdue,
            @QueryParam("agentId") @Size(max = 64) String agentId,
            @QueryParam("q") @Size(min = 2, max = 100) String q,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size,
            /** Older name of size, kept for existing consoles. */
            @QueryParam("limit") @Min(1) @Max(500) Integer limit) {
        List<CaseStatus> statuses = status == null ? List.of(CaseStatus.OPEN, CaseStatus.IN_PROGRESS)
                : List.of(CaseStatus.valueOf(status));
        Need wanted = need == null ? null : parseNeed(need);
        CaseSearch.Page result = search.find(new CaseSearch.Filter(statuses, districtCode, wardCode, wanted,
                minPriority, overdue, agentId, q), page, limit != null ? limit : size, Instant.now());
        if (q != null) {
            audit.record(AuditTrail.Action.CASES_LISTED, null, null, "search, " + result.total() + " found");
        }
        return RestResponse.ResponseBuilder.ok(result.items().stream().map(CaseView::summary).toList())
                .header(TOTAL_HEADER, result.total()).build();
    }

    @GET
    @Path("/overdue")
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    @Operation(summary = "Cases past a deadline (first action or resolution) or reopened by the citizen, most urgent"
            + " first")
    public RestResponse<List<CaseView>> overdue(
            @QueryParam("districtCode") @Pattern(regexp = "\\d{3}", message = "must be a 3-digit district code")
            String districtCode,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        CaseSearch.Page result = search.find(new CaseSearch.Filter(List.of(), districtCode, null, null, null, true,
                null, null), page, size, Instant.now());
        return RestResponse.ResponseBuilder.ok(result.items().stream().map(CaseView::summary).toList())
                .header(TOTAL_HEADER, result.total()).build();
    }

    private static Need parseNeed(String need) {
        try {
            return Need.valueOf(need);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("need", "must be one of " + Arrays.toString(Need.values()));
        }
    }
}

package vn.hotline1022.intake.officials;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.OfficialArea;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.intake.audit.AuditTrail;
import vn.hotline1022.intake.cases.CaseCodes;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.TimelineEntry;
import vn.hotline1022.intake.cases.CaseSearch;

/**
 * Ward and district officials (cán bộ phường/xã, quận/huyện): the cases of their area that need them, and what they do
 * with one. Checks input and the official's area, then hands over to {@link Officials} (the changes) or
 * {@link OfficialQueue} (the list). An official without {@code ward_codes} or {@code district_codes} gets 403 on
 * everything; a case outside the area is 404.
 */
@Path("/api/v1/officials/cases")
@Tag(name = "Officials")
public class OfficialResource {

    static final String CODE = CaseCodes.PATTERN;
    static final String CODE_MESSAGE = "must look like " + CaseCodes.EXAMPLE;
    /** Rows per page at most: each row holds an address. */
    static final int MAX_PAGE = 100;

    @Inject
    CurrentUser user;

    @Inject
    Officials officials;

    @Inject
    OfficialQueue queue;

    @Inject
    AuditTrail audit;

    @GET
    @RolesAllowed({ Roles.OFFICIAL, Roles.ADMIN })
    @Operation(summary = "The area's cases that need an official, most urgent first, paged",
            description = "kind: ESCALATED (past the ward level), OVERDUE (a missed clock or reopened), VIOLATION"
                    + " (violation reports), OWNED (taken by me); without kind, all of them. Unresolved cases of the"
                    + " official's wards (ward_codes) and districts (district_codes) only. Total in X-Total-Count.")
    public RestResponse<List<OfficialCaseView>> list(
            // A String, not the enum: JAX-RS answers an unconvertible enum with 404, and this is bad input (400).
            @QueryParam("kind") @Pattern(regexp = "ESCALATED|OVERDUE|VIOLATION|OWNED",
                    message = "must be ESCALATED, OVERDUE, VIOLATION or OWNED") String kind,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(MAX_PAGE) int size) {
        OfficialArea area = area();
        CaseSearch.Page result = queue.list(kind == null ? null : OfficialQueue.Kind.valueOf(kind), area,
                user.username(), page, size, Instant.now());
        audit.record(AuditTrail.Action.CASES_LISTED, null, null, "officials" + (kind == null ? "" : " kind=" + kind)
                + " page=" + page + ": " + result.items().size() + " shown of " + result.total());
        return RestResponse.ResponseBuilder.ok(OfficialCaseView.rows(result.items()))
                .header("X-Total-Count", result.total()).build();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({ Roles.OFFICIAL, Roles.ADMIN })
    @Operation(summary = "A case of the area with the caller, its timeline and its verification visits")
    public OfficialCaseView byCode(@PathParam("code") @Pattern(regexp = CODE, message = CODE_MESSAGE) String code) {
        OfficialArea area = area();
        HotlineCase c = HotlineCase.byCode(code).filter(found -> area.covers(found.districtCode, found.wardCode))
                .orElseThrow(() -> ProblemException.notFound("Case " + code));
        audit.record(AuditTrail.Action.CASE_READ, c.id, c.code, "official");
        return OfficialCaseView.full(c, TimelineEntry.of(c.id), VerificationVisit.of(c.id));
    }

    @POST
    @Path("/{code}/ownership")
    @RolesAllowed({ Roles.OFFICIAL, Roles.ADMIN })
    @Operation(summary = "Take the case (nhận xử lý)", description = "409 when another official owns it or it is"
            + " resolved; taking one's own case again changes nothing.")
    public OfficialCaseView take(@PathParam("code") @Pattern(regexp = CODE, message = CODE_MESSAGE) String code) {
        return OfficialCaseView.summary(officials.take(code, user.username(), area()));
    }

    @POST
    @Path("/{code}/verification")
    @RolesAllowed({ Roles.OFFICIAL, Roles.ADMIN })
    @Operation(summary = "Record a verification visit (xác minh): outcome, what was done, when",
            description = "Owner only (409 otherwise). visitedAt must not be in the future nor before the case was"
                    + " opened.")
    public OfficialCaseView verify(@PathParam("code") @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @Valid @NotNull OfficialRequests.Verification visit) {
        return OfficialCaseView.summary(officials.verify(code, user.username(), area(), visit));
    }

    @POST
    @Path("/{code}/resolution")
    @RolesAllowed({ Roles.OFFICIAL, Roles.ADMIN })
    @Operation(summary = "Resolve the case with an outcome (CaseResolved, resolvedBy OFFICIAL)",
            description = "Owner only (409 otherwise).")
    public OfficialCaseView resolve(@PathParam("code") @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @Valid @NotNull OfficialRequests.Resolution resolution) {
        return OfficialCaseView.summary(officials.resolve(code, user.username(), area(), resolution));
    }

    @POST
    @Path("/{code}/hand-back")
    @RolesAllowed({ Roles.OFFICIAL, Roles.ADMIN })
    @Operation(summary = "Hand the case back to dispatch (a team visit) or relief (relief needs decided again)",
            description = "Owner only (409 otherwise); the ownership ends. The needs must include one the target"
                    + " acts on.")
    public OfficialCaseView handBack(@PathParam("code") @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @Valid @NotNull OfficialRequests.HandBack handBack) {
        return OfficialCaseView.summary(officials.handBack(code, user.username(), area(), handBack));
    }

    /** Fails closed: an official whose token names no ward and no district may see and do nothing. */
    private OfficialArea area() {
        OfficialArea area = user.officialArea();
        if (area.isEmpty()) {
            throw ProblemException.forbidden("The token names no ward_codes or district_codes: an official without an"
                    + " area has no cases");
        }
        return area;
    }
}

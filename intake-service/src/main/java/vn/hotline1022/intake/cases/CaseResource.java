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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.intake.audit.AuditTrail;

@Path("/api/v1/cases")
@Tag(name = "Cases")
public class CaseResource {

    static final String CODE = CaseCodes.PATTERN;
    static final String TOTAL_HEADER = "X-Total-Count";
    /** Rows per page at most: each row holds names, phones and addresses. */
    static final int MAX_PAGE = 100;

    @Inject
    AuditTrail audit;

    @Inject
    CaseSearch search;

    @Inject
    ManualClosures closures;

    @Inject
    CurrentUser user;

    /** Why an agent closes a case by hand; the note is optional. */
    public record Closing(@NotNull(message = "chọn lý do đóng hồ sơ") @Pattern(
            regexp = "ANSWERED_ON_CALL|DUPLICATE|WRONG_NUMBER|OTHER_AGENCY",
            message = "phải là ANSWERED_ON_CALL, DUPLICATE, WRONG_NUMBER hoặc OTHER_AGENCY") String reason,
            @Size(max = 500, message = "tối đa 500 ký tự") String note) {
    }

    /** Which need comes back, and why (required). */
    public record Reopening(@NotNull(message = "chọn nhu cầu cần mở lại") @Pattern(
            regexp = "VISIT|TRANSPORT|HOSPITAL|RELIEF|ANSWER|VERIFICATION",
            message = "phải là VISIT, TRANSPORT, HOSPITAL, RELIEF, ANSWER hoặc VERIFICATION") String track,
            @NotBlank(message = "cần ghi lý do mở lại") @Size(max = 500, message = "tối đa 500 ký tự")
            String reason) {
    }

    @POST
    @Path("/{code}/close")
    @RolesAllowed({ Roles.CALL_AGENT, Roles.ADMIN })
    @Operation(summary = "Close what is left of a case by hand with a reason (answered on the call, duplicate, wrong"
            + " number, handled by another agency): every open need ends with it, CaseResolved; audited; 409 when the"
            + " case is already resolved; 404 outside my provinces")
    public CaseView close(@PathParam("code") @Pattern(regexp = CODE,
            message = "must look like " + CaseCodes.EXAMPLE) String code, @Valid @NotNull Closing closing) {
        return answer(code, closures.close(code, user.scope(), user.username(), CloseReason.valueOf(closing.reason()),
                closing.note()));
    }

    @POST
    @Path("/{code}/reopen")
    @RolesAllowed({ Roles.CALL_AGENT, Roles.ADMIN })
    @Operation(summary = "Open one need of a case again with a reason (CaseReopened); the case goes back in progress;"
            + " 409 when the need is still open or the case has none of it; 404 outside my provinces")
    public CaseView reopen(@PathParam("code") @Pattern(regexp = CODE,
            message = "must look like " + CaseCodes.EXAMPLE) String code, @Valid @NotNull Reopening reopening) {
        return answer(code, closures.reopen(code, user.scope(), user.username(), Track.valueOf(reopening.track()),
                reopening.reason()));
    }

    private static CaseView answer(String code, ManualClosures.Result result) {
        if (result instanceof ManualClosures.Done done) {
            return CaseView.of(done.hotlineCase(), TimelineEntry.of(done.hotlineCase().id));
        }
        if (result instanceof ManualClosures.Refused refused) {
            throw ProblemException.conflict(refused.reason());
        }
        throw new ProblemException(404, "Không tìm thấy", "Không tìm thấy hồ sơ " + code + " trong khu vực của bạn",
                List.of());
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({ Roles.CALL_AGENT, Roles.DISPATCHER, Roles.OPS, Roles.ADMIN })
    @Operation(summary = "A case with its timeline: every event about it from every service, oldest first")
    public CaseView byCode(@PathParam("code") @Pattern(regexp = CODE,
            message = "must look like " + CaseCodes.EXAMPLE) String code) {
        // Outside the caller's provinces (and districts) a case is as unknown as one that does not exist.
        HotlineCase c = HotlineCase.byCode(code).filter(found -> user.scope().covers(found.provinceCode,
                found.districtCode)).orElseThrow(() -> ProblemException.notFound("Case " + code));
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
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(MAX_PAGE) int size,
            /** Older name of size, kept for existing consoles. */
            @QueryParam("limit") @Min(1) @Max(MAX_PAGE) Integer limit) {
        List<CaseStatus> statuses = status == null ? List.of(CaseStatus.OPEN, CaseStatus.IN_PROGRESS)
                : List.of(CaseStatus.valueOf(status));
        Need wanted = need == null ? null : parseNeed(need);
        CaseSearch.Page result = search.find(new CaseSearch.Filter(statuses, districtCode, wardCode, wanted,
                minPriority, overdue, agentId, q), user.scope(), page, limit != null ? limit : size, Instant.now());
        audit.record(AuditTrail.Action.CASES_LISTED, null, null, listed("cases", result, page,
                "status", status, "districtCode", districtCode, "wardCode", wardCode, "need", need, "minPriority",
                minPriority, "overdue", overdue, "agentId", agentId,
                // What was searched for may be a name or a phone: the trail says only that there was a search.
                "q", q == null ? null : "(search text)"));
        return RestResponse.ResponseBuilder.ok(CaseView.rows(result.items()))
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
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(MAX_PAGE) int size) {
        CaseSearch.Page result = search.find(new CaseSearch.Filter(List.of(), districtCode, null, null, null, true,
                null, null), user.scope(), page, size, Instant.now());
        audit.record(AuditTrail.Action.CASES_LISTED, null, null, listed("overdue", result, page, "districtCode",
                districtCode));
        return RestResponse.ResponseBuilder.ok(CaseView.rows(result.items()))
                .header(TOTAL_HEADER, result.total()).build();
    }

    /**
     * The audit line of a list read: which list, the filters given, the page and how many cases with personal data
     * were shown, e.g. {@code cases status=OPEN districtCode=725 page=0: 50 shown of 340}.
     */
    private static String listed(String list, CaseSearch.Page result, int page, Object... filters) {
        StringBuilder detail = new StringBuilder(list);
        for (int i = 0; i + 1 < filters.length; i += 2) {
            if (filters[i + 1] != null) {
                detail.append(' ').append(filters[i]).append('=').append(filters[i + 1]);
            }
        }
        return detail.append(" page=").append(page).append(": ").append(result.items().size()).append(" shown of ")
                .append(result.total()).toString();
    }

    private static Need parseNeed(String need) {
        try {
            return Need.valueOf(need);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("need", "must be one of " + Arrays.toString(Need.values()));
        }
    }
}

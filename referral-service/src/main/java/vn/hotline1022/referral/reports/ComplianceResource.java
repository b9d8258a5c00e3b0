package vn.hotline1022.referral.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.referral.hospitals.HospitalScope;

import vn.hotline1022.referral.reports.ComplianceReports.ComplianceReport;
import vn.hotline1022.referral.reports.ComplianceReports.HospitalCompliance;

/**
 * The steering committee's compliance report (báo cáo tuân thủ): did each hospital answer 1022's referrals, how, and
 * how fast. Every hospital of the selection has a row, also one that was never asked (all zeros).
 */
@Path("/api/v1/reports/compliance")
@Tag(name = "Reports")
public class ComplianceResource {

    /** Dates without a time are days in Vietnam (ICT, UTC+7). */
    static final String CSV = "text/csv";
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    @Inject
    ComplianceReports reports;

    @Inject
    HospitalScope scope;

    /** JSON, or CSV for the committee's spreadsheet when the client asks for {@code text/csv} first. */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @RolesAllowed({ Roles.DISPATCHER, Roles.HOSPITAL_STAFF, Roles.OPS, Roles.ADMIN })
    public Response get(@QueryParam("provinceCode") String provinceCode, @QueryParam("from") String from,
            @QueryParam("to") String to, @Context HttpHeaders headers) {
        ComplianceReport report = report(provinceCode, from, to);
        boolean csv = headers.getAcceptableMediaTypes().stream().filter(t -> !t.isWildcardType()).findFirst()
                .map(t -> t.isCompatible(MediaType.valueOf(CSV))).orElse(false);
        return csv ? Response.ok(csv(report)).type(CSV + "; charset=UTF-8").build()
                : Response.ok(report).type(MediaType.APPLICATION_JSON).build();
    }

    ComplianceReport report(String provinceCode, String from, String to) {
        if (provinceCode != null && !provinceCode.matches("\\d{2}")) {
            throw ProblemException.invalidField("provinceCode", "must be a 2-digit province code");
        }
        Instant start = from == null ? Instant.EPOCH : parse("from", from, false);
        Instant end = to == null ? Instant.now() : parse("to", to, true);
        if (!start.isBefore(end)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        if (provinceCode != null && scope.restrictedTo().isEmpty() && !scope.area().coversProvince(provinceCode)) {
            throw ProblemException.forbidden("The report is for your own provinces only");
        }
        return new ComplianceReport(provinceCode, from == null ? null : start, end,
                reports.rows(provinceCode, start, end, scope.restrictedTo().orElse(null),
                        scope.restrictedTo().isPresent() || scope.area().unrestricted() ? null
                                : scope.area().provinces()));
    }

    /** The same rows as CSV (RFC 4180), one column per rejection reason. */
    static String csv(ComplianceReport report) {
        List<String> reasons = List.of("NO_BEDS", "NO_SPECIALTY", "NO_STAFF", "OTHER");
        StringBuilder out = new StringBuilder("hospital_code,hospital_name,province_code,referrals,accepted,rejected,"
                + String.join(",", reasons.stream().map(r -> "rejected_" + r.toLowerCase()).toList())
                + ",expired,unanswered,median_minutes_to_answer\r\n");
        for (HospitalCompliance h : report.hospitals()) {
            out.append(h.hospitalCode()).append(',').append(csvText(h.hospitalName())).append(',')
                    .append(h.provinceCode()).append(',').append(h.referrals()).append(',').append(h.accepted())
                    .append(',').append(h.rejected());
            for (String reason : reasons) {
                out.append(',').append(h.rejectedByReason().getOrDefault(reason, 0L));
            }
            out.append(',').append(h.expired()).append(',').append(h.unanswered()).append(',')
                    .append(h.medianMinutesToAnswer() == null ? "" : h.medianMinutesToAnswer().toPlainString())
                    .append("\r\n");
        }
        return out.toString();
    }

    /** An instant (2021-08-01T00:00:00Z) or a day in Vietnam (2021-08-01); a day as {@code to} includes that day. */
    private static Instant parse(String field, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(VIETNAM).toInstant();
            }
            Instant instant = Instant.parse(value);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw ProblemException.invalidField(field, "must be between the years 2000 and 2200");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a date (2021-08-31) or an instant (2021-08-31T17:00:00Z)");
        }
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

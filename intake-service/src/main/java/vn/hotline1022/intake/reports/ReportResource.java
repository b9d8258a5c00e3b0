package vn.hotline1022.intake.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;

@Path("/api/v1/reports")
@Tag(name = "Reports")
public class ReportResource {

    static final String CSV = "text/csv";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Inject
    WeeklyReport reports;

    @Inject
    WeeklyReportIssuer issuer;

    @GET
    @Path("/weekly/issued")
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The last 50 weekly reports issued to officials (every Monday 07:00, per province and district)")
    public java.util.List<WeeklyReportIssuer.Issued> issued() {
        return issuer.recent(50);
    }

    @GET
    @Path("/weekly")
    @RolesAllowed({ Roles.OPS, Roles.ADMIN })
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @Operation(summary = "Seven local days from `from`: counts by need, district and status, median and p90 minutes to"
            + " first action and to resolution, SLA breaches, repeat-call rate; JSON, or CSV with Accept: text/csv")
    public Response weekly(@QueryParam("from") @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}",
            message = "must be a date, YYYY-MM-DD") String from, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        LocalDate day;
        try {
            day = LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("from", "must be a date, YYYY-MM-DD");
        }
        Instant start = day.atStartOfDay(VIETNAM).toInstant();
        Instant end = day.plusDays(7).atStartOfDay(VIETNAM).toInstant();
        WeeklyReport.Report report = reports.of(day, start, end, Instant.now());
        if (accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(WeeklyReport.csv(report), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"hotline1022-week-" + day + ".csv\"")
                    .build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }
}

package vn.hotline1022.ops.trace;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.ops.signals.AlertSignals;

@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.OPS, Roles.ADMIN })
public class TraceResource {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** How far back a trace by id reads when not told. */
    private static final Duration DEFAULT_LOOKBACK = Duration.ofDays(7);
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    @Inject
    CaseTrace traces;

    @Inject
    AlertSignals signals;

    public record TraceView(UUID caseId, String caseCode, java.util.List<TracedEvent> events) {
    }

    @GET
    @Path("/{caseId}/trace")
    @Operation(summary = "Every event of a case across all topics, in order, with the time from CallReceived")
    public TraceView byId(@PathParam("caseId") UUID caseId, @QueryParam("from") @Size(max = 40) String from) {
        Instant since;
        try {
            since = from == null ? Instant.now().minus(DEFAULT_LOOKBACK) : Instant.parse(from);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("from", "must be an ISO-8601 instant, e.g. 2021-08-17T02:00:00Z");
        }
        if (since.isBefore(EARLIEST) || since.isAfter(Instant.now().plus(Duration.ofDays(1)))) {
            throw ProblemException.invalidField("from", "must be between 2000-01-01 and today");
        }
        return new TraceView(caseId, null, traces.trace(caseId, since).events());
    }

    @GET
    @Path("/trace")
    @Operation(summary = "The trace of a case by the code read out on the phone, e.g. BD-20210817-0042-K7Q")
    public TraceView byCode(@QueryParam("caseCode") @NotBlank
            @Pattern(regexp = "[A-Z]{2,3}-\\d{8}-\\d{4}(-[A-Z0-9]{3})?", message = "must be a case code, e.g. BD-20210817-0042-K7Q")
            String caseCode) {
        UUID caseId = signals.caseIdOf(caseCode).orElseThrow(() -> ProblemException.notFound("Case " + caseCode));
        // The code carries the case's day (in Vietnam): read from the day before, to be safe at midnight.
        Instant since;
        try {
            since = LocalDate.parse(caseCode.split("-")[1], DateTimeFormatter.BASIC_ISO_DATE).minusDays(1)
                    .atStartOfDay(VIETNAM).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("caseCode", "has no valid date");
        }
        return new TraceView(caseId, caseCode, traces.trace(caseId, since).events());
    }
}

package vn.hotline1022.referral.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
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

    @Inject
    EntityManager em;

    @Inject
    HospitalScope scope;

    /**
     * @param referrals           hospital asked (every attempt counts, re-routed cases at each hospital)
     * @param accepted            accepted, whatever the admission outcome later
     * @param rejectedByReason    NO_BEDS, NO_SPECIALTY, NO_STAFF, OTHER → count
     * @param expired             not answered by the deadline
     * @param unanswered          still pending or received, deadline not reached yet
     * @param medianMinutesToAnswer median time from referral to acceptance or rejection; null when none answered.
     *                              Expired referrals are left out (they were never answered) and counted apart.
     */
    public record HospitalCompliance(UUID hospitalId, String hospitalCode, String hospitalName, String provinceCode,
            long referrals, long accepted, long rejected, Map<String, Long> rejectedByReason, long expired,
            long unanswered, BigDecimal medianMinutesToAnswer) {
    }

    /** {@code from} inclusive, {@code to} exclusive, on the time the hospital was asked. */
    public record ComplianceReport(String provinceCode, Instant from, Instant to, List<HospitalCompliance> hospitals) {
    }

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
        return new ComplianceReport(provinceCode, from == null ? null : start, end,
                rows(provinceCode, start, end, scope.restrictedTo().orElse(null)));
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

    private List<HospitalCompliance> rows(String provinceCode, Instant from, Instant to, UUID ownHospital) {
        String where = (provinceCode == null ? "" : " and h.province_code = :province")
                + (ownHospital == null ? "" : " and h.id = :own");
        Query counts = em.createNativeQuery("""
                select h.id, h.code, h.name, h.province_code,
                       count(r.id),
                       count(r.id) filter (where r.status in ('ACCEPTED', 'COMPLETED', 'FAILED')),
                       count(r.id) filter (where r.status = 'REJECTED'),
                       count(r.id) filter (where r.status = 'EXPIRED'),
                       count(r.id) filter (where r.status in ('PENDING', 'RECEIVED')),
                       percentile_cont(0.5) within group (order by extract(epoch from r.answered_at - r.referred_at))
                           filter (where r.answered_at is not null)
                  from hospital h
                  left join referral r on r.hospital_id = h.id and r.referred_at >= :from and r.referred_at < :to
                 where true""" + where + """

                 group by h.id, h.code, h.name, h.province_code
                 order by h.province_code, h.name
                """);
        Query reasons = em.createNativeQuery("""
                select r.hospital_id, r.rejection_reason, count(*)
                  from referral r join hospital h on h.id = r.hospital_id
                 where r.status = 'REJECTED' and r.referred_at >= :from and r.referred_at < :to""" + where + """

                 group by r.hospital_id, r.rejection_reason
                """);
        for (Query q : List.of(counts, reasons)) {
            q.setParameter("from", from).setParameter("to", to);
            if (provinceCode != null) {
                q.setParameter("province", provinceCode);
            }
            if (ownHospital != null) {
                q.setParameter("own", ownHospital);
            }
        }
        Map<UUID, Map<String, Long>> byReason = new LinkedHashMap<>();
        for (Object row : reasons.getResultList()) {
            Object[] c = (Object[]) row;
            byReason.computeIfAbsent((UUID) c[0], k -> new TreeMap<>()).put((String) c[1], ((Number) c[2]).longValue());
        }
        List<HospitalCompliance> result = new ArrayList<>();
        for (Object row : counts.getResultList()) {
            Object[] c = (Object[]) row;
            UUID id = (UUID) c[0];
            BigDecimal median = c[9] == null ? null
                    : BigDecimal.valueOf(((Number) c[9]).doubleValue() / 60).setScale(1, RoundingMode.HALF_UP);
            result.add(new HospitalCompliance(id, (String) c[1], (String) c[2], (String) c[3], n(c[4]), n(c[5]),
                    n(c[6]), byReason.getOrDefault(id, Map.of()), n(c[7]), n(c[8]), median));
        }
        return result;
    }

    /** An instant (2021-08-01T00:00:00Z) or a day in Vietnam (2021-08-01); a day as {@code to} includes that day. */
    private static Instant parse(String field, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(VIETNAM).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a date (2021-08-31) or an instant (2021-08-31T17:00:00Z)");
        }
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

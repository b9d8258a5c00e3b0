package vn.hotline1022.intake.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import vn.hotline1022.intake.geography.AdminUnits;

/**
 * The weekly report the steering committees asked for (báo cáo tuần): the cases opened in seven local days, how they
 * were served and how fast. Breaches are counted as of the moment of the report.
 */
@ApplicationScoped
public class WeeklyReport {

    public record Minutes(Double median, Double p90, long cases) {
    }

    public record Report(LocalDate from, LocalDate to, long cases, long calls, long repeatCalls,
            double repeatCallRate, Map<String, Long> byNeed, Map<String, Long> byDistrict, Map<String, Long> byStatus,
            Minutes toFirstAction, Minutes toResolution, long slaBreaches, long escalated,
            OutcomeFigures.Figures outcomes) {
    }

    /** Cases opened in the window, ?1 and ?2 being its start and end instants. */
    private static final String WINDOW = " from hotline_case where opened_at >= ?1 and opened_at < ?2";
    private static final java.util.regex.Pattern AREA_CODE = java.util.regex.Pattern.compile("\\d{2,3}");

    /** A province ({@code PROVINCE}, 2-digit code) or a district ({@code DISTRICT}, 3 digits); null: everywhere. */
    public record Area(String level, String code) {

        public Area {
            if (!("PROVINCE".equals(level) || "DISTRICT".equals(level)) || code == null
                    || !AREA_CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("not an area: " + level + " " + code);
            }
        }

        /** SQL condition on {@code hotline_case} (alias {@code c.} or none); the code is digits only, checked above. */
        String condition(String alias) {
            return " and " + alias + ("PROVINCE".equals(level) ? "province_code" : "district_code") + " = '" + code
                    + "'";
        }
    }

    @Inject
    EntityManager em;

    @Inject
    AdminUnits units;

    @Inject
    OutcomeFigures outcomeFigures;

    /** The (province, district) pairs with cases opened in the window, in code order: the areas to report on. */
    @SuppressWarnings("unchecked")
    @jakarta.transaction.Transactional
    public List<Object[]> districtsWithCases(Instant start, Instant end) {
        return em.createNativeQuery("select distinct province_code, district_code" + WINDOW + " order by 1, 2")
                .setParameter(1, start).setParameter(2, end).getResultList();
    }

    @jakarta.transaction.Transactional
    public Report of(LocalDate from, Instant start, Instant end, Instant now) {
        return of(from, start, end, now, null);
    }

    /** As {@link #of(LocalDate, Instant, Instant, Instant)}, for the cases of one area only. */
    @jakarta.transaction.Transactional
    public Report of(LocalDate from, Instant start, Instant end, Instant now, Area area) {
        String inArea = area == null ? "" : area.condition("");
        String window = WINDOW + inArea;
        Map<String, Long> byNeed = counts("select n, count(*) from hotline_case, unnest(needs) n"
                + " where opened_at >= ?1 and opened_at < ?2" + inArea + " group by n order by count(*) desc, n",
                start, end);
        Map<String, Long> byDistrict = new LinkedHashMap<>();
        counts("select district_code, count(*)" + window + " group by district_code order by count(*) desc,"
                + " district_code", start, end).forEach((code, n) -> byDistrict.put(
                        code + " " + units.district(code).map(AdminUnits.District::name).orElse(""), n));
        Map<String, Long> byStatus = counts("select status, count(*)" + window + " group by status order by status",
                start, end);
        Object[] calls = (Object[]) em.createNativeQuery("""
                select count(*), count(*) filter (where k.call_id <> c.first_call_id)
                from case_call k join hotline_case c on c.id = k.case_id
                where k.received_at >= ?1 and k.received_at < ?2
                """ + (area == null ? "" : area.condition("c."))).setParameter(1, start).setParameter(2, end)
                .getSingleResult();
        long callCount = ((Number) calls[0]).longValue();
        long repeats = ((Number) calls[1]).longValue();
        Object[] sla = (Object[]) em.createNativeQuery("""
                select count(*),
                       count(*) filter (where (first_action_at is null and first_action_due < ?3)
                                           or first_action_at > first_action_due
                                           or (resolved_at is null and resolution_due < ?3)
                                           or resolved_at > resolution_due or reopen_count > 0),
                       count(*) filter (where escalation_level > 0)
                """ + window).setParameter(1, start).setParameter(2, end).setParameter(3, now).getSingleResult();
        return new Report(from, from.plusDays(6), ((Number) sla[0]).longValue(), callCount, repeats,
                callCount == 0 ? 0 : Math.round(1000.0 * repeats / callCount) / 1000.0, byNeed, byDistrict, byStatus,
                minutes("first_action_at", start, end, inArea), minutes("resolved_at", start, end, inArea),
                ((Number) sla[1]).longValue(), ((Number) sla[2]).longValue(),
                outcomeFigures.of(start, end, area == null ? "" : area.condition("c.")));
    }

    private Minutes minutes(String column, Instant start, Instant end, String inArea) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select percentile_cont(0.5) within group (order by m), percentile_cont(0.9) within group (order by m),
                       count(m)
                from (select extract(epoch from (%1$s - opened_at)) / 60.0 as m
                      from hotline_case where opened_at >= ?1 and opened_at < ?2 and %1$s is not null%2$s) t
                """.formatted(column, inArea)).setParameter(1, start).setParameter(2, end).getSingleResult();
        return new Minutes(round(row[0]), round(row[1]), ((Number) row[2]).longValue());
    }

    private static Double round(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
    }

    private Map<String, Long> counts(String sql, Instant start, Instant end) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, start).setParameter(2, end).getResultList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] r : rows) {
            counts.put(String.valueOf(r[0]), ((Number) r[1]).longValue());
        }
        return counts;
    }

    /** One line per figure: {@code section,key,value}; keys with a comma or quote are quoted. */
    public static String csv(Report r) {
        StringBuilder sb = new StringBuilder("section,key,value\n");
        line(sb, "period", "from", r.from());
        line(sb, "period", "to", r.to());
        line(sb, "total", "cases", r.cases());
        line(sb, "total", "calls", r.calls());
        line(sb, "total", "repeat_calls", r.repeatCalls());
        line(sb, "total", "repeat_call_rate", r.repeatCallRate());
        line(sb, "total", "sla_breaches", r.slaBreaches());
        line(sb, "total", "escalated", r.escalated());
        r.byNeed().forEach((k, v) -> line(sb, "need", k, v));
        r.byDistrict().forEach((k, v) -> line(sb, "district", k, v));
        r.byStatus().forEach((k, v) -> line(sb, "status", k, v));
        line(sb, "minutes_to_first_action", "median", r.toFirstAction().median());
        line(sb, "minutes_to_first_action", "p90", r.toFirstAction().p90());
        line(sb, "minutes_to_resolution", "median", r.toResolution().median());
        line(sb, "minutes_to_resolution", "p90", r.toResolution().p90());
        r.outcomes().byOutcome().forEach((k, v) -> line(sb, "outcome", k, v));
        r.outcomes().minutesToOutcome().forEach((k, v) -> {
            line(sb, "minutes_to_outcome_median", k, v.median());
            line(sb, "minutes_to_outcome_p90", k, v.p90());
        });
        line(sb, "total", "reopened_needs", r.outcomes().reopenedNeeds());
        line(sb, "total", "callers_3_plus_without_outcome", r.outcomes().callersWithoutOutcome());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String section, String key, Object value) {
        sb.append(section).append(',').append(quote(key)).append(',').append(value == null ? "" : value).append('\n');
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

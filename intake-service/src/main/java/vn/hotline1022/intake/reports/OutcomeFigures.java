package vn.hotline1022.intake.reports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import vn.hotline1022.intake.cases.OutcomeWords;
import vn.hotline1022.intake.cases.Track;

/**
 * What the reports count of outcomes (kết quả) for the cases opened in a window: how each kind of help ended, how long
 * from the call to its outcome, how many needs came back, and the callers who rang three times or more with nothing
 * come of it yet. Names, not codes: the keys are the words people read.
 */
@ApplicationScoped
public class OutcomeFigures {

    /**
     * @param byOutcome             "kind of help: outcome" → tracks ended so
     * @param minutesToOutcome      kind of help → minutes from the call to its outcome (median, p90, how many)
     * @param reopenedNeeds         tracks opened again at least once (a repeat call, "help did not come", an agent)
     * @param callersWithoutOutcome cases called about 3 times or more with no track ended yet
     */
    public record Figures(Map<String, Long> byOutcome, Map<String, WeeklyReport.Minutes> minutesToOutcome,
            long reopenedNeeds, long callersWithoutOutcome) {
    }

    private static final String CASES = " from hotline_case c join case_track t on t.case_id = c.id"
            + " where c.opened_at >= ?1 and c.opened_at < ?2";

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    Figures of(Instant start, Instant end, String inArea) {
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) query("select t.track, t.outcome, count(*)" + CASES
                + " and t.outcome is not null" + inArea + " group by 1, 2 order by 3 desc, 1, 2", start, end)
                .getResultList()) {
            byOutcome.put(Track.valueOf((String) r[0]).vi() + ": " + OutcomeWords.vi((String) r[1]),
                    ((Number) r[2]).longValue());
        }
        Map<String, WeeklyReport.Minutes> minutes = new LinkedHashMap<>();
        for (Object[] r : (List<Object[]>) query("""
                select t.track, percentile_cont(0.5) within group (order by m), percentile_cont(0.9) within group
                       (order by m), count(*)
                from (select t.track, extract(epoch from (t.outcome_at - c.opened_at)) / 60.0 as m""" + CASES
                + " and t.outcome_at is not null" + inArea + ") t group by 1 order by 1", start, end).getResultList()) {
            minutes.put(Track.valueOf((String) r[0]).vi(), new WeeklyReport.Minutes(round(r[1]), round(r[2]),
                    ((Number) r[3]).longValue()));
        }
        long reopened = ((Number) query("select count(*)" + CASES + " and t.reopen_count > 0" + inArea, start, end)
                .getSingleResult()).longValue();
        long waiting = ((Number) query("""
                select count(*) from hotline_case c
                where c.opened_at >= ?1 and c.opened_at < ?2 and c.repeat_count >= 3
                  and not exists (select 1 from case_track t where t.case_id = c.id and t.outcome is not null)"""
                + inArea, start, end).getSingleResult()).longValue();
        return new Figures(byOutcome, minutes, reopened, waiting);
    }

    private jakarta.persistence.Query query(String sql, Instant start, Instant end) {
        return em.createNativeQuery(sql).setParameter(1, start).setParameter(2, end);
    }

    private static Double round(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
    }
}

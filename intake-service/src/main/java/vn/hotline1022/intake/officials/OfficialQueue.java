package vn.hotline1022.intake.officials;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import vn.hotline1022.commons.security.OfficialArea;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.CaseSearch;

/**
 * An official's work list: the unresolved cases of their area that need an official, filtered in the query (the area
 * and the kind), so that a page holds only their cases and the total counts only theirs. Most urgent first: priority,
 * then the level reached, then the newest.
 */
@ApplicationScoped
public class OfficialQueue {

    /** Which cases: escalated past the ward, overdue, violation reports (phản ánh vi phạm), or the official's own. */
    public enum Kind {
        ESCALATED("escalation_level > 0"),
        OVERDUE(null),
        VIOLATION("'VIOLATION_REPORT' = any(needs)"),
        OWNED(null);

        private final String condition;

        Kind(String condition) {
            this.condition = condition;
        }
    }

    @Inject
    EntityManager em;

    /** @param kind null: every kind at once */
    public CaseSearch.Page list(Kind kind, OfficialArea area, String official, int page, int size, Instant now) {
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        where.add("status <> 'RESOLVED'");
        if (!area.unrestricted()) {
            List<String> inArea = new ArrayList<>();
            inArea.add(in("district_code", area.districts(), params));
            inArea.add(in("ward_code", area.wards(), params));
            where.add("(" + String.join(" or ", inArea) + ")");
        }
        List<String> kinds = new ArrayList<>();
        for (Kind k : kind == null ? List.of(Kind.values()) : List.of(kind)) {
            kinds.add(switch (k) {
                case OVERDUE -> {
                    params.add(now);
                    yield CaseSearch.OVERDUE.formatted("?" + params.size());
                }
                case OWNED -> {
                    params.add(official);
                    yield "official_owner = ?" + params.size();
                }
                default -> k.condition;
            });
        }
        where.add("(" + String.join(" or ", kinds) + ")");
        String condition = String.join(" and ", where);
        Query count = em.createNativeQuery("select count(*) from hotline_case where " + condition);
        Query select = em.createNativeQuery("select * from hotline_case where " + condition
                + " order by priority desc, escalation_level desc, opened_at desc, id limit " + size + " offset "
                + ((long) page * size), HotlineCase.class);
        for (int i = 0; i < params.size(); i++) {
            count.setParameter(i + 1, params.get(i));
            select.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<HotlineCase> items = select.getResultList();
        return new CaseSearch.Page(items, ((Number) count.getSingleResult()).longValue());
    }

    /** {@code column in (?1, ?2)}; {@code false} for no codes (an official with wards only, or districts only). */
    private static String in(String column, Set<String> codes, List<Object> params) {
        if (codes.isEmpty()) {
            return "false";
        }
        List<String> marks = new ArrayList<>();
        for (String code : codes) {
            params.add(code);
            marks.add("?" + params.size());
        }
        return column + " in (" + String.join(", ", marks) + ")";
    }
}

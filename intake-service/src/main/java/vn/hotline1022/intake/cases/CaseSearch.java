package vn.hotline1022.intake.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import vn.hotline1022.events.common.Need;
import vn.hotline1022.text.PhoneNumbers;
import vn.hotline1022.text.SearchText;
import vn.hotline1022.commons.security.Scope;

/** Work queues and search: every filter optional, most urgent first, paged. */
@ApplicationScoped
public class CaseSearch {

    /** A missed clock or a reopened case (see {@link HotlineCase#overdue}); {@code %1$s} is the parameter of now. */
    public static final String OVERDUE = "(status <> 'RESOLVED'"
            + " and ((first_action_at is null and first_action_due < %1$s)"
            + " or resolution_due < %1$s or reopen_count > 0))";

    /**
     * @param statuses empty: every status
     * @param q        a case code, or name, phone or address words, diacritics ignored; a phone in any spelling is
     *                 matched whole
     */
    public record Filter(List<CaseStatus> statuses, String districtCode, String wardCode, Need need,
            Integer minPriority, Boolean overdue, String agentId, String q) {
    }

    public record Page(List<HotlineCase> items, long total) {
    }

    private static final Pattern CASE_CODE = Pattern.compile(CaseCodes.PATTERN);

    @Inject
    EntityManager em;

    /** The cases of {@code scope} only: none for an empty scope (a token without an area), all for an admin's. */
    public Page find(Filter f, Scope scope, int page, int size, Instant now) {
        if (scope.isEmpty()) {
            return new Page(List.of(), 0);
        }
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (!scope.unrestricted()) {
            where.add(in("province_code", scope.provinces(), params));
            if (!scope.districts().isEmpty()) {
                where.add(in("district_code", scope.districts(), params));
            }
        }
        if (!f.statuses().isEmpty()) {
            List<String> marks = new ArrayList<>();
            for (CaseStatus s : f.statuses()) {
                params.add(s.name());
                marks.add("?" + params.size());
            }
            where.add("status in (" + String.join(", ", marks) + ")");
        }
        add(where, params, "district_code = ?", f.districtCode());
        add(where, params, "ward_code = ?", f.wardCode());
        add(where, params, "? = any(needs)", f.need() == null ? null : f.need().name());
        add(where, params, "priority >= ?", f.minPriority());
        add(where, params, "agent_id = ?", f.agentId());
        if (f.overdue() != null) {
            params.add(now);
            String overdue = OVERDUE.formatted("?" + params.size());
            where.add(f.overdue() ? overdue : "not " + overdue);
        }
        if (f.q() != null && CASE_CODE.matcher(f.q().strip().toUpperCase()).matches()) {
            add(where, params, "code = ?", f.q().strip().toUpperCase()); // the code the caller reads out
        } else if (f.q() != null && !f.q().isBlank()) {
            List<String> terms = PhoneNumbers.normalise(f.q()).map(List::of)
                    .orElseGet(() -> List.of(SearchText.normalise(f.q()).split(" ")));
            for (String term : terms) {
                if (!term.isEmpty()) {
                    add(where, params, "search_text like ? escape '\\'", "%" + escapeLike(term) + "%");
                }
            }
        }
        String condition = where.isEmpty() ? "true" : String.join(" and ", where);
        Query count = em.createNativeQuery("select count(*) from hotline_case where " + condition);
        Query select = em.createNativeQuery("select * from hotline_case where " + condition
                + " order by priority desc, opened_at, id limit " + size + " offset " + ((long) page * size),
                HotlineCase.class);
        for (int i = 0; i < params.size(); i++) {
            count.setParameter(i + 1, params.get(i));
            select.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<HotlineCase> items = select.getResultList();
        return new Page(items, ((Number) count.getSingleResult()).longValue());
    }

    private static String in(String column, java.util.Set<String> codes, List<Object> params) {
        List<String> marks = new ArrayList<>();
        for (String code : codes) {
            params.add(code);
            marks.add("?" + params.size());
        }
        return column + " in (" + String.join(", ", marks) + ")";
    }

    private static void add(List<String> where, List<Object> params, String clause, Object value) {
        if (value != null) {
            params.add(value);
            where.add(clause.replace("?", "?" + params.size()));
        }
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

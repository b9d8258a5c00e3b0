package vn.hotline1022.referral.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/** The figures of the compliance report (báo cáo tuân thủ), per hospital, from the referrals. */
@ApplicationScoped
public class ComplianceReports {

    @Inject
    EntityManager em;

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

    /** Every hospital of the selection, also one never asked (all zeros); {@code ownHospital} limits it to one. */
    @Transactional
    /** @param provinces the caller's provinces, or null when the caller is not limited to some (admin, own hospital) */
    public List<HospitalCompliance> rows(String provinceCode, Instant from, Instant to, UUID ownHospital,
            java.util.Set<String> provinces) {
        String where = (provinceCode == null ? "" : " and h.province_code = :province")
                + (ownHospital == null ? "" : " and h.id = :own")
                + (provinces == null ? "" : provinces.isEmpty() ? " and false" : " and h.province_code in (:provinces)");
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
            if (provinces != null && !provinces.isEmpty()) {
                q.setParameter("provinces", provinces);
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

    private static long n(Object o) {
        return ((Number) o).longValue();
    }
}

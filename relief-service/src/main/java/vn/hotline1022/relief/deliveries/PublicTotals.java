package vn.hotline1022.relief.deliveries;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.persistence.EntityManager;

/**
 * Public totals of a province's relief (công khai): what each programme handed out and what each donor brought. Counts
 * only, so nothing in it can lead back to a household.
 */
@ApplicationScoped
public class PublicTotals {

    @Inject
    EntityManager em;

    /** @param amountVndDelivered cash handed over, in đồng */
    public record ProgrammeTotal(String code, String name, long waiting, long scheduled, long delivered,
            long amountVndDelivered) {
    }

    /** @param packagesArrived packages of consignments received; packagesExpected announced, not arrived yet */
    public record DonorTotal(String code, String name, String kind, long consignmentsArrived, long packagesArrived,
            long packagesExpected) {
    }

    public record Totals(String provinceCode, List<ProgrammeTotal> programmes, List<DonorTotal> donors) {
    }

    @Transactional
    public Totals of(String provinceCode) {
        @SuppressWarnings("unchecked")
        List<Object[]> programmes = em.createNativeQuery("""
                select p.code, p.name,
                       count(d.id) filter (where d.status = 'WAITING'),
                       count(d.id) filter (where d.status = 'SCHEDULED'),
                       count(d.id) filter (where d.status = 'DELIVERED'),
                       coalesce(p.amount_vnd, 0)::numeric * count(d.id) filter (where d.status = 'DELIVERED')
                  from programme p left join delivery d on d.programme_code = p.code
                 where p.province_code = ?1
                 group by p.code, p.name, p.amount_vnd
                 order by p.code
                """).setParameter(1, provinceCode).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> donors = em.createNativeQuery("""
                select dn.code, dn.name, dn.kind,
                       count(c.id) filter (where c.status = 'ARRIVED'),
                       coalesce(sum(c.quantity) filter (where c.status = 'ARRIVED'), 0),
                       coalesce(sum(c.quantity) filter (where c.status = 'EXPECTED'), 0)
                  from donor dn
                  join consignment c on c.donor_code = dn.code
                  join programme p on p.code = c.programme_code
                 where p.province_code = ?1
                 group by dn.code, dn.name, dn.kind
                 order by dn.code
                """).setParameter(1, provinceCode).getResultList();
        return new Totals(provinceCode,
                programmes.stream().map(r -> new ProgrammeTotal((String) r[0], (String) r[1], n(r[2]), n(r[3]),
                        n(r[4]), n(r[5]))).toList(),
                donors.stream().map(r -> new DonorTotal((String) r[0], (String) r[1], (String) r[2], n(r[3]), n(r[4]),
                        n(r[5]))).toList());
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}

package vn.hotline1022.relief.programmes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

/**
 * Raises a low-stock alert when an allocation brings a programme's stock to or below its threshold, once per crossing:
 * a flag on the programme row, set here and cleared by {@link vn.hotline1022.relief.warehouses.Stock#add} once stock is above it again.
 */
@ApplicationScoped
public class LowStockAlerts {

    private static final Logger LOG = Logger.getLogger(LowStockAlerts.class);

    @Inject
    EntityManager em;

    /**
     * Called right after a package was taken, in the same transaction: the programme row is already locked by the
     * take, so two allocations can never both see the crossing.
     */
    public void afterTake(String programmeCode) {
        int crossed = em.createNativeQuery("""
                update programme set low_stock_alerted = true
                 where code = ?1 and stock <= low_stock_threshold and not low_stock_alerted
                """)
                .setParameter(1, programmeCode)
                .executeUpdate();
        if (crossed == 0) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select p.province_code, p.stock, p.low_stock_threshold,
                       (select count(*) from delivery d where d.programme_code = p.code and d.status = 'WAITING')
                  from programme p where p.code = ?1
                """)
                .setParameter(1, programmeCode)
                .getResultList();
        Object[] row = rows.get(0);
        LowStockAlert alert = new LowStockAlert();
        alert.id = UUID.randomUUID();
        alert.programmeCode = programmeCode;
        alert.provinceCode = (String) row[0];
        alert.stock = ((Number) row[1]).intValue();
        alert.lowStockThreshold = ((Number) row[2]).intValue();
        alert.waiting = ((Number) row[3]).longValue();
        alert.raisedAt = Instant.now();
        alert.persist();
        LOG.warnf("Programme %s low on stock: %d left, threshold %d, %d requests waiting", programmeCode, alert.stock,
                alert.lowStockThreshold, alert.waiting);
    }
}

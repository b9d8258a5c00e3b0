package vn.hotline1022.relief.deliveries;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import vn.hotline1022.relief.households.Household;
import vn.hotline1022.relief.households.Households;
import vn.hotline1022.relief.programmes.Programme;
import vn.hotline1022.relief.programmes.StockArrived;

/** Stock arriving at a warehouse releases the programme's waiting requests, oldest first, nearest warehouse first. */
@ApplicationScoped
public class StockRelease {

    private static final Logger LOG = Logger.getLogger(StockRelease.class);

    @Inject
    Households households;

    @Inject
    DeliveryOutcomes outcomes;

    /**
     * Packages arrived (hàng về): schedules the programme's waiting requests, oldest first, each from the warehouse
     * nearest it. Each is checked again, since a probable duplicate may have been served while it waited.
     */
    void onStockArrived(@Observes StockArrived arrived) {
        String programmeCode = arrived.programmeCode();
        Programme p = Programme.findByCode(programmeCode);
        int scheduled = 0;
        if (p.active) {
            for (Delivery waiting : Delivery.lockWaiting(programmeCode)) {
                Household h = households.lock(waiting.householdId);
                households.lockFamily(h);
                if (outcomes.capReached(h.id, p)) {
                    outcomes.refuse(waiting, Delivery.Reason.CAP_REACHED, DeliveryOutcomes.capDetail(p));
                    continue;
                }
                Households.Match match = waiting.reviewDecision == null ? outcomes.probableDuplicate(h, p) : null;
                if (match != null) {
                    outcomes.refuseDuplicate(waiting, match, p);
                    continue;
                }
                DeliveryOutcomes.CrossMatch cross = waiting.reviewDecision == null ? outcomes.otherProgramme(h, waiting, p) : null;
                if (cross != null) {
                    outcomes.refuseDuplicate(waiting, cross, p);
                    continue;
                }
                if (!outcomes.take(p, waiting)) {
                    break;
                }
                outcomes.schedule(waiting, p, Instant.now());
                scheduled++;
            }
        }
        LOG.infof("Programme %s: %d packages arrived at %s, %d waiting requests scheduled", programmeCode,
                arrived.quantity(), arrived.warehouseCode(), scheduled);
    }
}

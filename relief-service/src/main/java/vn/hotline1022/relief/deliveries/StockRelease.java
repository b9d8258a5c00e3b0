package vn.hotline1022.relief.deliveries;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.relief.households.Household;
import vn.hotline1022.relief.households.Households;
import vn.hotline1022.relief.programmes.Programme;
import vn.hotline1022.relief.warehouses.Stock;
import vn.hotline1022.relief.warehouses.Warehouse;

/** Stock arriving at a warehouse releases the programme's waiting requests, oldest first, nearest warehouse first. */
@ApplicationScoped
public class StockRelease {

    private static final Logger LOG = Logger.getLogger(StockRelease.class);

    @Inject
    Households households;

    @Inject
    Stock stock;

    @Inject
    DeliveryOutcomes outcomes;

    /**
     * A consignment arrived (hàng về) at a warehouse (the province's when null): adds it to stock and schedules waiting
     * requests, oldest first, each from the warehouse nearest it. Each is checked again, since a probable duplicate may
     * have been served while it waited.
     */
    @Transactional
    public Programme stockArrived(String programmeCode, String warehouseCode, int quantity) {
        Programme p = Programme.findByCode(programmeCode);
        if (p == null) {
            throw ProblemException.notFound("Programme " + programmeCode);
        }
        Programme.lockIfActive(programmeCode); // before anything else, as everywhere
        String to = warehouseFor(p, warehouseCode);
        stock.add(programmeCode, to, quantity);
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
        Programme.getEntityManager().refresh(p);
        LOG.infof("Programme %s: %d packages arrived at %s, %d waiting requests scheduled, %d left in stock",
                programmeCode, quantity, to, scheduled, p.stock);
        return p;
    }

    /** The warehouse stock goes to: the one given, if it is in the programme's province, else the province's own. */
    public String warehouseFor(Programme p, String warehouseCode) {
        if (warehouseCode == null) {
            return stock.provincialWarehouse(p.provinceCode);
        }
        Warehouse w = Warehouse.findByCode(warehouseCode);
        if (w == null) {
            throw ProblemException.invalidField("warehouseCode", "no such warehouse");
        }
        if (!w.provinceCode.equals(p.provinceCode)) {
            throw ProblemException.invalidField("warehouseCode",
                    "is in province " + w.provinceCode + ", the programme serves " + p.provinceCode);
        }
        return w.code;
    }
}

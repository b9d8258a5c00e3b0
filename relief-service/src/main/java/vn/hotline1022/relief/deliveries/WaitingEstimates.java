package vn.hotline1022.relief.deliveries;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.hotline1022.relief.ReliefConfig;
import vn.hotline1022.relief.donors.Consignment;
import vn.hotline1022.relief.programmes.Programme;

/**
 * When a waiting request should reach the household, for the agent asked "when?": waiting requests are served oldest
 * first as stock arrives, so its place in the programme's queue, counted against the stock on hand and then the
 * consignments donors announced (soonest expected first), tells which consignment will serve it.
 */
@ApplicationScoped
public class WaitingEstimates {

    @Inject
    ReliefConfig config;

    /**
     * @return the expected arrival of the consignment that covers the request's place in the queue plus the delivery
     *         lead time; null when the request is not waiting or no consignment announced so far covers it
     */
    public Instant expectedBy(Delivery d) {
        if (d.status != Delivery.Status.WAITING || d.programmeCode == null) {
            return null;
        }
        // Same order as the queue is served in (Delivery.lockWaiting): requested_at, then id.
        long place = Delivery.count("programmeCode = ?1 and status = ?2 and (requestedAt < ?3 or (requestedAt = ?3 "
                + "and id <= ?4))", d.programmeCode, Delivery.Status.WAITING, d.requestedAt, d.id);
        Programme p = Programme.findByCode(d.programmeCode);
        long stillToCover = place - (p == null ? 0 : p.stock);
        if (stillToCover <= 0) {
            return Instant.now().plus(config.deliveryLeadTime()); // stock is there: the next allocation takes it
        }
        List<Consignment> announced = Consignment.list("programmeCode = ?1 and status = ?2 order by expectedAt, id",
                d.programmeCode, Consignment.Status.EXPECTED);
        for (Consignment c : announced) {
            stillToCover -= c.quantity;
            if (stillToCover <= 0) {
                Instant arrival = c.expectedAt.isBefore(Instant.now()) ? Instant.now() : c.expectedAt; // running late
                return arrival.plus(config.deliveryLeadTime());
            }
        }
        return null;
    }
}

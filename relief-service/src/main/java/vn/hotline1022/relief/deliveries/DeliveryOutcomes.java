package vn.hotline1022.relief.deliveries;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.relief.ReliefConfig;
import vn.hotline1022.relief.households.Household;
import vn.hotline1022.relief.households.Households;
import vn.hotline1022.relief.programmes.LowStockAlerts;
import vn.hotline1022.relief.programmes.Programme;
import vn.hotline1022.relief.warehouses.Stock;

/**
 * What can become of a relief request, and the checks that decide it: the cap, probable duplicates (the same family by
 * citizen ID or address, in this programme or another for the same need), stock taken from the nearest warehouse, then
 * SCHEDULED, WAITING (out of stock) or REFUSED, each with its event. Used by the first decision ({@link Allocator}),
 * by stock arriving ({@link StockRelease}) and by an officer's review ({@link DuplicateReviews}).
 */
@ApplicationScoped
public class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);

    @Inject
    Outbox outbox;

    @Inject
    Households households;

    @Inject
    ReliefConfig config;

    @Inject
    LowStockAlerts lowStock;

    @Inject
    Stock stock;

    public boolean capReached(UUID householdId, Programme p) {
        return Delivery.countedAgainstCap(householdId, p.code, p.periodStart(Instant.now())) >= p.perHouseholdCap;
    }

    /** Another household, probably the same family, that is getting or got the programme's package this period. */
    public Households.Match probableDuplicate(Household h, Programme p) {
        Instant since = p.periodStart(Instant.now());
        return households.possibleDuplicates(h).stream()
                .filter(m -> Delivery.receivingOrReceived(m.householdId(), p.code, since))
                .findFirst().orElse(null);
    }

    public void refuseDuplicate(Delivery d, Households.Match match, Programme p) {
        d.duplicateMatch = match.matchedBy();
        d.duplicateOf = match.householdId();
        String why = match.matchedBy().equals("CITIZEN_ID") ? "the same citizen ID" : "a near-identical address";
        refuse(d, Delivery.Reason.DUPLICATE, "Household " + Household.maskedReference(match.householdId()) + ", with "
                + why + ", already has a package of " + p.code + "; an officer may confirm or override");
    }

    /**
     * Takes one package of the programme's stock for the delivery, from the warehouse nearest the household, raising a
     * low-stock alert when this one crosses the threshold.
     */
    public boolean take(Programme p, Delivery d) {
        String from = stock.takeOne(p.code, d.wardCode, d.districtCode);
        if (from == null) {
            return false;
        }
        d.warehouseCode = from;
        lowStock.afterTake(p.code);
        return true;
    }

    /** The same family served by another programme for a need this request shares, and how it was recognised. */
    public record CrossMatch(Delivery other, String matchedBy, List<String> sharedNeeds) {
    }

    /**
     * The household itself (its phone), or a household with its citizen ID or a near-identical address, has a package
     * of another programme (any donor) on the way or received within this programme's cap period, for one of the
     * needs asked for now: paying it again would pay the family twice for one hardship.
     */
    public CrossMatch otherProgramme(Household h, Delivery d, Programme p) {
        Map<UUID, String> family = new java.util.LinkedHashMap<>();
        family.put(h.id, "PHONE");
        households.possibleDuplicates(h).forEach(m -> family.putIfAbsent(m.householdId(), m.matchedBy()));
        for (Delivery other : Delivery.fromOtherProgrammes(family.keySet(), p.code, p.periodStart(Instant.now()))) {
            List<String> shared = other.needs.stream().filter(d.needs::contains).toList();
            if (!shared.isEmpty()) {
                return new CrossMatch(other, family.get(other.householdId), shared);
            }
        }
        return null;
    }

    public void refuseDuplicate(Delivery d, CrossMatch match, Programme p) {
        Delivery other = match.other();
        d.duplicateMatch = match.matchedBy();
        d.duplicateOf = other.householdId.equals(d.householdId) ? null : other.householdId;
        d.duplicateProgramme = other.programmeCode;
        String state = other.status == Delivery.Status.DELIVERED ? "received" : "has on its way";
        String who = d.duplicateOf == null ? "The household"
                : "Household " + Household.maskedReference(other.householdId) + ", with "
                        + (match.matchedBy().equals("CITIZEN_ID") ? "the same citizen ID" : "a near-identical address")
                        + ",";
        refuse(d, Delivery.Reason.DUPLICATE, who + " " + state + " a package for " + String.join(", ",
                match.sharedNeeds()) + " from programme " + other.programmeCode
                + (p.capPeriod == null ? "" : " this period") + "; an officer may confirm or override");
    }

    public void queue(Delivery d, Programme p) {
        d.status = Delivery.Status.WAITING;
        d.reason = Delivery.Reason.OUT_OF_STOCK;
        d.detail = "Programme " + p.code + " is out of stock; the request is scheduled when stock arrives";
        if (!d.isPersistent()) {
            d.persist();
        }
        outbox.publish(new ReliefRefused(d.caseId, d.caseCode, Instant.now(), d.householdId, p.code,
                d.reason.name(), d.detail, true));
        LOG.infof("Case %s: %s out of stock, request queued", d.caseCode, p.code);
    }

    public void schedule(Delivery d, Programme p, Instant now) {
        d.status = Delivery.Status.SCHEDULED;
        d.reason = null;
        d.detail = null;
        d.scheduledAt = now;
        d.expectedBy = now.plus(config.deliveryLeadTime());
        if (!d.isPersistent()) {
            d.persist();
        }
        // notification-service derives the receipt code (round 0) from the delivery id and texts it to the caller.
        d.recipientCodeRound = 0;
        d.recipientCodeSentAt = now;
        d.recipientCodeFailures = 0;
        outbox.publish(new ReliefScheduled(d.caseId, d.caseCode, now, d.id, d.householdId, p.code, p.itemsForEvent(),
                p.amountVnd, d.wardCode, d.expectedBy));
        LOG.infof("Case %s: %s scheduled as delivery %s from warehouse %s", d.caseCode, p.code, d.id,
                d.warehouseCode);
    }

    public void refuse(Delivery d, Delivery.Reason reason, String detail) {
        d.status = Delivery.Status.REFUSED;
        d.reason = reason;
        d.detail = detail;
        if (!d.isPersistent()) {
            d.persist();
        }
        outbox.publish(new ReliefRefused(d.caseId, d.caseCode, Instant.now(), d.householdId, d.programmeCode,
                reason.name(), detail, false));
        LOG.infof("Case %s: relief refused (%s, programme %s)", d.caseCode, reason,
                d.programmeCode == null ? "none" : d.programmeCode);
    }

    public static String capDetail(Programme p) {
        String period = p.capPeriod == null ? "" : p.capPeriod.equals("MONTH") ? " this month"
                : " in the last " + p.capPeriod.substring(1, p.capPeriod.length() - 1) + " days";
        return "The household has had its " + p.perHouseholdCap + " package(s) of " + p.code + period;
    }
}

package vn.hotline1022.relief.deliveries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import vn.hotline1022.commons.web.ProblemException;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.relief.ReliefConfig;
import vn.hotline1022.relief.households.Household;
import vn.hotline1022.relief.households.Households;
import vn.hotline1022.relief.programmes.Programme;

/**
 * Decides relief for each case: one package per programme covering its needs, unless the household already has one
 * on the way (DUPLICATE), has had its cap (CAP_REACHED), no programme covers the need (INELIGIBLE) or the stock is
 * empty (OUT_OF_STOCK: the request waits for the next consignment).
 *
 * <p>Locking order, everywhere: programme rows (in code order), then the household row. Stock is taken by an atomic
 * conditional update, so it never goes negative however many instances allocate at once.
 */
@ApplicationScoped
public class Allocator {

    private static final Logger LOG = Logger.getLogger(Allocator.class);

    @Inject
    Outbox outbox;

    @Inject
    Households households;

    @Inject
    ReliefConfig config;

    /** Runs inside the inbox transaction of the CallReceived event. */
    public void onCallReceived(CallReceived call) {
        List<Need> needs = call.needs().stream().filter(Need::isRelief).distinct().toList();
        if (needs.isEmpty() || Delivery.count("caseId", call.caseId()) > 0) {
            return; // no relief asked, or already decided (a repeat event under a new id)
        }
        Location at = call.location();
        Map<String, List<Need>> byProgramme = new TreeMap<>(); // sorted: the locking order
        List<Need> uncovered = new ArrayList<>();
        for (Need need : needs) {
            String code = Programme.coveringCode(at.provinceCode(), need);
            if (code == null) {
                uncovered.add(need);
            } else {
                byProgramme.computeIfAbsent(code, c -> new ArrayList<>()).add(need);
            }
        }
        for (var it = byProgramme.entrySet().iterator(); it.hasNext();) {
            var entry = it.next();
            if (!Programme.lockIfActive(entry.getKey())) { // closed in the meantime
                uncovered.addAll(entry.getValue());
                it.remove();
            }
        }
        Household household = households.lockFor(call);
        Instant now = Instant.now();
        byProgramme.forEach((code, covered) -> decide(request(call, household, code, covered, now),
                Programme.findByCode(code)));
        if (!uncovered.isEmpty()) {
            refuse(request(call, household, null, uncovered, now), Delivery.Reason.INELIGIBLE,
                    "No active programme in province " + at.provinceCode() + " covers " + uncovered);
        }
    }

    /** A consignment arrived (hàng về): adds it to stock and schedules waiting requests, oldest first. */
    @Transactional
    public Programme stockArrived(String programmeCode, int quantity) {
        Programme p = Programme.findByCode(programmeCode);
        if (p == null) {
            throw ProblemException.notFound("Programme " + programmeCode);
        }
        Programme.addStock(programmeCode, quantity); // also locks the programme row
        int scheduled = 0;
        if (p.active) {
            for (Delivery waiting : Delivery.lockWaiting(programmeCode)) {
                households.lock(waiting.householdId);
                if (Delivery.countedAgainstCap(waiting.householdId, programmeCode) >= p.perHouseholdCap) {
                    refuse(waiting, Delivery.Reason.CAP_REACHED, capDetail(p));
                    continue;
                }
                if (!Programme.takeOne(programmeCode)) {
                    break;
                }
                schedule(waiting, p, Instant.now());
                scheduled++;
            }
        }
        Programme.getEntityManager().refresh(p);
        LOG.infof("Programme %s: %d packages arrived, %d waiting requests scheduled, %d left in stock", programmeCode,
                quantity, scheduled, p.stock);
        return p;
    }

    /** Ward volunteers handed the package over; counts against the household's cap from now on. */
    @Transactional
    public Delivery confirm(UUID deliveryId, String deliveredBy) {
        Delivery d = Delivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw ProblemException.notFound("Delivery " + deliveryId);
        }
        if (d.status != Delivery.Status.SCHEDULED) {
            throw ProblemException.conflict("Only a scheduled delivery can be confirmed; this one is " + d.status);
        }
        d.status = Delivery.Status.DELIVERED;
        d.deliveredAt = Instant.now();
        d.deliveredBy = deliveredBy;
        outbox.publish(new ReliefDelivered(d.caseId, d.caseCode, d.deliveredAt, d.id, d.householdId, d.programmeCode,
                deliveredBy));
        LOG.infof("Case %s: delivery %s of %s delivered", d.caseCode, d.id, d.programmeCode);
        return d;
    }

    private void decide(Delivery d, Programme p) {
        if (Delivery.pendingFor(d.householdId, p.code)) {
            // Typically another family member calling about the same hardship.
            refuse(d, Delivery.Reason.DUPLICATE,
                    "The household already has a package of " + p.code + " waiting or on its way");
        } else if (Delivery.countedAgainstCap(d.householdId, p.code) >= p.perHouseholdCap) {
            refuse(d, Delivery.Reason.CAP_REACHED, capDetail(p));
        } else if (!Programme.takeOne(p.code)) {
            d.status = Delivery.Status.WAITING;
            d.reason = Delivery.Reason.OUT_OF_STOCK;
            d.detail = "Programme " + p.code + " is out of stock; the request is scheduled when stock arrives";
            d.persist();
            outbox.publish(new ReliefRefused(d.caseId, d.caseCode, d.requestedAt, d.householdId, p.code,
                    d.reason.name(), d.detail, true));
            LOG.infof("Case %s: %s out of stock, request queued", d.caseCode, p.code);
        } else {
            schedule(d, p, d.requestedAt);
        }
    }

    private void schedule(Delivery d, Programme p, Instant now) {
        d.status = Delivery.Status.SCHEDULED;
        d.reason = null;
        d.detail = null;
        d.scheduledAt = now;
        d.expectedBy = now.plus(config.deliveryLeadTime());
        if (!d.isPersistent()) {
            d.persist();
        }
        outbox.publish(new ReliefScheduled(d.caseId, d.caseCode, now, d.id, d.householdId, p.code, p.itemsForEvent(),
                p.amountVnd, d.wardCode, d.expectedBy));
        LOG.infof("Case %s: %s scheduled as delivery %s", d.caseCode, p.code, d.id);
    }

    private void refuse(Delivery d, Delivery.Reason reason, String detail) {
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

    private static String capDetail(Programme p) {
        return "The household has had its " + p.perHouseholdCap + " package(s) of " + p.code;
    }

    private static Delivery request(CallReceived call, Household household, String programmeCode, List<Need> needs,
            Instant now) {
        Delivery d = new Delivery();
        d.id = UUID.randomUUID();
        d.caseId = call.caseId();
        d.caseCode = call.caseCode();
        d.householdId = household.id;
        d.programmeCode = programmeCode;
        d.needs = needs.stream().map(Need::name).toList();
        d.provinceCode = call.location().provinceCode();
        d.districtCode = call.location().districtCode();
        d.wardCode = call.location().wardCode();
        d.requestedAt = now;
        return d;
    }
}

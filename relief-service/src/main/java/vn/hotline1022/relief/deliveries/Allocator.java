package vn.hotline1022.relief.deliveries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.messaging.outbox.Outbox;
import vn.hotline1022.relief.ReliefConfig;
import vn.hotline1022.relief.households.CaseHousehold;
import vn.hotline1022.relief.households.Household;
import vn.hotline1022.relief.households.Households;
import vn.hotline1022.relief.programmes.Applicant;
import vn.hotline1022.relief.programmes.LowStockAlerts;
import vn.hotline1022.relief.programmes.Programme;
import vn.hotline1022.relief.warehouses.Stock;
import vn.hotline1022.relief.warehouses.Warehouse;

/**
 * Decides relief for each case: one package per programme covering its needs, unless the household already has one
 * on the way (DUPLICATE by phone), has had its cap for the period (CAP_REACHED), is probably the same family as a
 * household that has (DUPLICATE by citizen ID or address: an officer confirms or overrides), the same family is served
 * for the same kind of need by another programme or donor this period (DUPLICATE, naming that programme), no programme
 * covers the need (INELIGIBLE) or the stock is empty (OUT_OF_STOCK: the request waits for the next consignment).
 *
 * <p>Locking order, everywhere: programme rows (in code order), then delivery rows, then the household row, then the
 * family's identities (its citizen ID and address: {@link Households#lockFamily}), so that two households of one family
 * asking two programmes at once are decided one after the other. Stock is taken by an atomic conditional update, so it
 * never goes negative however many instances allocate at once.
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

    @Inject
    LowStockAlerts lowStock;

    @Inject
    Stock stock;

    /** Runs inside the inbox transaction of the CallReceived event. */
    public void onCallReceived(CallReceived call) {
        List<Need> needs = call.needs().stream().filter(Need::isRelief).distinct().toList();
        boolean fieldVisit = call.needs().stream().anyMatch(Need::needsFieldTeam);
        if (needs.isEmpty() && (!fieldVisit || call.location() == null)) {
            return; // no relief asked, and no field team will find a need later
        }
        if (CaseHousehold.findById(call.caseId()) != null || Delivery.count("caseId", call.caseId()) > 0) {
            return; // already decided (a repeat event under a new id)
        }
        Location at = call.location();
        Plan plan = plan(call.caseId(), at.provinceCode(), needs, households.applicantFor(call));
        Household household = households.lockFor(call);
        // Kept even without relief needs: the field team may find some on site (DispatchCompleted).
        CaseHousehold.record(call.caseId(), call.caseCode(), household.id);
        allocate(call.caseId(), call.caseCode(), "CALL", household, plan);
    }

    /**
     * Runs inside the inbox transaction of the DispatchCompleted event: needs the team found on site (NEEDS_RELIEF or
     * relief follow-up needs) are decided like a call's, for the household the case's call came from.
     */
    public void onDispatchCompleted(DispatchCompleted done) {
        List<Need> needs = done.followUpNeeds().stream().filter(Need::isRelief).distinct().toList();
        if (needs.isEmpty() && done.outcome() == DispatchOutcome.NEEDS_RELIEF) {
            needs = List.of(config.defaultFollowUpNeed());
        }
        if (needs.isEmpty()) {
            return;
        }
        CaseHousehold link = CaseHousehold.findById(done.caseId());
        Household known = link == null ? null : Household.findById(link.householdId);
        if (known == null && done.location() == null) {
            LOG.warnf("Case %s: relief needs found on site, but neither the call nor a location is known",
                    done.caseCode());
            return;
        }
        String province = known != null ? known.provinceCode : done.location().provinceCode();
        Applicant applicant = known != null ? households.applicantFor(known)
                : new Applicant(done.location().districtCode(), 0, Set.of());
        Plan plan = plan(done.caseId(), province, needs, applicant);
        if (plan.byProgramme.isEmpty() && plan.uncovered.isEmpty()) {
            return; // everything was decided for this case already
        }
        Household household;
        if (known != null) {
            household = households.lock(known.id);
        } else {
            // A case from before relief kept its call: a household of its own, matched by address only.
            household = households.lockFor(done.location(), null, 0);
            CaseHousehold.record(done.caseId(), done.caseCode(), household.id);
        }
        allocate(done.caseId(), done.caseCode(), "DISPATCH", household, plan);
    }

    /**
     * Needs by covering programme (sorted: the locking order), locked; needs no open programme covers for this
     * household, with why (no programme covers it, or the rules of each that does).
     */
    private record Plan(Map<String, List<Need>> byProgramme, Map<Need, String> uncovered) {
    }

    private Plan plan(UUID caseId, String provinceCode, List<Need> needs, Applicant applicant) {
        Map<String, List<Need>> byProgramme = new TreeMap<>();
        Map<Need, String> uncovered = new java.util.LinkedHashMap<>();
        for (Need need : needs) {
            List<Programme> covering = Programme.covering(provinceCode, need);
            Programme eligible = covering.stream().filter(p -> p.ineligibility(applicant) == null).findFirst()
                    .orElse(null);
            if (eligible == null) {
                uncovered.put(need, covering.isEmpty()
                        ? "no active programme in province " + provinceCode + " covers it"
                        : "not eligible: " + String.join("; ", covering.stream()
                                .map(p -> p.ineligibility(applicant)).toList()));
            } else if (Delivery.count("caseId = ?1 and programmeCode = ?2", caseId, eligible.code) == 0) {
                byProgramme.computeIfAbsent(eligible.code, c -> new ArrayList<>()).add(need);
            } // else: this case already has its decision for the programme
        }
        for (var it = byProgramme.entrySet().iterator(); it.hasNext();) {
            var entry = it.next();
            if (!Programme.lockIfActive(entry.getKey())) { // closed in the meantime
                entry.getValue().forEach(n -> uncovered.put(n, "programme " + entry.getKey() + " has just closed"));
                it.remove();
            }
        }
        if (!uncovered.isEmpty() && Delivery.count("caseId = ?1 and programmeCode is null", caseId) > 0) {
            uncovered.clear(); // the case was already told nothing covers it
        }
        return new Plan(byProgramme, uncovered);
    }

    private void allocate(UUID caseId, String caseCode, String source, Household household, Plan plan) {
        Instant now = Instant.now();
        plan.byProgramme.forEach((code, covered) -> decide(request(caseId, caseCode, source, household, code, covered,
                now), Programme.findByCode(code), household));
        if (!plan.uncovered.isEmpty()) {
            List<Need> needs = List.copyOf(plan.uncovered.keySet());
            refuse(request(caseId, caseCode, source, household, null, needs, now), Delivery.Reason.INELIGIBLE,
                    String.join(". ", plan.uncovered.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue()).toList()));
        }
    }

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
                if (capReached(h.id, p)) {
                    refuse(waiting, Delivery.Reason.CAP_REACHED, capDetail(p));
                    continue;
                }
                Households.Match match = waiting.reviewDecision == null ? probableDuplicate(h, p) : null;
                if (match != null) {
                    refuseDuplicate(waiting, match, p);
                    continue;
                }
                CrossMatch cross = waiting.reviewDecision == null ? otherProgramme(h, waiting, p) : null;
                if (cross != null) {
                    refuseDuplicate(waiting, cross, p);
                    continue;
                }
                if (!take(p, waiting)) {
                    break;
                }
                schedule(waiting, p, Instant.now());
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

    /** An officer checked a DUPLICATE refusal and agrees: it stays refused, with who decided and why. */
    @Transactional
    public Delivery confirmDuplicate(UUID deliveryId, String justification, String officer) {
        Delivery d = Delivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        checkUnreviewedDuplicate(d, deliveryId);
        review(d, "CONFIRMED", justification, officer);
        LOG.infof("Case %s: duplicate %s confirmed by %s", d.caseCode, d.id, officer);
        return d;
    }

    /**
     * An officer checked a DUPLICATE refusal and finds two households (e.g. two worker families renting rooms at one
     * address, nhà trọ): the request is scheduled despite it, or waits for stock. The cap still holds, and a household
     * never has two packages of one programme on the way.
     */
    @Transactional
    public Delivery overrideDuplicate(UUID deliveryId, String justification, String officer) {
        Delivery found = Delivery.findById(deliveryId);
        checkUnreviewedDuplicate(found, deliveryId);
        String code = found.programmeCode;
        if (!Programme.lockIfActive(code)) {
            throw ProblemException.conflict("Programme " + code + " is closed");
        }
        Delivery d = Delivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        Delivery.getEntityManager().refresh(d);
        checkUnreviewedDuplicate(d, deliveryId);
        Programme p = Programme.findByCode(code);
        Household h = households.lock(d.householdId);
        households.lockFamily(h);
        if (Delivery.pendingFor(h.id, code)) {
            throw ProblemException.conflict("The household itself already has a package of " + code
                    + " waiting or on its way; that delivery serves it");
        }
        if (capReached(h.id, p)) {
            throw ProblemException.conflict(capDetail(p));
        }
        review(d, "OVERRIDDEN", justification, officer);
        LOG.infof("Case %s: duplicate %s overridden by %s", d.caseCode, d.id, officer);
        if (take(p, d)) {
            schedule(d, p, Instant.now());
        } else {
            queue(d, p);
        }
        return d;
    }

    private static void checkUnreviewedDuplicate(Delivery d, UUID id) {
        if (d == null) {
            throw ProblemException.notFound("Delivery " + id);
        }
        if (d.status != Delivery.Status.REFUSED || d.reason != Delivery.Reason.DUPLICATE) {
            throw ProblemException.conflict("Only a delivery refused as DUPLICATE can be reviewed; this one is "
                    + d.status + (d.reason == null ? "" : " (" + d.reason + ")"));
        }
        if (d.reviewDecision != null) {
            throw ProblemException.conflict("This duplicate was already " + d.reviewDecision.toLowerCase() + " by "
                    + d.reviewedBy);
        }
    }

    private static void review(Delivery d, String decision, String justification, String officer) {
        d.reviewDecision = decision;
        d.reviewJustification = justification;
        d.reviewedBy = officer;
        d.reviewedAt = Instant.now();
    }

    private void decide(Delivery d, Programme p, Household h) {
        Households.Match match;
        CrossMatch cross;
        households.lockFamily(h); // the checks below must see what another household of the family was just given
        if (Delivery.pendingFor(h.id, p.code)) {
            // Typically another family member calling about the same hardship.
            d.duplicateMatch = "PHONE";
            refuse(d, Delivery.Reason.DUPLICATE,
                    "The household already has a package of " + p.code + " waiting or on its way");
        } else if (capReached(h.id, p)) {
            refuse(d, Delivery.Reason.CAP_REACHED, capDetail(p));
        } else if ((match = probableDuplicate(h, p)) != null) {
            refuseDuplicate(d, match, p);
        } else if ((cross = otherProgramme(h, d, p)) != null) {
            refuseDuplicate(d, cross, p);
        } else if (!take(p, d)) {
            queue(d, p);
        } else {
            schedule(d, p, d.requestedAt);
        }
    }

    private boolean capReached(UUID householdId, Programme p) {
        return Delivery.countedAgainstCap(householdId, p.code, p.periodStart(Instant.now())) >= p.perHouseholdCap;
    }

    /** Another household, probably the same family, that is getting or got the programme's package this period. */
    private Households.Match probableDuplicate(Household h, Programme p) {
        Instant since = p.periodStart(Instant.now());
        return households.possibleDuplicates(h).stream()
                .filter(m -> Delivery.receivingOrReceived(m.householdId(), p.code, since))
                .findFirst().orElse(null);
    }

    private void refuseDuplicate(Delivery d, Households.Match match, Programme p) {
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
    private boolean take(Programme p, Delivery d) {
        String from = stock.takeOne(p.code, d.wardCode, d.districtCode);
        if (from == null) {
            return false;
        }
        d.warehouseCode = from;
        lowStock.afterTake(p.code);
        return true;
    }

    /** The same family served by another programme for a need this request shares, and how it was recognised. */
    private record CrossMatch(Delivery other, String matchedBy, List<String> sharedNeeds) {
    }

    /**
     * The household itself (its phone), or a household with its citizen ID or a near-identical address, has a package
     * of another programme (any donor) on the way or received within this programme's cap period, for one of the
     * needs asked for now: paying it again would pay the family twice for one hardship.
     */
    private CrossMatch otherProgramme(Household h, Delivery d, Programme p) {
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

    private void refuseDuplicate(Delivery d, CrossMatch match, Programme p) {
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

    private void queue(Delivery d, Programme p) {
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

    private void schedule(Delivery d, Programme p, Instant now) {
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
        String period = p.capPeriod == null ? "" : p.capPeriod.equals("MONTH") ? " this month"
                : " in the last " + p.capPeriod.substring(1, p.capPeriod.length() - 1) + " days";
        return "The household has had its " + p.perHouseholdCap + " package(s) of " + p.code + period;
    }

    private static Delivery request(UUID caseId, String caseCode, String source, Household household,
            String programmeCode, List<Need> needs, Instant now) {
        Delivery d = new Delivery();
        d.id = UUID.randomUUID();
        d.caseId = caseId;
        d.caseCode = caseCode;
        d.source = source;
        d.householdId = household.id;
        d.programmeCode = programmeCode;
        d.needs = needs.stream().map(Need::name).toList();
        d.provinceCode = household.provinceCode;
        d.districtCode = household.districtCode;
        d.wardCode = household.wardCode;
        d.requestedAt = now;
        return d;
    }
}

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

import org.jboss.logging.Logger;

import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseHandedBack;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.relief.ReliefConfig;
import vn.hotline1022.relief.households.CaseHousehold;
import vn.hotline1022.relief.households.Household;
import vn.hotline1022.relief.households.Households;
import vn.hotline1022.relief.programmes.Applicant;
import vn.hotline1022.relief.programmes.Programme;
import vn.hotline1022.relief.warehouses.Stock;

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
    Households households;

    @Inject
    ReliefConfig config;

    @Inject
    DeliveryOutcomes outcomes;

    @Inject
    jakarta.enterprise.event.Event<AddressNeeded> addressNeeded;

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
        if (!needs.isEmpty()) {
            // For the run sheet, until delivered (only relief needs: the team keeps its own).
            addressNeeded.fire(new AddressNeeded(call.caseId(), call.caseCode(), call.occurredAt(), at,
                    call.caller() == null ? null : call.caller().phone(),
                    call.caller() == null ? null : call.caller().name()));
        }
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
        decideLater(done.caseId(), done.caseCode(), done.location(), needs, "DISPATCH");
    }

    /**
     * Runs inside the inbox transaction of the CaseNeedsChanged event: relief needs a repeat call added are decided
     * like a call's, for the household of the case's first call. Needs already decided for the case are not again.
     */
    public void onCaseNeedsChanged(CaseNeedsChanged changed) {
        decideLater(changed.caseId(), changed.caseCode(), changed.location(),
                changed.addedNeeds().stream().filter(Need::isRelief).distinct().toList(), "REPEAT_CALL");
    }

    /**
     * Runs inside the inbox transaction of the CaseHandedBack event: a ward or district official verified the case
     * and hands its relief needs to relief (target RELIEF), decided like a repeat call's, for the household of the
     * case's call (or, for a case relief never saw, of its address). Once: a need already decided for the case is not
     * decided again, so the same hand-back redelivered or published again under a new id changes nothing.
     */
    public void onCaseHandedBack(CaseHandedBack handedBack) {
        if (!CaseHandedBack.RELIEF.equals(handedBack.target())) {
            return; // dispatch's
        }
        decideLater(handedBack.caseId(), handedBack.caseCode(), handedBack.location(),
                handedBack.needs().stream().filter(Need::isRelief).distinct().toList(), "OFFICIAL");
    }

    /** Relief needs that became known after the call, decided for the household the case's call came from. */
    private void decideLater(UUID caseId, String caseCode, Location location, List<Need> needs, String source) {
        if (needs.isEmpty()) {
            return;
        }
        CaseHousehold link = CaseHousehold.findById(caseId);
        Household known = link == null ? null : Household.findById(link.householdId);
        if (known == null && location == null) {
            LOG.warnf("Case %s: relief needs found later, but neither the call nor a location is known", caseCode);
            return;
        }
        String province = known != null ? known.provinceCode : location.provinceCode();
        Applicant applicant = known != null ? households.applicantFor(known)
                : new Applicant(location.districtCode(), 0, Set.of());
        Plan plan = plan(caseId, province, needs, applicant);
        if (plan.byProgramme.isEmpty() && plan.uncovered.isEmpty()) {
            return; // everything was decided for this case already
        }
        Household household;
        if (known != null) {
            household = households.lock(known.id);
        } else {
            // A case whose call asked nothing of relief: a household of its own, matched by address only.
            household = households.lockFor(location, null, 0);
            CaseHousehold.record(caseId, caseCode, household.id);
        }
        allocate(caseId, caseCode, source, household, plan);
        addressNeeded.fire(new AddressNeeded(caseId, caseCode, Instant.now(), location, null, null));
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
            outcomes.refuse(request(caseId, caseCode, source, household, null, needs, now), Delivery.Reason.INELIGIBLE,
                    String.join(". ", plan.uncovered.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue()).toList()));
        }
    }

    private void decide(Delivery d, Programme p, Household h) {
        Households.Match match;
        DeliveryOutcomes.CrossMatch cross;
        households.lockFamily(h); // the checks below must see what another household of the family was just given
        if (Delivery.pendingFor(h.id, p.code)) {
            // Typically another family member calling about the same hardship.
            d.duplicateMatch = "PHONE";
            outcomes.refuse(d, Delivery.Reason.DUPLICATE,
                    "The household already has a package of " + p.code + " waiting or on its way");
        } else if (outcomes.capReached(h.id, p)) {
            outcomes.refuse(d, Delivery.Reason.CAP_REACHED, DeliveryOutcomes.capDetail(p));
        } else if ((match = outcomes.probableDuplicate(h, p)) != null) {
            outcomes.refuseDuplicate(d, match, p);
        } else if ((cross = outcomes.otherProgramme(h, d, p)) != null) {
            outcomes.refuseDuplicate(d, cross, p);
        } else if (!outcomes.take(p, d)) {
            outcomes.queue(d, p);
        } else {
            outcomes.schedule(d, p, d.requestedAt);
        }
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

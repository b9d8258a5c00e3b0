package vn.hotline1022.intake.cases;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.hotline1022.events.common.EscalationLevel;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.intake.IntakeConfig;

/**
 * Orders the work: a priority from 0 to 100. Dispatch drains its queue by it; agents sort by it. Explainable: every
 * rule that applied is returned with its points ({@link IntakeConfig.Triage} documents the rules).
 */
@ApplicationScoped
public class Triage {

    public static final int MAX = 100;

    /** The priority and the rules that made it; the sum of the points, capped at {@link #MAX}. */
    public record Assessment(int priority, List<PriorityReason> reasons) {
    }

    @Inject
    IntakeConfig config;

    public Assessment assess(Collection<Need> needs, Set<Vulnerability> vulnerabilities, int householdSize,
            int repeatCount, ZoneColour zone) {
        return assess(needs, vulnerabilities, householdSize, repeatCount, zone, EscalationLevel.WARD);
    }

    /** @param escalation the level the case was escalated to for missed deadlines (waiting time) */
    public Assessment assess(Collection<Need> needs, Set<Vulnerability> vulnerabilities, int householdSize,
            int repeatCount, ZoneColour zone, EscalationLevel escalation) {
        IntakeConfig.Triage rules = config.triage();
        List<PriorityReason> reasons = new ArrayList<>();
        needs.stream().max(Comparator.comparingInt(this::weight))
                .ifPresent(n -> reasons.add(new PriorityReason("need " + n, weight(n))));
        for (Vulnerability v : vulnerabilities) {
            reasons.add(new PriorityReason("vulnerable: " + v, rules.vulnerabilityBonus()));
        }
        if (householdSize >= rules.largeHouseholdSize()) {
            reasons.add(new PriorityReason("household of " + householdSize, rules.largeHouseholdBonus()));
        }
        if (repeatCount > 1) {
            int bonus = Math.min(rules.repeatCallMaxBonus(), (repeatCount - 1) * rules.repeatCallBonus());
            reasons.add(new PriorityReason("called " + repeatCount + " times", bonus));
        }
        if (zone == ZoneColour.RED) {
            reasons.add(new PriorityReason("red zone", rules.redZoneBonus()));
        } else if (zone == ZoneColour.ORANGE) {
            reasons.add(new PriorityReason("orange zone", rules.orangeZoneBonus()));
        }
        if (escalation.ordinal() > 0) {
            reasons.add(new PriorityReason("overdue, escalated to the " + escalation.name().toLowerCase() + " level",
                    escalation.ordinal() * rules.escalationBonus()));
        }
        reasons.removeIf(r -> r.points() == 0);
        int sum = reasons.stream().mapToInt(PriorityReason::points).sum();
        return new Assessment(Math.min(MAX, sum), List.copyOf(reasons));
    }

    int weight(Need need) {
        IntakeConfig.NeedWeights w = config.triage().needWeight();
        return switch (need) {
            case EMERGENCY_TRANSPORT -> w.emergencyTransport();
            case OXYGEN_SUPPORT -> w.oxygenSupport();
            case HOSPITAL_ADMISSION -> w.hospitalAdmission();
            case MEDICAL_CONSULTATION -> w.medicalConsultation();
            case FOOD -> w.food();
            case CASH_SUPPORT -> w.cashSupport();
            case RENT_SUPPORT -> w.rentSupport();
            case VIOLATION_REPORT -> w.violationReport();
            case INFORMATION -> w.information();
        };
    }
}

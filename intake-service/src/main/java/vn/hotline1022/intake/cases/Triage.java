package vn.hotline1022.intake.cases;

import java.util.Collection;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.intake.IntakeConfig;

/**
 * Orders the work: a priority from 0 to 100 set at the call. Dispatch drains its queue by it; agents sort by it.
 * Life first (transport, oxygen, a bed), then health advice, then food before money.
 */
@ApplicationScoped
public class Triage {

    @Inject
    IntakeConfig config;

    public int priority(Collection<Need> needs, Set<Vulnerability> vulnerabilities, int householdSize) {
        int base = needs.stream().mapToInt(Triage::weight).max().orElse(0);
        int bonus = vulnerabilities.size() * config.triage().vulnerabilityBonus();
        if (householdSize >= config.triage().largeHouseholdSize()) {
            bonus += config.triage().largeHouseholdBonus();
        }
        return Math.min(100, base + bonus);
    }

    static int weight(Need need) {
        return switch (need) {
            case EMERGENCY_TRANSPORT -> 90;
            case OXYGEN_SUPPORT -> 85;
            case HOSPITAL_ADMISSION -> 80;
            case MEDICAL_CONSULTATION -> 60;
            case FOOD -> 45;
            case CASH_SUPPORT -> 30;
            case RENT_SUPPORT -> 25;
            case VIOLATION_REPORT -> 15;
            case INFORMATION -> 10;
        };
    }
}

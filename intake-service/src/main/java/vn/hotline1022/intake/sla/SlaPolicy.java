package vn.hotline1022.intake.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.hotline1022.events.common.Need;
import vn.hotline1022.intake.IntakeConfig;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.cases.OpenNeedClock;

/**
 * The two clocks of a case (first action, resolution), from the strictest class of its needs: emergency (transport,
 * oxygen, hospital admission), hardship (food, rent, cash), other. Durations in {@link IntakeConfig.Sla}.
 */
@ApplicationScoped
public class SlaPolicy implements OpenNeedClock {

    public enum NeedClass {
        EMERGENCY, HARDSHIP, OTHER
    }

    @Inject
    IntakeConfig config;

    public static NeedClass classOf(Collection<Need> needs) {
        NeedClass strictest = NeedClass.OTHER;
        for (Need n : needs) {
            NeedClass c = switch (n) {
                case EMERGENCY_TRANSPORT, OXYGEN_SUPPORT, HOSPITAL_ADMISSION -> NeedClass.EMERGENCY;
                case FOOD, RENT_SUPPORT, CASH_SUPPORT -> NeedClass.HARDSHIP;
                default -> NeedClass.OTHER;
            };
            if (c.ordinal() < strictest.ordinal()) {
                strictest = c;
            }
        }
        return strictest;
    }

    /** Sets the clocks of a new case, or shortens them when a later call (at {@code callAt}) adds urgent needs. */
    public void apply(HotlineCase c, Collection<Need> needs, Instant callAt) {
        IntakeConfig.Sla sla = config.sla();
        Duration firstAction;
        Duration resolution;
        switch (classOf(needs)) {
            case EMERGENCY -> {
                firstAction = sla.emergencyFirstAction();
                resolution = sla.emergencyResolution();
            }
            case HARDSHIP -> {
                firstAction = sla.hardshipFirstAction();
                resolution = sla.hardshipResolution();
            }
            default -> {
                firstAction = sla.otherFirstAction();
                resolution = sla.otherResolution();
            }
        }
        c.firstActionDue = earliest(c.firstActionDue, callAt.plus(firstAction));
        c.resolutionDue = earliest(c.resolutionDue, callAt.plus(resolution));
    }

    /** The deadline of what is left, counted from the call; never earlier than it is (a repeat call's stays). */
    @Override
    public void follow(HotlineCase c, Collection<Need> openNeeds) {
        if (openNeeds.isEmpty() || c.openedAt == null) {
            return;
        }
        IntakeConfig.Sla sla = config.sla();
        Duration resolution = switch (classOf(openNeeds)) {
            case EMERGENCY -> sla.emergencyResolution();
            case HARDSHIP -> sla.hardshipResolution();
            default -> sla.otherResolution();
        };
        Instant due = c.openedAt.plus(resolution);
        if (c.resolutionDue == null || due.isAfter(c.resolutionDue)) {
            c.resolutionDue = due;
        }
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}

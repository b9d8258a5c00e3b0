package vn.hotline1022.referral.referrals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.referral.hospitals.HospitalLevel;

/**
 * Which tier of hospital (tuyến) a patient needs: a critical patient or an ICU bed goes to a provincial or central
 * hospital, a severe one to a district hospital or above (not a field hospital), anyone else to the nearest with a bed.
 * Hospitals of the tier come first; when none of them has a bed, the nearest other one is asked rather than none, and
 * the reason says so. A pure rule: {@code LevelRuleTest}.
 */
public final class LevelRule {

    private LevelRule() {
    }

    /** The tiers suited to the patient; every tier when any will do. */
    public static Set<HospitalLevel> suited(Severity severity, BedType bedType) {
        if (severity == Severity.CRITICAL || bedType == BedType.ICU) {
            return EnumSet.of(HospitalLevel.CENTRAL, HospitalLevel.PROVINCIAL);
        }
        if (severity == Severity.SEVERE) {
            return EnumSet.of(HospitalLevel.CENTRAL, HospitalLevel.PROVINCIAL, HospitalLevel.DISTRICT);
        }
        return EnumSet.allOf(HospitalLevel.class);
    }

    /** Candidates in the order to ask them: suited tiers first, each group in its given order. */
    public static <H> List<H> order(List<H> candidates, Function<H, HospitalLevel> level, Severity severity,
            BedType bedType) {
        Set<HospitalLevel> suited = suited(severity, bedType);
        List<H> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparing(h -> suited.contains(level.apply(h)) ? 0 : 1));
        return ordered;
    }

    /**
     * Why this hospital, in Vietnamese (shown on the timeline and to the hospital); null when any hospital would do.
     */
    public static String reason(Severity severity, BedType bedType, HospitalLevel asked) {
        Set<HospitalLevel> suited = suited(severity, bedType);
        if (suited.size() == HospitalLevel.values().length) {
            return null;
        }
        String who = severity == Severity.CRITICAL ? "ca nguy kịch" : bedType == BedType.ICU ? "cần giường hồi sức"
                : "ca nặng";
        String tier = suited.contains(HospitalLevel.DISTRICT) ? "tuyến huyện trở lên" : "tuyến tỉnh hoặc trung ương";
        return suited.contains(asked) ? who + ": chuyển bệnh viện " + tier
                : who + ": chưa có giường ở bệnh viện " + tier + ", hỏi bệnh viện gần nhất còn giường";
    }
}

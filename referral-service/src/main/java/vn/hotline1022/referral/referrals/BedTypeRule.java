package vn.hotline1022.referral.referrals;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.ClinicalNotes;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.referral.ReferralConfig;

/**
 * Which bed a patient is asked a bed of. The only place this is decided.
 * <ul>
 * <li>After a field assessment: CRITICAL (nguy kịch) → ICU; SEVERE, or SpO2 below 94 % (the Ministry of Health's
 * threshold for a severe case) → an oxygen-supported bed; anything else → a general COVID bed.</li>
 * <li>From a call alone nobody has measured anything, so never ICU: a priority at or above
 * {@code hotline.referral.oxygen-bed-priority} (emergency-level calls) → oxygen, below → general. The field team's
 * assessment, when it comes while the case still waits, replaces this guess.</li>
 * </ul>
 */
@ApplicationScoped
public class BedTypeRule {

    static final int SEVERE_SPO2_BELOW = 94;

    @Inject
    ReferralConfig config;

    public BedType forAssessment(ClinicalNotes notes) {
        if (notes == null) {
            return BedType.GENERAL;
        }
        if (notes.severity() == Severity.CRITICAL) {
            return BedType.ICU;
        }
        if (notes.severity() == Severity.SEVERE || notes.spo2() != null && notes.spo2() < SEVERE_SPO2_BELOW) {
            return BedType.OXYGEN;
        }
        return BedType.GENERAL;
    }

    public BedType forCall(int priority) {
        return priority >= config.oxygenBedPriority() ? BedType.OXYGEN : BedType.GENERAL;
    }
}

package vn.hotline1022.referral;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of referral; each default suits a province-sized hotline. */
@ConfigMapping(prefix = "hotline.referral")
public interface ReferralConfig {

    /** How long a hospital has to accept or reject before the next hospital is asked. */
    @WithDefault("PT10M")
    Duration answerTimeout();

    /** How often unanswered referrals are looked for; read by the scheduler from the same key. */
    @WithDefault("15s")
    String expiryCheck();

    /**
     * A call (no field assessment yet) at or above this intake priority asks for an oxygen bed, below it a general
     * bed. Intake gives HOSPITAL_ADMISSION 80 and EMERGENCY_TRANSPORT 90, plus 5 per vulnerability.
     */
    @WithDefault("90")
    int oxygenBedPriority();
}

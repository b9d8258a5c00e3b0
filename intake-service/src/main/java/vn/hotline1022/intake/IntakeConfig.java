package vn.hotline1022.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of intake; each has a default fit for a province-sized hotline. */
@ConfigMapping(prefix = "hotline.intake")
public interface IntakeConfig {

    Triage triage();

    interface Triage {
        /** Added to the priority for each vulnerability (elderly, pregnant, ...) in the household, up to 100. */
        @WithDefault("5")
        int vulnerabilityBonus();

        /** Added when the household is large: more people exposed, more mouths to feed. */
        @WithDefault("5")
        int largeHouseholdBonus();

        @WithDefault("6")
        int largeHouseholdSize();
    }
}

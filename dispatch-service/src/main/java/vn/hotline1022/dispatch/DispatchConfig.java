package vn.hotline1022.dispatch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of dispatch; the defaults fit a province-sized hotline. */
@ConfigMapping(prefix = "hotline.dispatch")
public interface DispatchConfig {

    /**
     * Cases at or above this priority (0-100, as triaged by intake) are dispatched automatically, like emergency
     * transport and oxygen; below it a dispatcher confirms a recommended team.
     */
    @WithDefault("70")
    int emergencyPriority();

    /** Window over which a team's recent dispatches count as its load when teams are ranked. */
    @WithDefault("PT12H")
    Duration loadWindow();

    /** Length of the recommendation list shown to a dispatcher. */
    @WithDefault("10")
    int recommendations();

    /** How long after a visit is completed its team (and dispatchers) may still read the household's contact. */
    @WithDefault("PT2H")
    Duration contactGrace();

    /** How long the contact of a case no team was ever sent to is kept after the call. */
    @WithDefault("PT24H")
    Duration contactUnassignedKeep();

    /** How often contacts past their time are erased. */
    @WithDefault("PT1M")
    Duration contactEraseEvery();
}

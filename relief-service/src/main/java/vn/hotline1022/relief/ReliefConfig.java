package vn.hotline1022.relief;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import vn.hotline1022.events.common.Need;

/** Business settings of relief; each default suits a province-sized hotline. */
@ConfigMapping(prefix = "hotline.relief")
public interface ReliefConfig {

    /**
     * Salt of the household phone hash, so that a leaked table cannot be reversed by hashing every Vietnamese phone
     * number. The default is for development only: every deployment sets its own secret (HOTLINE_RELIEF_PHONE_SALT)
     * and keeps it, because a new salt makes every known household look new.
     */
    @WithDefault("dev-only-relief-salt")
    String phoneSalt();

    /** Promised time from scheduling to the package at the door; ward volunteers deliver in rounds. */
    @WithDefault("P2D")
    Duration deliveryLeadTime();

    /**
     * What a field team's NEEDS_RELIEF outcome asks for when it names no relief need: the lockdown food package, which
     * is what teams most often find missing.
     */
    @WithDefault("FOOD")
    Need defaultFollowUpNeed();

    /** Shortest time between two re-sends of a household's receipt code: no officer can flood a phone with texts. */
    @WithDefault("PT15M")
    Duration recipientCodeResendInterval();

    /** Re-sends per delivery; after that, delivery is confirmed without a code by two officers. */
    @WithDefault("3")
    int recipientCodeMaxResends();

    /**
     * How long after its case's last package was delivered the household's address and phone (kept in clear for the
     * run sheet only) are erased: time for the volunteer to finish the round.
     */
    @WithDefault("PT2H")
    Duration addressGrace();

    /** The longest the address and phone are kept when nothing is ever delivered (waiting, refused, forgotten). */
    @WithDefault("P14D")
    Duration addressMaxKeep();
}

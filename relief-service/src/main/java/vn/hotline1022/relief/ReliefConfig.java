package vn.hotline1022.relief;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}

package vn.hotline1022.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "hotline.ops")
public interface OpsConfig {

    /** How often offsets, lag and services' health are sampled: the live view is never older than this. */
    @WithDefault("2s")
    Duration sampleInterval();

    /** How long samples are kept. */
    @WithDefault("P2D")
    Duration history();

    /** Lag (messages) over which a consumer group is LAGGING. */
    @WithDefault("500")
    long lagThreshold();

    /** A group with messages waiting whose committed offsets have not moved for this long is STALLED. */
    @WithDefault("PT2M")
    Duration stallAfter();

    /** An outbox row older than this means a relay is not publishing. */
    @WithDefault("PT1M")
    Duration outboxAgeThreshold();

    /** The window over which escalations, referral expiries and notification failures are counted. */
    @WithDefault("PT1H")
    Duration signalWindow();

    /** Escalations of one district within the window that raise an alert. */
    @WithDefault("5")
    int escalationsPerDistrict();

    @WithDefault("3")
    int referralExpiries();

    @WithDefault("5")
    int notificationFailures();

    /** A patient waiting for a bed longer than this raises an alert (per province). */
    @WithDefault("PT30M")
    Duration referralWaitThreshold();

    /** {@code name=url,name=url}: the services whose health and outbox ops watch; none when empty. */
    java.util.Optional<String> serviceUrls();

    /** {@link #serviceUrls()} as a map, in the order given. */
    default Map<String, String> services() {
        Map<String, String> services = new LinkedHashMap<>();
        for (String entry : serviceUrls().orElse("").split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                services.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
            }
        }
        return services;
    }
}

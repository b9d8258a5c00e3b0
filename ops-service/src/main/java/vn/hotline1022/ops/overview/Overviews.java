package vn.hotline1022.ops.overview;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import vn.hotline1022.ops.alerts.Alerts;
import vn.hotline1022.ops.deadletters.DeadLetterTally;
import vn.hotline1022.ops.flow.FlowSnapshot;
import vn.hotline1022.ops.health.ServiceHealthPoller;

/** The overview, rebuilt after every sample and kept in memory: live viewers never query the database. */
@ApplicationScoped
public class Overviews {

    @Inject
    ServiceHealthPoller health;

    @Inject
    Alerts alerts;

    @Inject
    DeadLetterTally deadLetters;

    private volatile Overview latest = new Overview(null, List.of(), List.of(), List.of(), Map.of("open", 0L),
            Map.of());

    public Overview latest() {
        return latest;
    }

    void onSample(@Observes FlowSnapshot flow) {
        Map<String, Long> letters = new TreeMap<>();
        deadLetters.perStatus().forEach((status, n) -> letters.put(status.name().toLowerCase(java.util.Locale.ROOT), n));
        latest = new Overview(flow.sampledAt(), flow.topics(), flow.groups(), health.latest(),
                Map.of("open", alerts.openCount()), letters);
    }
}

package vn.hotline1022.ops.flow;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import vn.hotline1022.ops.OpsConfig;
import vn.hotline1022.ops.flow.GroupLag.GroupState;

/**
 * Samples the event flow every {@code hotline.ops.sample-interval}: end offsets, every group's committed offsets,
 * stored as history, turned into rates, lags and states. The latest sample is kept in memory for the views and
 * announced ({@link FlowSnapshot} CDI event) to the alert rules and gauges.
 */
@ApplicationScoped
public class FlowSampler {

    private static final Logger LOG = Logger.getLogger(FlowSampler.class);

    @Inject
    KafkaOffsets offsets;

    @Inject
    FlowHistory history;

    @Inject
    OpsConfig config;

    @Inject
    Event<FlowSnapshot> sampled;

    private final Map<String, GroupLag> previous = new HashMap<>();
    private volatile FlowSnapshot latest = FlowSnapshot.EMPTY;
    private volatile Exception lastFailure;
    private Instant prunedAt = Instant.EPOCH;

    public FlowSnapshot latest() {
        return latest;
    }

    /** Kafka's last error while sampling, null while sampling works. */
    public Exception lastFailure() {
        return lastFailure;
    }

    @Scheduled(every = "${hotline.ops.sample-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        sample();
    }

    /** One sample; synchronised so that a test's explicit call and the schedule never interleave. */
    public synchronized FlowSnapshot sample() {
        Instant now = Instant.now();
        FlowHistory.Sample sample;
        try {
            sample = history.record(now, offsets.read(), config.stallAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return latest;
        } catch (Exception e) {
            if (lastFailure == null) {
                LOG.warnf("Cannot sample Kafka offsets: %s", e.toString());
            }
            lastFailure = e;
            return latest;
        }
        lastFailure = null;
        List<GroupLag> groups = sample.lags().stream().map(l -> withState(l, now)).toList();
        latest = new FlowSnapshot(now, sample.topics(), groups);
        sampled.fire(latest);
        if (now.isAfter(prunedAt.plusSeconds(60))) {
            history.prune(now, config.history());
            prunedAt = now;
        }
        return latest;
    }

    private GroupLag withState(FlowHistory.Lag l, Instant now) {
        GroupState state = l.standingStill() ? GroupState.STALLED
                : l.lag() > config.lagThreshold() ? GroupState.LAGGING : GroupState.OK;
        String key = l.group() + "\u0000" + l.topic();
        GroupLag before = previous.get(key);
        Instant since = before != null && before.state() == state ? before.stateSince() : now;
        GroupLag lag = new GroupLag(l.group(), l.topic(), l.lag(), l.worstPartition(), l.worstLag(), state, since,
                l.trend());
        previous.put(key, lag);
        return lag;
    }
}

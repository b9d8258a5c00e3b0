package vn.hotline1022.ops.flow;

import java.time.Instant;
import java.util.List;

/**
 * How far one consumer group is behind on one topic: total lag, the worst partition, its state and the trend.
 *
 * @param stateSince when the group entered its state, as far as this instance has seen
 */
public record GroupLag(String group, String topic, long lag, int worstPartition, long worstPartitionLag,
        GroupState state, Instant stateSince, List<LagPoint> trend) {

    public enum GroupState {
        OK, LAGGING, STALLED
    }

    public record LagPoint(Instant at, long lag) {
    }
}

package vn.hotline1022.ops.flow;

import java.time.Instant;
import java.util.List;

/** The event flow as last sampled. */
public record FlowSnapshot(Instant sampledAt, List<TopicFlow> topics, List<GroupLag> groups) {

    public static final FlowSnapshot EMPTY = new FlowSnapshot(null, List.of(), List.of());
}

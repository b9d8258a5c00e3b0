package vn.hotline1022.ops.overview;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import vn.hotline1022.ops.flow.GroupLag;
import vn.hotline1022.ops.flow.TopicFlow;
import vn.hotline1022.ops.health.ServiceHealth;

/** Everything the ops console shows live, as of one sample. */
public record Overview(Instant sampledAt, List<TopicFlow> topics, List<GroupLag> groups, List<ServiceHealth> services,
        Map<String, Long> alerts, Map<String, Long> deadLetters) {
}

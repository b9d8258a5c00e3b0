package vn.hotline1022.ops.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import vn.hotline1022.ops.alerts.Alerts;
import vn.hotline1022.ops.alerts.Condition;
import vn.hotline1022.ops.deadletters.DeadLetterTally;
import vn.hotline1022.ops.flow.FlowSnapshot;
import vn.hotline1022.ops.flow.GroupLag;
import vn.hotline1022.ops.health.ServiceHealth;
import vn.hotline1022.ops.health.ServiceHealthPoller;

/**
 * The figures of the ops views as Prometheus gauges ({@code hotline_ops_*}), refreshed after every sample, so that
 * Prometheus rules and Grafana (deploy/monitoring) see what the ops console sees.
 */
@ApplicationScoped
public class OpsGauges {

    @Inject
    MeterRegistry registry;

    @Inject
    ServiceHealthPoller health;

    @Inject
    DeadLetterTally deadLetters;

    @Inject
    Alerts alerts;

    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    void onSample(@Observes FlowSnapshot flow) {
        for (var t : flow.topics()) {
            set("hotline.ops.topic.end.offset", Tags.of("topic", t.topic()), t.endOffset());
        }
        for (GroupLag g : flow.groups()) {
            Tags tags = Tags.of("group", g.group(), "topic", g.topic());
            set("hotline.ops.consumer.lag", tags, g.lag());
            set("hotline.ops.consumer.lag.worst.partition", tags, g.worstPartitionLag());
            set("hotline.ops.consumer.state", tags, g.state().ordinal());
        }
        for (ServiceHealth s : health.latest()) {
            Tags tags = Tags.of("service", s.service());
            set("hotline.ops.service.up", tags, "UP".equals(s.status()) ? 1 : 0);
            set("hotline.ops.outbox.pending", tags, s.outboxPending() == null ? 0 : s.outboxPending());
            set("hotline.ops.outbox.oldest.seconds", tags, s.outboxOldestSeconds() == null ? 0 : s.outboxOldestSeconds());
        }
        // A topic whose letters were all replayed has no row left: its gauges go back to 0, not stay where they were.
        values.forEach((key, holder) -> {
            if (key.startsWith("hotline.ops.dead.letters")) {
                holder.set(0);
            }
        });
        for (DeadLetterTally.Count c : deadLetters.latest()) {
            set("hotline.ops.dead.letters", Tags.of("dead_letter_topic", c.deadLetterTopic(), "status",
                    c.status().name().toLowerCase(java.util.Locale.ROOT)), c.letters());
        }
        Map<String, Long> open = alerts.openPerRule();
        for (Condition.Rule rule : Condition.Rule.values()) {
            set("hotline.ops.alerts.open", Tags.of("rule", rule.name()), open.getOrDefault(rule.name(), 0L));
        }
    }

    private void set(String name, Tags tags, long value) {
        values.computeIfAbsent(name + tags, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).tags(tags).register(registry);
            return holder;
        }).set(value);
    }
}

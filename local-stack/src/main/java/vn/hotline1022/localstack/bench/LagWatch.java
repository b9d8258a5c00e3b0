package vn.hotline1022.localstack.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The services' consumer lag, summed over their groups, once a second: during the run and while it drains. */
final class LagWatch implements AutoCloseable {

    /** Seconds since the run started → total lag of every service's group. */
    final Map<Integer, Long> samples = new ConcurrentSkipListMap<>();
    final Map<String, Long> worstPerGroup = new HashMap<>();
    private final Admin admin;
    private final List<String> groups;
    private final long startedAt = System.currentTimeMillis();
    private final Thread sampler;
    private volatile boolean running = true;

    LagWatch(String bootstrap, List<String> groups) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5_000));
        this.groups = groups;
        sampler = new Thread(this::sample, "bench-lag");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            long at = System.currentTimeMillis();
            try {
                samples.put((int) ((at - startedAt) / 1000), total());
            } catch (Exception e) {
                // a slow answer under load: this second has no sample
            }
            long rest = 1000 - (System.currentTimeMillis() - at);
            if (rest > 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(rest); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    long total() throws Exception {
        long total = 0;
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
            }
            synchronized (worstPerGroup) {
                worstPerGroup.merge(group, lag, Math::max);
            }
            total += lag;
        }
        return total;
    }

    /** Milliseconds from {@code since} until every group has caught up; -1 if not within {@code patience}. */
    long drainTime(long since, Duration patience) throws Exception {
        long deadline = since + patience.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (total() == 0) {
                return System.currentTimeMillis() - since;
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling another process's progress: there is no event to wait on
        }
        return -1;
    }

    long secondsSinceStart(long epochMillis) {
        return (epochMillis - startedAt) / 1000;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5_000);
        admin.close();
    }
}

package vn.hotline1022.ops.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.TopicPartition;

import vn.hotline1022.messaging.sql.SqlValues;
import vn.hotline1022.ops.flow.GroupLag.LagPoint;

/**
 * The sampled offsets, kept in this service's database so that rates and trends survive a restart, and what they
 * say: messages per second, lag per group and topic, whether a group has stopped advancing.
 */
@ApplicationScoped
public class FlowHistory {

    /** How far back a group's lag trend goes, and at most how many points it has. */
    static final Duration TREND = Duration.ofMinutes(15);
    static final int TREND_POINTS = 90;

    @Inject
    EntityManager em;

    /** A group's lag on one topic at one sample, with whether it has stood still for the whole stall window. */
    public record Lag(String group, String topic, long lag, long committed, int worstPartition, long worstLag,
            boolean standingStill, List<LagPoint> trend) {
    }

    /** What one sample says, once stored. */
    public record Sample(List<TopicFlow> topics, List<Lag> lags) {
    }

    @Transactional
    public Sample record(Instant now, KafkaOffsets.Reading reading, Duration stallAfter) {
        List<TopicFlow> topics = new ArrayList<>();
        reading.endOffsets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            long end = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            em.createNativeQuery("insert into topic_sample (topic, sampled_at, partitions, end_offset) "
                    + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                    .setParameter(1, e.getKey()).setParameter(2, now).setParameter(3, e.getValue().size())
                    .setParameter(4, end).executeUpdate();
            topics.add(new TopicFlow(e.getKey(), e.getKey().endsWith(".dlq"), e.getValue().size(), end,
                    rate(e.getKey(), end, now, Duration.ofMinutes(1)), rate(e.getKey(), end, now, Duration.ofMinutes(5))));
        });
        List<Lag> lags = new ArrayList<>();
        reading.committed().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(group -> {
            for (String topic : group.getValue().keySet().stream().map(TopicPartition::topic).distinct().sorted()
                    .toList()) {
                lags.add(lag(now, group.getKey(), topic, reading.endOffsets().get(topic), group.getValue(),
                        stallAfter));
            }
        });
        return new Sample(topics, lags);
    }

    private Lag lag(Instant now, String group, String topic, Map<Integer, Long> ends,
            Map<TopicPartition, Long> committedOffsets, Duration stallAfter) {
        long lag = 0;
        long committed = 0;
        int worstPartition = 0;
        long worstLag = -1;
        for (var end : ends.entrySet()) {
            long at = committedOffsets.getOrDefault(new TopicPartition(topic, end.getKey()), 0L);
            long behind = Math.max(0, end.getValue() - at);
            lag += behind;
            committed += at;
            if (behind > worstLag) {
                worstLag = behind;
                worstPartition = end.getKey();
            }
        }
        em.createNativeQuery("insert into group_sample (group_id, topic, sampled_at, lag, committed, worst_partition, "
                + "worst_partition_lag) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing")
                .setParameter(1, group).setParameter(2, topic).setParameter(3, now).setParameter(4, lag)
                .setParameter(5, committed).setParameter(6, worstPartition).setParameter(7, Math.max(worstLag, 0))
                .executeUpdate();
        return new Lag(group, topic, lag, committed, worstPartition, Math.max(worstLag, 0),
                lag > 0 && standingStill(group, topic, committed, now.minus(stallAfter)), trend(group, topic, now));
    }

    /** The group committed nothing since {@code since} while it had messages waiting the whole time. */
    private boolean standingStill(String group, String topic, long committedNow, Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> before = em.createNativeQuery("select committed, sampled_at from group_sample "
                + "where group_id = ?1 and topic = ?2 and sampled_at <= ?3 order by sampled_at desc limit 1")
                .setParameter(1, group).setParameter(2, topic).setParameter(3, since).getResultList();
        if (before.isEmpty() || ((Number) before.get(0)[0]).longValue() != committedNow) {
            return false;
        }
        Number caughtUp = (Number) em.createNativeQuery("select count(*) from group_sample "
                + "where group_id = ?1 and topic = ?2 and sampled_at >= ?3 and lag = 0")
                .setParameter(1, group).setParameter(2, topic).setParameter(3, SqlValues.instant(before.get(0)[1]))
                .getSingleResult();
        return caughtUp.longValue() == 0;
    }

    private List<LagPoint> trend(String group, String topic, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select sampled_at, lag from group_sample "
                + "where group_id = ?1 and topic = ?2 and sampled_at >= ?3 order by sampled_at")
                .setParameter(1, group).setParameter(2, topic).setParameter(3, now.minus(TREND)).getResultList();
        int step = Math.max(1, (rows.size() + TREND_POINTS - 1) / TREND_POINTS);
        List<LagPoint> points = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0; i -= step) { // the newest point always in
            points.add(0, new LagPoint(SqlValues.instant(rows.get(i)[0]), ((Number) rows.get(i)[1]).longValue()));
        }
        return points;
    }

    /** Messages per second over the window, from the sample at or before its start (or the oldest one kept). */
    private double rate(String topic, long endNow, Instant now, Duration window) {
        @SuppressWarnings("unchecked")
        List<Object[]> then = em.createNativeQuery("select end_offset, sampled_at from topic_sample where topic = ?1 "
                + "and sampled_at <= ?2 order by sampled_at desc limit 1")
                .setParameter(1, topic).setParameter(2, now.minus(window)).getResultList();
        if (then.isEmpty()) {
            then = em.createNativeQuery("select end_offset, sampled_at from topic_sample where topic = ?1 "
                    + "order by sampled_at limit 1").setParameter(1, topic).getResultList();
        }
        if (then.isEmpty()) {
            return 0;
        }
        double seconds = Duration.between(SqlValues.instant(then.get(0)[1]), now).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : Math.max(0, endNow - ((Number) then.get(0)[0]).longValue()) / seconds;
    }

    /** Drops samples older than {@code keep}. */
    @Transactional
    public void prune(Instant now, Duration keep) {
        em.createNativeQuery("delete from topic_sample where sampled_at < ?1").setParameter(1, now.minus(keep))
                .executeUpdate();
        em.createNativeQuery("delete from group_sample where sampled_at < ?1").setParameter(1, now.minus(keep))
                .executeUpdate();
    }
}

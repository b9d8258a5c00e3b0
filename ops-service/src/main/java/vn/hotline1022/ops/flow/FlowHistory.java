package vn.hotline1022.ops.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.TopicPartition;

import vn.hotline1022.messaging.sql.Jdbc;
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
    Jdbc jdbc;

    private final Map<String, Deque<LagPoint>> trends = new ConcurrentHashMap<>();

    /** A group's lag on one topic at one sample, with whether it has stood still for the whole stall window. */
    public record Lag(String group, String topic, long lag, long committed, int worstPartition, long worstLag,
            boolean standingStill, List<LagPoint> trend) {
    }

    /** An offset (end or committed) as sampled at one moment. */
    private record Offset(Instant at, long offset) {
    }

    /** What one sample says, once stored. */
    public record Sample(List<TopicFlow> topics, List<Lag> lags) {
    }

    @Transactional
    public Sample record(Instant now, KafkaOffsets.Reading reading, Duration stallAfter) {
        List<TopicFlow> topics = new ArrayList<>();
        reading.endOffsets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            long end = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            jdbc.update("insert into topic_sample (topic, sampled_at, partitions, end_offset) values (?, ?, ?, ?) "
                    + "on conflict do nothing", e.getKey(), now, e.getValue().size(), end);
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
        jdbc.update("insert into group_sample (group_id, topic, sampled_at, lag, committed, worst_partition, "
                + "worst_partition_lag) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing", group, topic, now, lag,
                committed, worstPartition, Math.max(worstLag, 0));
        return new Lag(group, topic, lag, committed, worstPartition, Math.max(worstLag, 0),
                lag > 0 && standingStill(group, topic, committed, now.minus(stallAfter)), trend(group, topic, now, lag));
    }

    /** The group committed nothing since {@code since} while it had messages waiting the whole time. */
    private boolean standingStill(String group, String topic, long committedNow, Instant since) {
        Optional<Offset> before = jdbc.first("select sampled_at, committed from group_sample "
                + "where group_id = ? and topic = ? and sampled_at <= ? order by sampled_at desc limit 1",
                rs -> new Offset(Jdbc.instant(rs, "sampled_at"), rs.getLong("committed")), group, topic, since);
        if (before.isEmpty() || before.get().offset() != committedNow) {
            return false;
        }
        return jdbc.number("select count(*) from group_sample where group_id = ? and topic = ? and sampled_at >= ? "
                + "and lag = 0", group, topic, before.get().at()) == 0;
    }

    /**
     * The group's lag over the last {@link #TREND}, at most {@link #TREND_POINTS} points, the newest always in. Kept in
     * memory per group and topic; read from the table only the first time (e.g. after a restart).
     */
    private List<LagPoint> trend(String group, String topic, Instant now, long lag) {
        Deque<LagPoint> points = trends.get(group + "\u0000" + topic);
        if (points == null) {
            points = new ArrayDeque<>();
            points.addAll(jdbc.query("select sampled_at, lag from group_sample where group_id = ? and topic = ? "
                    + "and sampled_at >= ? order by sampled_at", // this sample's row is among them
                    rs -> new LagPoint(Jdbc.instant(rs, "sampled_at"), rs.getLong("lag")), group, topic,
                    now.minus(TREND)));
            trends.put(group + "\u0000" + topic, points);
        } else {
            points.addLast(new LagPoint(now, lag));
        }
        Instant from = now.minus(TREND);
        while (!points.isEmpty() && points.peekFirst().at().isBefore(from)) {
            points.removeFirst();
        }
        return thinned(new ArrayList<>(points));
    }

    /** At most {@link #TREND_POINTS} of the points, evenly spaced, the newest always in (the throughput's too). */
    static <T> List<T> thinned(List<T> all) {
        int step = Math.max(1, (all.size() + TREND_POINTS - 1) / TREND_POINTS);
        List<T> shown = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i -= step) {
            shown.add(0, all.get(i));
        }
        return shown;
    }

    /** Messages per second over the window, from the sample at or before its start (or the oldest one kept). */
    private double rate(String topic, long endNow, Instant now, Duration window) {
        Jdbc.RowReader<Offset> offsetAt = rs -> new Offset(Jdbc.instant(rs, "sampled_at"), rs.getLong("end_offset"));
        Optional<Offset> then = jdbc.first("select end_offset, sampled_at from topic_sample where topic = ? "
                + "and sampled_at <= ? order by sampled_at desc limit 1", offsetAt, topic, now.minus(window));
        if (then.isEmpty()) {
            then = jdbc.first("select end_offset, sampled_at from topic_sample where topic = ? order by sampled_at "
                    + "limit 1", offsetAt, topic);
        }
        if (then.isEmpty()) {
            return 0;
        }
        double seconds = Duration.between(then.get().at(), now).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : Math.max(0, endNow - then.get().offset()) / seconds;
    }

    /** Drops samples older than {@code keep}. */
    @Transactional
    public void prune(Instant now, Duration keep) {
        jdbc.update("delete from topic_sample where sampled_at < ?", now.minus(keep));
        jdbc.update("delete from group_sample where sampled_at < ?", now.minus(keep));
    }
}

package vn.hotline1022.ops.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import vn.hotline1022.messaging.sql.Jdbc;

/**
 * Messages per second per topic over the last {@link FlowHistory#TREND}, so that the ops page's throughput chart opens
 * with the last quarter of an hour instead of filling only from its first live sample. Kept in memory from every sample
 * (observed like the overview); read from {@code topic_sample} only the first time (after a start), as the lag trends
 * are. Dead-letter topics are left out, as on the chart.
 */
@ApplicationScoped
public class ThroughputHistory {

    private static final Logger LOG = Logger.getLogger(ThroughputHistory.class);
    /** The rate's window: the overview's {@code ratePerSecond1m}, so history and live points join up. */
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    @Inject
    Jdbc jdbc;

    /** One sample: each topic's messages per second over the minute before it. */
    public record Point(Instant at, Map<String, Double> rates) {
    }

    /** @param throughput oldest first, at most {@link FlowHistory#TREND_POINTS}, the latest sample always in */
    public record Trend(List<Point> throughput) {
    }

    private final Deque<Point> points = new ArrayDeque<>();
    private boolean seeded;

    /** Never throws: an observer's failure would keep the overview and the alert rules from this sample. */
    void onSample(@Observes FlowSnapshot flow) {
        if (flow.sampledAt() == null) {
            return;
        }
        Map<String, Double> rates = new TreeMap<>(); // sorted: the topics in one order in every point
        flow.topics().stream().filter(t -> !t.deadLetterTopic())
                .forEach(t -> rates.put(t.topic(), t.ratePerSecond1m()));
        add(flow.sampledAt(), rates);
    }

    private synchronized void add(Instant at, Map<String, Double> rates) {
        // This sample's rows are committed already: a seed read now holds it (its time as the database rounded it).
        boolean readNow = seed(at);
        Point last = points.peekLast();
        if (!readNow && (last == null || at.isAfter(last.at()))) {
            points.addLast(new Point(at, Collections.unmodifiableMap(rates)));
        }
        trim(at);
    }

    public synchronized Trend recent() {
        Instant now = Instant.now();
        seed(now);
        trim(now);
        return new Trend(FlowHistory.thinned(new ArrayList<>(points)));
    }

    private void trim(Instant now) {
        Instant from = now.minus(FlowHistory.TREND);
        while (!points.isEmpty() && points.peekFirst().at().isBefore(from)) {
            points.removeFirst();
        }
    }

    private record Row(String topic, Instant at, long endOffset) {
    }

    /**
     * The points of the stored samples, once: each topic's rate at each sample as {@link FlowHistory} computed it then,
     * from the sample at or before a minute earlier (or the oldest one read). Without the table, an empty start.
     *
     * @return whether the table was read by this call
     */
    private boolean seed(Instant now) {
        if (seeded) {
            return false;
        }
        seeded = true;
        Instant from = now.minus(FlowHistory.TREND);
        Map<Instant, Map<String, Double>> byTime = new TreeMap<>();
        try {
            List<Row> rows = jdbc.query("select topic, sampled_at, end_offset from topic_sample where sampled_at >= ? "
                    + "order by topic, sampled_at",
                    rs -> new Row(rs.getString("topic"), Jdbc.instant(rs, "sampled_at"), rs.getLong("end_offset")),
                    from.minus(RATE_WINDOW));
            int first = 0; // the topic's first row
            int then = 0; // the row a minute before the current one, or the topic's first
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                if (!row.topic().equals(rows.get(first).topic())) {
                    first = i;
                    then = i;
                }
                while (then + 1 < i && !rows.get(then + 1).at().isAfter(row.at().minus(RATE_WINDOW))) {
                    then++;
                }
                if (row.topic().endsWith(".dlq") || row.at().isBefore(from)) {
                    continue;
                }
                Row start = rows.get(then);
                double seconds = Duration.between(start.at(), row.at()).toMillis() / 1000.0;
                double rate = seconds <= 0 ? 0 : Math.max(0, row.endOffset() - start.endOffset()) / seconds;
                byTime.computeIfAbsent(row.at(), at -> new TreeMap<>()).put(row.topic(), rate);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Throughput history not read from topic_sample, it starts empty: %s", e.toString());
            return false;
        }
        byTime.forEach((at, rates) -> points.addLast(new Point(at, Collections.unmodifiableMap(rates))));
        return true;
    }
}

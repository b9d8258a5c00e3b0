package vn.hotline1022.localstack.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in milliseconds, kept whole so percentiles are exact (a benchmark's samples fit in memory). */
final class Latencies {

    private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

    void add(double ms) {
        millis.add(ms);
    }

    int count() {
        return millis.size();
    }

    /** The {@code p}-th percentile (0–100) by nearest rank; NaN when empty. */
    double percentile(double p) {
        List<Double> sorted;
        synchronized (millis) {
            sorted = new ArrayList<>(millis);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double p50() {
        return percentile(50);
    }

    double p99() {
        return percentile(99);
    }

    String summary() {
        return count() == 0 ? "no samples"
                : "p50 %s, p90 %s, p99 %s, max %s (n=%d)".formatted(ms(p50()), ms(percentile(90)), ms(p99()),
                        ms(percentile(100)), count());
    }

    static String ms(double ms) {
        return Double.isNaN(ms) ? "–" : ms < 10 ? "%.1f ms".formatted(ms) : "%.0f ms".formatted(ms);
    }
}

package vn.hotline1022.localstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The benchmark's Markdown report: every figure with its ratio to the baselines measured in the same run. */
final class Report {

    private Report() {
    }

    static String markdown(int rate, Duration duration, OpenLoad load, int published, Map<String, Integer> answered,
            Map<String, Latencies> stages, Latencies kafka, double pgInserts, Map<Integer, Long> lag,
            Map<String, Long> worstLag, long drainMs, Map<String, Footprint> footprints,
            Map<String, Double> cpu, Map<String, DatabaseWork.Totals> database) {
        StringBuilder r = new StringBuilder();
        r.append("# Hotline 1022 benchmark\n\n");
        r.append("%s, %s. Open-model load: %d calls/s for %d s (realistic calls: fresh phones, random Bình Dương wards,"
                .formatted(ZonedDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(DateTimeFormatter
                        .ofPattern("yyyy-MM-dd HH:mm z")), machine(), rate, duration.toSeconds()))
                .append(" mixed needs), everything on this machine.\n\n");

        r.append("## Load\n\n| | |\n|---|---|\n");
        r.append("| calls sent | %d |\n".formatted(load.sent));
        r.append("| accepted (201) | %d — **%.1f calls/s** |\n".formatted(load.accepted.size(),
                load.acceptedPerSecondOverall()));
        r.append("| refused (other status) / failed (no answer) | %d %s / %d |\n".formatted(load.refused.get(),
                load.refusedByStatus.isEmpty() ? "" : "(by status " + new java.util.TreeMap<>(load.refusedByStatus)
                        + ")", load.failed.get()));
        r.append("| HTTP latency from when the call was due | %s |\n".formatted(load.http.summary()));
        r.append("| CallReceived published for accepted calls | %d of %d |\n\n".formatted(published,
                load.accepted.size()));

        r.append("## Baselines (same run, same machine)\n\n");
        r.append("- Bare Kafka produce → consume round trip (acks=all, 1.5 KB): %s\n".formatted(kafka.summary()));
        r.append("- PostgreSQL single-row inserts, one commit each, one connection: %.0f rows/s; accepted calls/s are"
                .formatted(pgInserts)).append(" %.4f× that\n\n".formatted(load.acceptedPerSecondOverall() / pgInserts));

        r.append("## Fan-out: CallReceived → each service's first event about the case\n\n");
        r.append("| stage | cases answered | p50 | p99 | p50 ÷ Kafka p50 | p99 ÷ Kafka p99 |\n");
        r.append("|---|---|---|---|---|---|\n");
        stages.forEach((stage, l) -> r.append("| %s | %d | %s | %s | %.1f× | %.1f× |\n".formatted(stage,
                answered.getOrDefault(stage, 0), Latencies.ms(l.p50()), Latencies.ms(l.p99()),
                l.p50() / kafka.p50(), l.p99() / kafka.p99())));
        r.append("\nNot every case reaches every stage: referral answers admissions only, relief the relief needs, "
                + "dispatch the field-team needs.\n\n");

        r.append("## Consumer lag\n\n");
        r.append("- Worst total lag during the run: %d records; worst per group: %s\n".formatted(
                lag.values().stream().mapToLong(Long::longValue).max().orElse(0), worstLag));
        r.append("- Back to zero %s after the last call\n\n".formatted(drainMs < 0 ? "NOT within 120 s"
                : "%.1f s".formatted(drainMs / 1000.0)));

        int accepted = Math.max(1, load.accepted.size());
        r.append("## Services\n\nCPU used from the load's start until the lag drained, by each process of the stack (")
                .append("/proc; PostgreSQL with its backends); RSS after the run.\n\n");
        r.append("| service | CPU | CPU per accepted call | RSS | last start |\n|---|---|---|---|---|\n");
        footprints.values().forEach(f -> r.append("| %s | %s | %s | %s | %s |\n".formatted(f.service(),
                cpuSeconds(cpu.get(f.service())), cpuPerCall(cpu.get(f.service()), accepted),
                f.rssMb().isPresent() ? f.rssMb().getAsLong() + " MB" : "–",
                f.startSeconds().isPresent() ? "%.1f s".formatted(f.startSeconds().getAsDouble()) : "–")));
        Double machine = cpu.get(Bench.MACHINE);
        new java.util.TreeMap<>(cpu).forEach((name, seconds) -> {
            if (!footprints.containsKey(name) && !name.equals(Bench.MACHINE)) {
                r.append("| %s | %s | %s | | |\n".formatted(name, cpuSeconds(seconds), cpuPerCall(seconds, accepted)));
            }
        });
        double counted = cpu.entrySet().stream().filter(e -> !e.getKey().equals(Bench.MACHINE))
                .mapToDouble(Map.Entry::getValue).filter(Double::isFinite).sum();
        r.append("| anything else on the machine | %s | %s | | |\n".formatted(cpuSeconds(machine - counted),
                cpuPerCall(machine - counted, accepted)));
        r.append("| **the whole machine** | %s | %s | | |\n".formatted(cpuSeconds(machine),
                cpuPerCall(machine, accepted)));
        if (!database.isEmpty()) {
            r.append("\n## Database work during the run (pg_stat_statements, from the load's start until drained; scheduled jobs included)\n\n");
            r.append("| database | statements | per accepted call | execution time | per accepted call |\n");
            r.append("|---|---|---|---|---|\n");
            database.forEach((db, t) -> r.append("| %s | %d | %.1f | %.0f ms | %.2f ms |\n".formatted(db,
                    t.statements(), (double) t.statements() / accepted, t.execMs(), t.execMs() / accepted)));
            r.append("\nCostliest statements per database (calls × total execution time):\n\n");
            database.forEach((db, t) -> t.top().forEach(line -> r.append("- %s: %s\n".formatted(db, line))));
        }
        r.append("\n![run](chart.png)\n");
        return r.toString();
    }

    private static String cpuSeconds(Double seconds) {
        return seconds == null || !Double.isFinite(seconds) ? "–" : "%.1f s".formatted(seconds);
    }

    private static String cpuPerCall(Double seconds, int accepted) {
        return seconds == null || !Double.isFinite(seconds) ? "–" : "%.1f ms".formatted(seconds * 1000 / accepted);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException e) {
            // not Linux
        }
        long memoryGb = 0;
        try {
            memoryGb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024).orElse(0L);
        } catch (IOException e) {
            // not Linux
        }
        return "%d cores (%s), %d GB".formatted(Runtime.getRuntime().availableProcessors(), cpu, memoryGb);
    }
}

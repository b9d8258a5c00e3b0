package vn.hotline1022.localstack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A running service's memory (VmRSS of its process, found by its application jar on the command line) and its last
 * start-up time (Quarkus' "started in" line in its log under {@code .hotline/logs}). Linux only, as the local stack.
 */
record Footprint(String service, OptionalLong rssMb, OptionalDouble startSeconds) {

    /** Linux's USER_HZ: /proc reports CPU time in hundredths of a second on every common architecture. */
    private static final int CLOCK_TICKS = 100;
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    static Footprint of(Path root, String service) {
        return new Footprint(service, rss(service), startSeconds(root.resolve(".hotline/logs/" + service + ".log")));
    }

    private static OptionalLong rss(String service) {
        return process(service).flatMap(proc -> {
            for (String line : read(proc.resolve("status")).orElse("").split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
            return Optional.empty();
        }).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** CPU time the service's process has used so far (user and system), in seconds; empty when not found. */
    static OptionalDouble cpuSeconds(String service) {
        return process(service).map(proc -> OptionalDouble.of(ticks(proc, false) / (double) CLOCK_TICKS))
                .orElse(OptionalDouble.empty());
    }

    /**
     * CPU time used so far by the processes whose command line contains {@code marker}, with {@code children} also by
     * their children (live ones, and those that ended: PostgreSQL's backends come and go), in seconds.
     */
    static double cpuSecondsOf(String marker, boolean children) {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            List<Path> all = procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList();
            List<String> parents = all.stream()
                    .filter(p -> read(p.resolve("cmdline")).map(c -> c.contains(marker)).orElse(false))
                    .map(p -> p.getFileName().toString()).toList();
            for (Path p : all) {
                if (parents.contains(p.getFileName().toString())) {
                    ticks += ticks(p, children);
                } else if (children && parents.contains(stat(p).map(f -> f[1]).orElse(""))) {
                    ticks += ticks(p, false); // a live child
                }
            }
        } catch (IOException e) {
            // no /proc: not Linux
        }
        return ticks / (double) CLOCK_TICKS;
    }

    /** This process's own CPU time so far (the load generator), in seconds. */
    static double ownCpuSeconds() {
        return ticks(Path.of("/proc/self"), false) / (double) CLOCK_TICKS;
    }

    /** utime + stime, and with {@code ended} the children that ended (cutime + cstime), in clock ticks. */
    private static long ticks(Path proc, boolean ended) {
        // Fields 14 to 17 of /proc/<pid>/stat: utime, stime, cutime, cstime.
        return stat(proc).map(f -> Long.parseLong(f[11]) + Long.parseLong(f[12])
                + (ended ? Long.parseLong(f[13]) + Long.parseLong(f[14]) : 0)).orElse(0L);
    }

    /** The fields after the command name (which may hold spaces and closes with ')'): the 3rd field first. */
    private static Optional<String[]> stat(Path proc) {
        return read(proc.resolve("stat")).filter(s -> s.lastIndexOf(')') > 0)
                .map(s -> s.substring(s.lastIndexOf(')') + 2).split(" "));
    }

    /** CPU time the whole machine has been busy so far (every core, all but idle and I/O wait), in seconds. */
    static double machineBusySeconds() {
        String cpu = read(Path.of("/proc/stat")).orElse("cpu 0").lines().findFirst().orElse("cpu 0");
        String[] f = cpu.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]); // 4: idle, 5: iowait
        }
        return busy / (double) CLOCK_TICKS;
    }

    /** The /proc folder of the process running the service's application jar. */
    private static Optional<Path> process(String service) {
        String jar = service + "/target/quarkus-app/quarkus-run.jar";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> read(p.resolve("cmdline")).map(c -> c.contains(jar)).orElse(false)).findFirst();
        } catch (IOException e) {
            return Optional.empty(); // no /proc: not Linux
        }
    }

    private static OptionalDouble startSeconds(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher m = STARTED.matcher(lines.get(i));
                if (m.find()) {
                    return OptionalDouble.of(Double.parseDouble(m.group(1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no log: a service not started by ./hotline run
        }
        return OptionalDouble.empty();
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException e) {
            return Optional.empty(); // the process ended meanwhile, or is not ours to read
        }
    }
}

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

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    static Footprint of(Path root, String service) {
        return new Footprint(service, rss(service), startSeconds(root.resolve(".hotline/logs/" + service + ".log")));
    }

    private static OptionalLong rss(String service) {
        String jar = service + "/target/quarkus-app/quarkus-run.jar";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                Optional<String> cmdline = read(proc.resolve("cmdline"));
                if (cmdline.isPresent() && cmdline.get().contains(jar)) {
                    for (String line : read(proc.resolve("status")).orElse("").split("\n")) {
                        if (line.startsWith("VmRSS:")) {
                            return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // no /proc: not Linux
        }
        return OptionalLong.empty();
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

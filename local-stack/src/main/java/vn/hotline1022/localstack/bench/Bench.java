package vn.hotline1022.localstack.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import vn.hotline1022.localstack.Keycloak;
import vn.hotline1022.localstack.LocalStack;

/**
 * {@code ./hotline bench [--rate 50] [--duration 60s]}: the whole system under an open-model load of realistic calls,
 * against the stack {@code ./hotline run} started. Reports accepted calls/s, HTTP latency, each stage of the fan-out
 * (CallReceived → first dispatch, referral, relief and notification event, from the topics), consumer lag during and
 * after the run, each service's memory and start time, and the machine's own baselines measured in the same run
 * (bare Kafka round trip, PostgreSQL inserts) with every figure as a ratio to them. Writes
 * {@code target/bench/report.md} and {@code target/bench/chart.png}.
 */
public final class Bench {

    /** The whole machine's busy CPU time, next to the services' own. */
    static final String MACHINE = "the whole machine";
    static final String LOAD_GENERATOR = "this load generator";
    /** The rest of the local stack, each by a mark on its command line. */
    private static final String POSTGRES = ".hotline/postgres";
    static final Map<String, String> OTHERS = Map.of("Kafka (in the ./hotline run launcher)",
            "vn.hotline1022.localstack.HotlineRun", "Keycloak", ".hotline/keycloak", "PostgreSQL (with its backends)",
            POSTGRES, "console", "console/target/quarkus-app/quarkus-run.jar");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int rate = Integer.parseInt(o.getOrDefault("rate", "50"));
        Duration duration = Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration", "60s").replace("s", "")));
        Path root = Path.of(System.getProperty("hotline.root", ".")).toAbsolutePath().normalize();
        String intake = o.getOrDefault("intake", "http://localhost:8081");
        String kafka = o.getOrDefault("kafka", "localhost:9092");
        String tokenUrl = o.getOrDefault("token-url",
                "http://localhost:8180/realms/" + Keycloak.REALM + "/protocol/openid-connect/token");
        String postgres = o.getOrDefault("postgres", "jdbc:postgresql://127.0.0.1:15432/postgres?user=postgres");
        List<String> services = List.copyOf(LocalStack.SERVICES.keySet());

        say("Baselines on this machine (same run): bare Kafka round trip, PostgreSQL single-row inserts...");
        Latencies kafkaRtt = Baselines.kafkaRoundTrip(kafka, 330);
        double pgInserts = Baselines.postgresInsertsPerSecond(postgres, Duration.ofSeconds(3));
        say("  Kafka round trip " + kafkaRtt.summary() + "; PostgreSQL " + Math.round(pgInserts) + " inserts/s");

        DatabaseWork databaseWork = DatabaseWork.reset(postgres);
        Map<String, Double> cpu = new LinkedHashMap<>();
        services.forEach(s -> cpu.put(s, -Footprint.cpuSeconds(s).orElse(Double.NaN)));
        OTHERS.forEach((name, marker) -> cpu.put(name, -Footprint.cpuSecondsOf(marker, marker.equals(POSTGRES))));
        cpu.put(LOAD_GENERATOR, -Footprint.ownCpuSeconds());
        cpu.put(MACHINE, -Footprint.machineBusySeconds());
        String token = token(tokenUrl);
        CallMaker calls = CallMaker.of(root);
        OpenLoad load = new OpenLoad();
        long drainMs;
        Map<Integer, Long> lagSamples;
        Map<String, Long> worstLag;
        Map<String, Latencies> stages = new LinkedHashMap<>();
        Map<String, Integer> answered;
        int published;
        try (StageClock clock = new StageClock(kafka); LagWatch lag = new LagWatch(kafka, services)) {
            say("Load: %d calls/s for %d s to %s ...".formatted(rate, duration.toSeconds(), intake));
            load.run(intake + "/api/v1/calls", () -> token, calls::next, rate, duration);
            drainMs = lag.drainTime(load.endedAt, Duration.ofSeconds(120));
            Set<String> cases = load.accepted.keySet();
            // Lag zero means every event was consumed; the last answers may still be leaving an outbox.
            Map<String, Integer> before = Map.of();
            answered = clock.answered(cases);
            for (int i = 0; i < 30 && !answered.equals(before); i++) {
                TimeUnit.SECONDS.sleep(1); // until two reads a second apart agree: nothing more arrives
                before = answered;
                answered = clock.answered(cases);
            }
            for (String stage : StageClock.STAGES.keySet()) {
                stages.put(stage, clock.stage(stage, cases));
            }
            published = clock.published(cases);
            lagSamples = new TreeMap<>(lag.samples);
            worstLag = new TreeMap<>(lag.worstPerGroup);
        }

        services.forEach(s -> cpu.merge(s, Footprint.cpuSeconds(s).orElse(Double.NaN), Double::sum));
        OTHERS.forEach((name, marker) -> cpu.merge(name, Footprint.cpuSecondsOf(marker, marker.equals(POSTGRES)), Double::sum));
        cpu.merge(LOAD_GENERATOR, Footprint.ownCpuSeconds(), Double::sum);
        cpu.merge(MACHINE, Footprint.machineBusySeconds(), Double::sum);
        Map<String, DatabaseWork.Totals> database = databaseWork.read(services.stream()
                .map(LocalStack::databaseName).toList(), 3);
        Map<String, Footprint> footprints = new LinkedHashMap<>();
        services.forEach(s -> footprints.put(s, Footprint.of(root, s)));
        Map<Integer, Integer> perSecond = new TreeMap<>();
        load.acceptedPerSecond.forEach((s, n) -> perSecond.put(s, n.get()));

        Path out = root.resolve("target/bench");
        Files.createDirectories(out);
        String report = Report.markdown(rate, duration, load, published, answered, stages, kafkaRtt, pgInserts,
                lagSamples, worstLag, drainMs, footprints, cpu, database);
        Files.writeString(out.resolve("report.md"), report);
        Chart.write(out.resolve("chart.png"), perSecond, lagSamples, stages, kafkaRtt);
        System.out.println();
        System.out.println(report);
        say("Written: " + out.resolve("report.md") + " and " + out.resolve("chart.png"));
    }

    private static String token(String tokenUrl) throws Exception {
        String form = Map.of("grant_type", "password", "client_id", Keycloak.E2E_CLIENT,
                "client_secret", Keycloak.E2E_CLIENT_SECRET, "username", "agent1", "password", "agent1-demo")
                .entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("No token from " + tokenUrl + " (HTTP " + r.statusCode()
                    + "): is ./hotline run up?");
        }
        return m.group(1);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                o.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("usage: ./hotline bench [--rate N] [--duration 60s] [--intake URL]"
                        + " [--kafka host:port] [--token-url URL] [--postgres JDBC-URL]");
            }
        }
        return o;
    }

    private static void say(String line) {
        System.out.println("[bench] " + line);
    }
}

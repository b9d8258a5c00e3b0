package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static vn.hotline1022.e2e.Manifests.*;

/**
 * {@code deploy/monitoring/}: the Prometheus configuration, its alert rules and their unit tests pass {@code promtool}
 * (Debian's package {@code prometheus}; {@code .ci/run} installs it, and these tests fail without it rather than
 * skip), every service of the build is scraped on its port, and the rules and the Grafana dashboard use only metrics
 * that exist: ops-service's {@code hotline_ops_*} (its contract) or standard ones.
 */
class MonitoringFilesTest {

    static final String PROMETHEUS_CONFIG = "deploy/monitoring/prometheus.yml";
    static final String ALERT_RULES = "deploy/monitoring/alerts.rules.yml";
    static final String ALERT_TESTS = "deploy/monitoring/alerts.test.yml";
    static final String DASHBOARD = "deploy/monitoring/grafana/hotline-ops.json";

    /** What ops-service publishes on /q/metrics (its contract: the metrics section of the ops-service spec). */
    static final Set<String> OPS_METRICS = Set.of("hotline_ops_consumer_lag",
            "hotline_ops_consumer_lag_worst_partition", "hotline_ops_consumer_state", "hotline_ops_topic_end_offset",
            "hotline_ops_dead_letters", "hotline_ops_outbox_pending", "hotline_ops_outbox_oldest_seconds",
            "hotline_ops_service_up", "hotline_ops_alerts_open");

    /** What intake publishes of its callback queue (CallbackGauges), checked against its code below. */
    static final Set<String> INTAKE_METRICS = Set.of("hotline_intake_callbacks_waiting",
            "hotline_intake_callbacks_oldest_seconds");

    /** Prometheus' own per-target metric. */
    static final Set<String> STANDARD_METRICS = Set.of("up");

    /** What Micrometer's binders publish on every service's /q/metrics (JVM, process, HTTP server, Kafka clients). */
    static final Pattern MICROMETER_METRIC = Pattern.compile(
            "(jvm|process|system|http_server|http_client|kafka_consumer|kafka_producer|worker_pool|netty)_[a-z0-9_]+");

    static final Set<String> SEVERITIES = Set.of("warning", "critical");

    /** PromQL words that look like identifiers and are not metrics. */
    private static final Set<String> PROMQL_KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2", "start", "end");

    /** A Grafana variable query {@code label_values(selector, label)}: group 1 is the selector. */
    private static final Pattern LABEL_VALUES = Pattern.compile(
            "(?s)^label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*\\s*(?:\\{(?:[^}\"]|\"(?:[^\"\\\\]|\\\\.)*\")*})?)"
                    + "\\s*,\\s*\\w+\\s*\\)$");

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void load() throws Exception {
        Manifests.load();
    }

    // ------------------------------------------------------------------------------------------------------ promtool

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        promtool("check", "rules", ALERT_RULES);
    }

    @Test
    void promtoolUnitTestsOfTheAlertRulesPass() throws Exception {
        promtool("test", "rules", ALERT_TESTS);
    }

    @Test
    void promtoolAcceptsThePrometheusConfiguration() throws Exception {
        promtool("check", "config", PROMETHEUS_CONFIG);
    }

    /** Every query of the dashboard is valid PromQL: promtool checks them as recording rules. */
    @Test
    void promtoolParsesEveryQueryOfTheDashboard(@TempDir Path dir) throws Exception {
        List<String> queries = dashboardQueries();
        ArrayNode rules = JSON.createArrayNode();
        for (int i = 0; i < queries.size(); i++) {
            // A variable's label_values(selector, label) reads the series of its selector.
            Matcher labelValues = LABEL_VALUES.matcher(queries.get(i).strip());
            String expr = labelValues.matches() ? labelValues.group(1) : queries.get(i);
            ObjectNode rule = rules.addObject();
            rule.put("record", "dashboard_query_" + i);
            // Grafana's interval variables stand for a duration.
            rule.put("expr", expr.replaceAll("\\$\\{?__(rate_)?interval}?", "5m"));
        }
        ObjectNode file = JSON.createObjectNode();
        ObjectNode group = file.putArray("groups").addObject();
        group.put("name", "dashboard");
        group.set("rules", rules);
        Path rulesFile = dir.resolve("dashboard-queries.rules.yml"); // JSON is YAML
        Files.writeString(rulesFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file));
        promtool("check", "rules", rulesFile.toString());
    }

    // --------------------------------------------------------------------------------------------------- the metrics

    @Test
    void theMetricScanFindsMetricsAndOnlyMetrics() {
        // Guards the scan below: if it stopped finding names, every "uses only known metrics" check would pass.
        assertThat(metricNames("sum by (group, topic) (rate(hotline_ops_topic_end_offset{topic=~\"$topic\","
                + " group!='x'}[$__rate_interval] offset 5m)) > 1e3 and on (topic) group_left(group)"
                + " max without (instance) (up{job=~\".+-service\"}) or vector(0) unless bool foo:bar_total"))
                .containsExactlyInAnyOrder("hotline_ops_topic_end_offset", "up", "foo:bar_total");
        assertThat(metricNames("label_values(hotline_ops_consumer_lag{topic=\"a\"}, group)"))
                .containsExactly("hotline_ops_consumer_lag");
        assertThat(metricNames("label_values(group)")).isEmpty();
    }

    /**
     * The metrics above are the ones ops-service's code registers: the Micrometer names ({@code hotline.ops.*}) in
     * its sources that use Micrometer, as Prometheus names them (dots become underscores; the gauges have no unit).
     */
    @Test
    void opsServiceRegistersExactlyTheseMetrics() throws IOException {
        Set<String> registered = new TreeSet<>();
        Pattern meterName = Pattern.compile("\"(hotline\\.ops\\.[a-z0-9.]+)\"");
        try (Stream<Path> files = Files.walk(root.resolve(OPS_SERVICE).resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                if (source.contains("io.micrometer")) {
                    Matcher m = meterName.matcher(source);
                    while (m.find()) {
                        registered.add(m.group(1).replace('.', '_'));
                    }
                }
            }
        }
        assertThat(registered).as("hotline.ops.* meters in " + OPS_SERVICE + "'s code")
                .containsExactlyInAnyOrderElementsOf(OPS_METRICS);
    }

    @Test
    void intakeRegistersExactlyItsQueueMetrics() throws IOException {
        Set<String> registered = new TreeSet<>();
        Pattern meterName = Pattern.compile("\"(hotline\\.intake\\.[a-z0-9.]+)\"");
        try (Stream<Path> files = Files.walk(root.resolve("intake-service/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                Matcher m = meterName.matcher(source.contains("io.micrometer") ? source : "");
                while (m.find()) {
                    registered.add(m.group(1).replace('.', '_'));
                }
            }
        }
        assertThat(registered).as("hotline.intake.* meters in intake's code")
                .containsExactlyInAnyOrderElementsOf(INTAKE_METRICS);
    }

    @Test
    void theAlertRulesUseOnlyMetricsThatExist() throws IOException {
        Set<String> used = new TreeSet<>();
        alertRules().forEach(rule -> used.addAll(metricNames(String.valueOf(rule.get("expr")))));
        assertThat(used).as("metrics in " + ALERT_RULES).isNotEmpty()
                .allSatisfy(m -> assertThat(isKnownMetric(m)).as(ALERT_RULES + " uses " + m
                        + ": not one of ops-service's metrics " + new TreeSet<>(OPS_METRICS) + ", up or Micrometer's")
                        .isTrue())
                .contains("hotline_ops_consumer_lag", "hotline_ops_consumer_state", "hotline_ops_dead_letters",
                        "hotline_ops_outbox_oldest_seconds", "hotline_ops_service_up", "hotline_ops_alerts_open", "up");
    }

    @Test
    void everyAlertHasASeverityAndAnEnglishAndAVietnameseSummary() throws IOException {
        List<Map<String, Object>> alerts = alertRules().stream().filter(r -> r.get("alert") != null).toList();
        assertThat(alerts).as("alerts of " + ALERT_RULES).hasSizeGreaterThanOrEqualTo(6);
        for (Map<String, Object> alert : alerts) {
            String name = String.valueOf(alert.get("alert"));
            assertThat(optionalMap(alert.get("labels")).get("severity")).as(name + " severity label").isIn(SEVERITIES);
            Map<String, Object> annotations = optionalMap(alert.get("annotations"));
            assertThat(String.valueOf(annotations.get("summary"))).as(name + " summary (English)").isNotBlank()
                    .isNotEqualTo("null");
            assertThat(String.valueOf(annotations.get("summary_vi"))).as(name + " summary_vi (Vietnamese)")
                    .isNotBlank().isNotEqualTo("null").isNotEqualTo(annotations.get("summary"))
                    .containsPattern("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]");
        }
    }

    /** The unit tests show every alert both firing and silent (promtool checks that they pass). */
    @Test
    void theUnitTestsShowEveryAlertFiringAndNotFiring() throws IOException {
        Map<String, Set<Boolean>> tested = new LinkedHashMap<>();
        Map<String, Object> tests = map(yaml(root.resolve(ALERT_TESTS)).get(0), ALERT_TESTS);
        assertThat(list(tests.get("rule_files"), ALERT_TESTS + " rule_files")).as(ALERT_TESTS + " rule_files")
                .contains(Path.of(ALERT_RULES).getFileName().toString());
        for (Object t : list(tests.get("tests"), ALERT_TESTS + " tests")) {
            for (Object c : list(optionalMap(t).getOrDefault("alert_rule_test", List.of()), "alert_rule_test")) {
                Map<String, Object> check = map(c, "alert_rule_test entry");
                boolean fires = !list(check.getOrDefault("exp_alerts", List.of()), "exp_alerts").isEmpty();
                tested.computeIfAbsent(String.valueOf(check.get("alertname")), a -> new TreeSet<>()).add(fires);
            }
        }
        List<String> alerts = alertRules().stream().filter(r -> r.get("alert") != null)
                .map(r -> String.valueOf(r.get("alert"))).toList();
        assertThat(alerts).as("alerts of " + ALERT_RULES).contains("HotlineConsumerLagHigh", "HotlineConsumerStalled",
                "HotlineDeadLettersGrowing", "HotlineOutboxStuck");
        for (String alert : alerts) {
            assertThat(tested.getOrDefault(alert, Set.of())).as(alert + " in " + ALERT_TESTS + ": firing and silent")
                    .containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void prometheusScrapesEveryServiceOfTheBuildOnItsPortAndLoadsTheRules() throws IOException {
        Map<String, Object> config = map(yaml(root.resolve(PROMETHEUS_CONFIG)).get(0), PROMETHEUS_CONFIG);
        assertThat(list(config.get("rule_files"), "rule_files")).as(PROMETHEUS_CONFIG + " rule_files")
                .contains(Path.of(ALERT_RULES).getFileName().toString());
        Map<String, List<String>> targets = new LinkedHashMap<>();
        for (Object j : list(config.get("scrape_configs"), "scrape_configs")) {
            Map<String, Object> job = map(j, "scrape config");
            String name = String.valueOf(job.get("job_name"));
            assertThat(job.get("metrics_path")).as(name + " metrics_path").isEqualTo("/q/metrics");
            List<String> jobTargets = new ArrayList<>();
            for (Object sc : list(job.get("static_configs"), name + " static_configs")) {
                list(map(sc, "static config").get("targets"), name + " targets")
                        .forEach(t -> jobTargets.add(String.valueOf(t)));
            }
            targets.put(name, jobTargets);
        }
        // One job per service, named after it, at its compose/Kubernetes service name and port.
        assertThat(targets.keySet()).as("scrape jobs of " + PROMETHEUS_CONFIG)
                .containsExactlyInAnyOrderElementsOf(services);
        for (String service : services) {
            assertThat(targets.get(service)).as(service + " targets").containsExactly(service + ":" + port(service));
            assertThat(composeServices()).as("compose service of scrape target " + service).containsKey(service);
        }
    }

    // ----------------------------------------------------------------------------------------------- the dashboard

    @Test
    void theDashboardIsAGrafanaDashboardOnAPrometheusDataSourceVariable() throws IOException {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("title").asText()).as("title").isNotBlank();
        assertThat(dashboard.path("uid").asText()).as("uid").isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).as("schemaVersion").isGreaterThanOrEqualTo(36);
        JsonNode datasourceVariable = null;
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if ("datasource".equals(v.path("type").asText())) {
                datasourceVariable = v;
            }
        }
        assertThat(datasourceVariable).as("a templating variable of type datasource").isNotNull();
        assertThat(datasourceVariable.path("query").asText()).isEqualTo("prometheus");
        String uid = "${" + datasourceVariable.path("name").asText() + "}";

        List<JsonNode> panels = new ArrayList<>();
        collectPanels(dashboard.path("panels"), panels);
        List<JsonNode> queryPanels = panels.stream().filter(p -> !"row".equals(p.path("type").asText())).toList();
        assertThat(queryPanels).as("panels").hasSizeGreaterThanOrEqualTo(7);
        for (JsonNode panel : queryPanels) {
            String title = panel.path("title").asText();
            assertThat(title).as("panel title").isNotBlank();
            assertThat(panel.path("gridPos").isObject()).as(title + " gridPos").isTrue();
            assertThat(panel.path("targets").size()).as(title + " targets").isPositive();
            assertThat(panel.path("datasource").path("uid").asText()).as(title + " data source").isEqualTo(uid);
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).as(title + " query data source")
                        .isEqualTo(uid);
                assertThat(target.path("expr").asText()).as(title + " expr").isNotBlank();
            }
        }
    }

    @Test
    void theDashboardUsesOnlyMetricsThatExistAndShowsEveryOpsMetric() throws IOException {
        Set<String> used = new TreeSet<>();
        dashboardQueries().forEach(q -> used.addAll(metricNames(q)));
        assertThat(used).as("metrics in " + DASHBOARD).isNotEmpty()
                .allSatisfy(m -> assertThat(isKnownMetric(m)).as(DASHBOARD + " uses " + m
                        + ": not one of ops-service's metrics " + new TreeSet<>(OPS_METRICS) + ", up or Micrometer's")
                        .isTrue())
                .containsAll(OPS_METRICS);
        assertThat(dashboardQueries()).as("topic throughput: a rate of the end offsets")
                .anyMatch(q -> q.matches("(?s).*rate\\(\\s*hotline_ops_topic_end_offset\\b.*"));
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    static boolean isKnownMetric(String name) {
        return OPS_METRICS.contains(name) || INTAKE_METRICS.contains(name) || STANDARD_METRICS.contains(name)
                || MICROMETER_METRIC.matcher(name).matches();
    }

    /**
     * The metric names a PromQL expression (or a Grafana {@code label_values(metric, label)} variable query) selects:
     * identifiers outside strings, label matchers, ranges and grouping clauses that are neither functions nor
     * keywords.
     */
    static Set<String> metricNames(String expression) {
        String expr = expression.strip();
        Matcher labelValues = LABEL_VALUES.matcher(expr);
        if (labelValues.matches()) {
            expr = labelValues.group(1);
        } else if (expr.startsWith("label_values(")) {
            assertThat(expr).as("a label_values query without a metric").matches("label_values\\(\\s*\\w+\\s*\\)");
            expr = "";
        } else {
            Matcher queryResult = Pattern.compile("(?s)^query_result\\((.*)\\)$").matcher(expr);
            if (queryResult.matches()) {
                expr = queryResult.group(1);
            }
        }
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
                .replaceAll("`[^`]*`", "``")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?\\w+}?", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(s);
        while (m.find()) {
            String name = m.group(1);
            if (m.group(2) == null && !PROMQL_KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    static List<Map<String, Object>> alertRules() throws IOException {
        Map<String, Object> file = map(yaml(root.resolve(ALERT_RULES)).get(0), ALERT_RULES);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object g : list(file.get("groups"), ALERT_RULES + " groups")) {
            for (Object r : list(map(g, "rule group").get("rules"), "rules")) {
                rules.add(map(r, "rule"));
            }
        }
        return rules;
    }

    static JsonNode dashboard() throws IOException {
        try {
            JsonNode dashboard = JSON.readTree(root.resolve(DASHBOARD).toFile());
            assertThat(dashboard.isObject()).as(DASHBOARD + " is a JSON object").isTrue();
            return dashboard;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(DASHBOARD + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Every panel query ({@code expr}) and every query variable's query of the dashboard. */
    static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = dashboard();
        List<String> queries = new ArrayList<>();
        List<JsonNode> panels = new ArrayList<>();
        collectPanels(dashboard.path("panels"), panels);
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(target.get("expr").asText());
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                queries.add(query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        assertThat(queries).as("queries of " + DASHBOARD).isNotEmpty();
        return queries;
    }

    /** Panels, including those inside collapsed rows. */
    private static void collectPanels(JsonNode panels, List<JsonNode> into) {
        for (JsonNode panel : panels) {
            into.add(panel);
            collectPanels(panel.path("panels"), into);
        }
    }

    /** Runs promtool from the repository root and asserts it succeeds, showing its output when it does not. */
    static void promtool(String... args) throws Exception {
        Optional<Path> promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, "promtool")).filter(Files::isExecutable).findFirst();
        if (promtool.isEmpty()) {
            fail("promtool is not installed (not on PATH): it checks deploy/monitoring/. Install Debian's package "
                    + "'prometheus' (apt-get install prometheus), as .ci/run does, and run the tests again.");
        }
        List<String> command = new ArrayList<>();
        command.add(promtool.get().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(process.exitValue()).as("promtool " + String.join(" ", args) + " (exit code) said:\n" + output)
                .isZero();
    }
}

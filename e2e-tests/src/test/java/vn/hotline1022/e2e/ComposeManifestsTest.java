package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static vn.hotline1022.e2e.ComposeDefaultsTest.COMPOSE_REALM_FILE;
import static vn.hotline1022.e2e.ComposeDefaultsTest.SECRETS_CHECK;
import static vn.hotline1022.e2e.Manifests.*;

/**
 * {@code docker-compose.yml} with {@code deploy/}: every service and the console on their ports with what they need, started in order, no committed secret, the platform versions the build uses.
 * Its realm and secrets check: {@link ComposeDefaultsTest}.
 */
class ComposeManifestsTest {

    @BeforeAll
    static void load() throws Exception {
        Manifests.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vn.hotline1022.e2e.Manifests#services")
    void composeRunsTheServiceOnItsPortWithEverythingItNeeds(String service) throws IOException {
        int port = port(service);
        Map<String, Object> svc = builtFromItsDockerfileAndHealthChecked(service, port);

        Map<String, String> env = environment(svc, service);
        assertThat(env.keySet()).as(service + " environment").containsAll(requiredEnvironment(service));
        if (env.containsKey("QUARKUS_HTTP_PORT")) {
            assertThat(env.get("QUARKUS_HTTP_PORT")).isEqualTo(String.valueOf(port));
        }

        // Its database and login are the ones the init script creates, with the password postgres is given.
        String user = env.get("QUARKUS_DATASOURCE_USERNAME");
        assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/hotline_" + user);
        Matcher ref = REQUIRED_REFERENCE.matcher(String.valueOf(env.get("QUARKUS_DATASOURCE_PASSWORD")));
        assertThat(ref.matches()).as(service + " QUARKUS_DATASOURCE_PASSWORD is a ${VAR:?...} reference").isTrue();
        String passwordVar = ref.group(1);
        assertThat(postgresInitScripts()).as("init script creates " + user + " with $" + passwordVar)
                .containsPattern("(?m)^create\\s+" + Pattern.quote(user) + "\\s+\"\\$\\{"
                        + Pattern.quote(passwordVar) + "[:}]");
        assertThat(environment(map(composeServices().get("postgres"), "postgres"), "postgres"))
                .as("postgres passes " + passwordVar + " to the init script").containsKey(passwordVar);

        Map<String, Object> dependsOn = map(svc.get("depends_on"), service + " depends_on");
        assertThat(dependsOn.keySet()).contains("kafka", "postgres", "keycloak");
    }

    /** The module's compose service: built from its Dockerfile.jvm, its port published, ready checked on it. */
    private static Map<String, Object> builtFromItsDockerfileAndHealthChecked(String module, int port) {
        Map<String, Object> svc = map(composeServices().get(module), "compose service " + module);
        Map<String, Object> build = map(svc.get("build"), module + " build");
        Path context = root.resolve(String.valueOf(build.get("context"))).normalize();
        assertThat(context).as("build context").isEqualTo(root.resolve(module));
        assertThat(context.resolve(String.valueOf(build.get("dockerfile"))).normalize())
                .isEqualTo(root.resolve(module).resolve("src/main/docker/Dockerfile.jvm"));
        assertThat(containerPorts(svc.get("ports"))).as(module + " ports (container side)").contains(port);
        assertThat(healthcheck(svc, module)).as(module + " healthcheck")
                .contains("localhost:" + port + "/q/health/ready");
        return svc;
    }

    @Test
    void composeRunsTheConsoleOnItsPortPointingTheBrowserAtKeycloakAndIntake() throws IOException {
        int port = port(CONSOLE);
        Map<String, Object> svc = builtFromItsDockerfileAndHealthChecked(CONSOLE, port);

        Map<String, String> env = environment(svc, CONSOLE);
        assertThat(env.keySet()).as(CONSOLE + " environment").containsAll(consoleEnvironment());
        if (env.containsKey("QUARKUS_HTTP_PORT")) {
            assertThat(env.get("QUARKUS_HTTP_PORT")).isEqualTo(String.valueOf(port));
        }

        // The browser app signs in at Keycloak's public address, in the realm whose tokens the services accept.
        String keycloakHostname = environment(map(composeServices().get("keycloak"), "keycloak"), "keycloak")
                .get("KC_HOSTNAME");
        assertThat(keycloakHostname).as("keycloak KC_HOSTNAME (the issuer's address)").isNotBlank();
        assertThat(publishedPort(map(composeServices().get("keycloak"), "keycloak"), 8080))
                .as("keycloak's published port is KC_HOSTNAME's").isEqualTo(URI.create(keycloakHostname).getPort());
        for (String service : services) {
            String realmPath = URI.create(String.valueOf(environment(map(composeServices().get(service), service),
                    service).get("QUARKUS_OIDC_AUTH_SERVER_URL"))).getPath();
            assertThat(env.get("HOTLINE_CONSOLE_ISSUER")).as(CONSOLE + " HOTLINE_CONSOLE_ISSUER (realm of " + service
                    + ")").isEqualTo(keycloakHostname.replaceFirst("/$", "") + realmPath);
        }
        assertRealmClient(CONSOLE + " compose HOTLINE_CONSOLE_CLIENT_ID", env.get("HOTLINE_CONSOLE_CLIENT_ID"));

        // ... and calls intake-service where compose publishes it.
        Map<String, Object> intake = map(composeServices().get("intake-service"), "intake-service");
        assertThat(env.get("HOTLINE_CONSOLE_INTAKE_URL")).as(CONSOLE + " HOTLINE_CONSOLE_INTAKE_URL")
                .isEqualTo("http://localhost:" + publishedPort(intake, port("intake-service")));
        Map<String, Object> referral = map(composeServices().get("referral-service"), "referral-service");
        assertThat(env.get("HOTLINE_CONSOLE_REFERRAL_URL")).as(CONSOLE + " HOTLINE_CONSOLE_REFERRAL_URL")
                .isEqualTo("http://localhost:" + publishedPort(referral, port("referral-service")));
        Map<String, Object> ops = map(composeServices().get("ops-service"), "ops-service");
        assertThat(env.get("HOTLINE_CONSOLE_OPS_URL")).as(CONSOLE + " HOTLINE_CONSOLE_OPS_URL")
                .isEqualTo("http://localhost:" + publishedPort(ops, port("ops-service")));
        Map<String, Object> dispatch = map(composeServices().get("dispatch-service"), "dispatch-service");
        assertThat(env.get("HOTLINE_CONSOLE_DISPATCH_URL")).as(CONSOLE + " HOTLINE_CONSOLE_DISPATCH_URL")
                .isEqualTo("http://localhost:" + publishedPort(dispatch, port("dispatch-service")));
        Map<String, Object> relief = map(composeServices().get("relief-service"), "relief-service");
        assertThat(env.get("HOTLINE_CONSOLE_RELIEF_URL")).as(CONSOLE + " HOTLINE_CONSOLE_RELIEF_URL")
                .isEqualTo("http://localhost:" + publishedPort(relief, port("relief-service")));
        assertThat(map(svc.get("depends_on"), CONSOLE + " depends_on").keySet()).contains("intake-service");

        // Every service accepts browser calls from the origin compose publishes the console at.
        String origin = "http://localhost:" + publishedPort(svc, port);
        for (String service : services) {
            String origins = Optional.ofNullable(environment(map(composeServices().get(service), service), service)
                    .get(CORS_ORIGINS)).orElse(defaultCorsOrigins(service));
            assertThat(origins.split("\\s*,\\s*")).as(service + " browser origins in compose").contains(origin);
        }
    }

    /** ops-service checks every other service's health and outbox at its address on the compose network. */
    @Test
    void composeOpsServiceWatchesEveryOtherServiceOnTheComposeNetwork() {
        Map<String, String> env = environment(map(composeServices().get(OPS_SERVICE), OPS_SERVICE), OPS_SERVICE);
        Map<String, String> expected = new LinkedHashMap<>();
        services.stream().filter(s -> !s.equals(OPS_SERVICE))
                .forEach(s -> expected.put(s, "http://" + s + ":" + port(s)));
        assertThat(opsServiceUrls(env.get(OPS_SERVICE_URLS))).as(OPS_SERVICE + " " + OPS_SERVICE_URLS)
                .containsExactlyInAnyOrderEntriesOf(expected);
        expected.keySet().forEach(s -> assertThat(composeServices()).as("compose service " + s).containsKey(s));
    }

    /** Healthy dependencies only; the one-shot secrets check has no health: it has to have finished, successfully. */
    @Test
    void composeStartsNothingBeforeWhatItDependsOnIsHealthy() {
        composeServices().forEach((name, value) -> {
            Map<String, Object> svc = map(value, name);
            if (!name.equals(SECRETS_CHECK)) {
                assertThat(healthcheck(svc, name)).as(name + " healthcheck").isNotBlank();
            }
            Object dependsOn = svc.get("depends_on");
            if (dependsOn != null) {
                map(dependsOn, name + " depends_on").forEach((dependency, condition) -> {
                    assertThat(composeServices()).as(name + " depends on").containsKey(dependency);
                    assertThat(map(condition, name + " → " + dependency).get("condition"))
                            .as(name + " → " + dependency).isEqualTo(SECRETS_CHECK.equals(dependency)
                                    ? "service_completed_successfully" : "service_healthy");
                });
            }
        });
    }

    @Test
    void composeCommitsNoSecret() throws IOException {
        composeServices().forEach((name, value) -> environment(map(value, name), name).forEach((key, v) -> {
            // An optional one (a provider's key: its feature is off without it) may default to empty, never to a value.
            if (SECRET_NAME.matcher(key).matches() && !"".equals(v)) {
                assertThat(v).as(name + " " + key + " must be ${VAR:?...} from .env, never a literal")
                        .matches(REQUIRED_REFERENCE);
            }
        }));

        // Every variable compose reads (in any value; comments do not count) is in the committed example, which
        // holds placeholders only.
        Set<String> referenced = new TreeSet<>();
        Pattern reference = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
        for (String value : scalars(compose)) {
            Matcher m = reference.matcher(value);
            while (m.find()) {
                referenced.add(m.group(1));
            }
        }
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve("deploy/compose.env.example"))) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                assertThat(line).as("compose.env.example line").contains("=");
                example.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(referenced).as("${...} in docker-compose.yml").isNotEmpty();
        // COMPOSE_PROJECT_NAME is read by Compose itself (the project's name), not by a ${...} in the file.
        Set<String> expected = new TreeSet<>(referenced);
        expected.add("COMPOSE_PROJECT_NAME");
        assertThat(example.keySet()).as("deploy/compose.env.example").containsExactlyInAnyOrderElementsOf(expected);
        example.forEach((k, v) -> {
            if (SECRET_NAME.matcher(k).matches()) {
                assertThat(v).as(k + " in the committed example: a placeholder, or empty (an optional provider)")
                        .isIn("change-me", "");
            }
        });
    }

    @Test
    void composeRunsThePlatformVersionsTheBuildUses() throws Exception {
        String keycloak = image("keycloak");
        assertThat(keycloak).isEqualTo("quay.io/keycloak/keycloak:" + pomProperty("local-stack/pom.xml",
                "keycloak.version"));
        String postgresMajor = pomProperty("pom.xml", "postgres-binaries.version").split("\\.")[0];
        assertThat(image("postgres")).matches("postgres:" + postgresMajor + "\\.[0-9]+");
        assertThat(image("kafka")).matches("apache/kafka:[0-9]+\\.[0-9]+\\.[0-9]+");

        Map<String, Object> kc = map(composeServices().get("keycloak"), "keycloak");
        // Production mode on PostgreSQL, not start-dev on its built-in H2.
        assertThat(String.valueOf(kc.get("command"))).contains("start").doesNotContain("start-dev")
                .contains("--import-realm");
        Map<String, String> kcEnv = environment(kc, "keycloak");
        assertThat(kcEnv).containsEntry("KC_DB", "postgres")
                .containsEntry("KC_DB_URL", "jdbc:postgresql://postgres:5432/hotline_keycloak");
        assertThat(postgresInitScripts()).containsPattern("(?m)^create\\s+keycloak\\s+\"\\$\\{"
                + Pattern.quote(REQUIRED_REFERENCE.matcher(kcEnv.get("KC_DB_PASSWORD")).replaceAll("$1")) + "[:}]");
        assertThat(list(kc.get("volumes"), "keycloak volumes").stream().map(String::valueOf))
                .anyMatch(v -> v.startsWith("./" + COMPOSE_REALM_FILE + ":/opt/keycloak/data/import/"));
        assertThat(root.resolve(COMPOSE_REALM_FILE)).isRegularFile();

        Map<String, Object> pg = map(composeServices().get("postgres"), "postgres");
        assertThat(list(pg.get("volumes"), "postgres volumes").stream().map(String::valueOf))
                .anyMatch(v -> v.startsWith("./deploy/postgres-init:/docker-entrypoint-initdb.d"));
    }

    /**
     * Kafka writes where its volume is (a new container keeps topics, offsets and dead letters); the platform restarts
     * after a failure (not the one-shot secrets check: a restart policy would run it again and again); every container
     * has a memory limit; no top-level {@code name:} (Compose v2 reads the project's name from COMPOSE_PROJECT_NAME,
     * and v1 refuses the key).
     */
    @Test
    void composeKeepsDataRestartsAndLimitsMemory() {
        Map<String, Object> kafka = map(composeServices().get("kafka"), "kafka");
        String logDirs = environment(kafka, "kafka").get("KAFKA_LOG_DIRS");
        assertThat(logDirs).as("KAFKA_LOG_DIRS").isNotBlank();
        assertThat(list(kafka.get("volumes"), "kafka volumes").stream().map(String::valueOf))
                .as("a named volume mounted at KAFKA_LOG_DIRS").anyMatch(v -> v.matches("[a-z-]+:" + logDirs));
        composeServices().forEach((name, value) -> {
            Map<String, Object> svc = map(value, name);
            assertThat(String.valueOf(svc.get("restart"))).as(name + " restart")
                    .isIn(name.equals(SECRETS_CHECK) ? List.of("no") : List.of("unless-stopped", "always"));
            assertThat(svc.get("mem_limit")).as(name + " mem_limit").isNotNull();
        });
        assertThat(compose).as("top-level keys of docker-compose.yml").doesNotContainKey("name");
    }

    /** One variable moves the whole system to another host name: issuer, console addresses, CORS, redirect URI. */
    @Test
    void composeFollowsOnePublicHostName() throws IOException {
        Map<String, Object> console = map(composeServices().get(CONSOLE), CONSOLE);
        Object raw = map(console.get("environment"), CONSOLE + " environment").get("HOTLINE_CONSOLE_ISSUER");
        assertThat(String.valueOf(raw)).startsWith("http://${HOTLINE_PUBLIC_HOST:-localhost}:");
        for (String service : services) {
            Object cors = map(map(composeServices().get(service), service).get("environment"), service)
                    .get(CORS_ORIGINS);
            assertThat(String.valueOf(cors)).as(service + " CORS").contains("${HOTLINE_PUBLIC_HOST:-localhost}");
        }
        Map<String, Object> kc = map(map(composeServices().get("keycloak"), "keycloak").get("environment"), "kc");
        assertThat(String.valueOf(kc.get("KC_HOSTNAME"))).contains("${HOTLINE_PUBLIC_HOST:-localhost}");
        assertThat(String.valueOf(kc.get("HOTLINE_CONSOLE_ORIGIN"))).contains("${HOTLINE_PUBLIC_HOST:-localhost}");
        // The realm's console client lets that origin sign in (Keycloak fills the placeholder at import).
        assertThat(Files.readString(root.resolve(COMPOSE_REALM_FILE))).contains("\"${HOTLINE_CONSOLE_ORIGIN}/*\"");
    }
}

package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import vn.hotline1022.localstack.LocalStack;

/**
 * The deployment artefacts — each service's {@code src/main/docker/Dockerfile.jvm}, {@code docker-compose.yml} with
 * {@code deploy/}, and the Kustomize tree under {@code k8s/} — checked against the code. No container engine or
 * cluster exists on the build machines, so nothing here is run; the files are parsed, and the test fails when they
 * drift from the services: a port, a health endpoint, a setting a service needs, a committed secret.
 *
 * <p>The services are the root pom's modules whose name ends in {@code -service}; a service's port is its
 * {@code quarkus.http.port}; what it needs is {@link #requiredEnvironment(String)}. The call console ({@link #CONSOLE})
 * is deployed beside them with the same image and Kubernetes checks; what it needs is {@link #consoleEnvironment()},
 * the addresses its browser app reaches, and every service must accept browser calls from its origin.
 */
class DeploymentManifestsTest {

    /**
     * What every service needs to boot outside dev (the unprofiled defaults in application.properties and
     * service-commons point at localhost): its database and login, the broker, the identity provider. The same
     * variables {@code LocalStack} gives the service processes; {@link #theLocalStackSetsNothingTheManifestsMiss()}
     * fails if it starts setting one that is not covered here.
     */
    static final List<String> BOOT_ENVIRONMENT = List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_AUTH_SERVER_URL");

    /**
     * Variables LocalStack sets that a deployment may leave out: the image already listens on the service's port, and
     * the browser origins allowed to call the APIs (the console's) are a deployment's choice.
     */
    static final Set<String> OPTIONAL_ENVIRONMENT = Set.of("QUARKUS_HTTP_PORT", "QUARKUS_HTTP_CORS_ORIGINS");

    /** Names that hold a secret: never a literal in compose, always a secretKeyRef in Kubernetes. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|SALT).*");

    /** A compose reference that must be set: {@code ${NAME:?message}}, no default that could be a committed value. */
    static final Pattern REQUIRED_REFERENCE = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*):\\?[^}]*}$");

    static final String OIDC_REALM_FILE = LocalStack.REALM_FILE;
    static final String CONFIG_MAP = "hotline1022-config";

    /** The call console's module: no database, broker or secret; it tells the browser app where things are. */
    static final String CONSOLE = "console";
    static final String CONSOLE_CONFIG = "console/src/main/java/vn/hotline1022/console/ConsoleConfig.java";
    /** The browser origins a service accepts API calls from; in Kubernetes from this ConfigMap key. */
    static final String CORS_ORIGINS = "QUARKUS_HTTP_CORS_ORIGINS";
    static final String CORS_ORIGINS_KEY = "cors-origins";
    /** The ConfigMap keys of the addresses the console's browser app reaches. */
    static final Map<String, String> CONSOLE_CONFIG_KEYS = Map.of("HOTLINE_CONSOLE_ISSUER", "console-issuer",
            "HOTLINE_CONSOLE_INTAKE_URL", "console-intake-url", "HOTLINE_CONSOLE_REFERRAL_URL", "console-referral-url");

    private static Path root;
    private static List<String> services;
    private static Map<String, Object> compose;
    private static List<Map<String, Object>> baseObjects;

    @BeforeAll
    static void load() throws Exception {
        root = Path.of(System.getProperty("hotline.root", "..")).toAbsolutePath().normalize();
        services = servicesOfTheBuild();
        compose = map(yaml(root.resolve("docker-compose.yml")).get(0), "docker-compose.yml");
        baseObjects = kustomizationObjects(root.resolve("k8s/base"));
    }

    static Stream<String> services() throws Exception {
        if (services == null) {
            load();
        }
        return services.stream();
    }

    /** What is deployed: the services and the console. */
    static Stream<String> deployables() throws Exception {
        return Stream.concat(services(), Stream.of(CONSOLE));
    }

    private static List<String> deployableNames() {
        List<String> all = new ArrayList<>(services);
        all.add(CONSOLE);
        return all;
    }

    // ---------------------------------------------------------------------------------------------------- the code

    @Test
    void theServicesAreTheRootPomsServiceModulesAndTheOnesTheLocalStackRuns() {
        assertThat(services).as("modules ending in -service in the root pom").hasSizeGreaterThanOrEqualTo(5)
                .containsExactlyInAnyOrderElementsOf(LocalStack.SERVICES.keySet());
    }

    @Test
    void theSecretSettingsAreFoundInTheCode() {
        // Guards the scan below: if it stopped finding these, every "needs this secret" check would pass vacuously.
        assertThat(secretSettingsUsedBy("relief-service"))
                .contains("HOTLINE_RELIEF_PHONE_SALT", "HOTLINE_RECIPIENT_CODE_SECRET");
        assertThat(secretSettingsUsedBy("notification-service")).contains("HOTLINE_RECIPIENT_CODE_SECRET",
                "HOTLINE_NOTIFICATION_OPT_OUT_SALT");
    }

    @Test
    void theConsoleIsAModuleWhoseSettingsAreFoundInItsConfigMappingAndWhoseOriginTheServicesAccept() throws Exception {
        assertThat(modulesOfTheBuild()).as("modules of the root pom").contains(CONSOLE);
        // Guards the scan of ConsoleConfig: the deployments are checked against what it finds.
        assertThat(consoleEnvironment()).as("HOTLINE_CONSOLE_* of " + CONSOLE_CONFIG).containsExactlyInAnyOrder(
                "HOTLINE_CONSOLE_ISSUER", "HOTLINE_CONSOLE_CLIENT_ID", "HOTLINE_CONSOLE_INTAKE_URL",
                "HOTLINE_CONSOLE_REFERRAL_URL");
        assertThat(CONSOLE_CONFIG_KEYS.keySet()).as("ConfigMap keys of the console's addresses")
                .isSubsetOf(consoleEnvironment());
        // ./hotline run and docker compose open the console on this port; the services' default origins are its.
        assertThat(port(CONSOLE)).as("console quarkus.http.port").isEqualTo(LocalStack.CONSOLE_PORT);
        for (String service : services) {
            assertThat(defaultCorsOrigins(service)).as(service + " default quarkus.http.cors.origins")
                    .contains("http://localhost:" + port(CONSOLE));
        }
    }

    @Test
    void theLocalStackSetsNothingTheManifestsMiss() throws IOException {
        String source = Files.readString(
                root.resolve("local-stack/src/main/java/vn/hotline1022/localstack/LocalStack.java"));
        Set<String> setByLocalStack = new TreeSet<>();
        Matcher m = Pattern.compile("env\\.put\\(\"([A-Z0-9_]+)\"").matcher(source);
        while (m.find()) {
            setByLocalStack.add(m.group(1));
        }
        assertThat(setByLocalStack).as("env.put(...) in LocalStack.process").hasSizeGreaterThanOrEqualTo(5);
        Set<String> covered = new TreeSet<>(BOOT_ENVIRONMENT);
        covered.addAll(OPTIONAL_ENVIRONMENT);
        services.forEach(s -> covered.addAll(secretSettingsUsedBy(s)));
        covered.addAll(consoleEnvironment());
        assertThat(covered).as("variables the deployments provide (a new one in LocalStack must reach compose and k8s)")
                .containsAll(setByLocalStack);
    }

    // ------------------------------------------------------------------------------------------------- Dockerfile

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployables")
    void dockerfileExposesTheServicePortAndRunsAsNonRoot(String service) throws IOException {
        Path dockerfile = root.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
        assertThat(dockerfile).as(service + " Dockerfile.jvm").isRegularFile();
        List<String> lines = Files.readAllLines(dockerfile).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        List<String> from = instructions(lines, "FROM");
        assertThat(from).as("FROM").hasSize(1);
        assertThat(from.get(0)).matches("registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:[0-9][\\w.-]*");

        Set<String> exposed = instructions(lines, "EXPOSE").stream().flatMap(e -> Stream.of(e.split("\\s+")))
                .map(p -> p.replace("/tcp", "")).collect(Collectors.toSet());
        assertThat(exposed).as("EXPOSE of " + service).containsExactly(String.valueOf(port(service)));

        List<String> users = instructions(lines, "USER");
        assertThat(users).as("USER").isNotEmpty();
        assertThat(users.get(users.size() - 1)).as("the user the service runs as").isEqualTo("185");

        String copies = String.join("\n", instructions(lines, "COPY"));
        for (String part : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/")) {
            assertThat(copies).as("the fast-jar layers").contains(part);
        }
        assertThat(String.join("\n", lines)).contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
    }

    // --------------------------------------------------------------------------------------------- docker compose

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
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
        assertThat(map(svc.get("depends_on"), CONSOLE + " depends_on").keySet()).contains("intake-service");

        // Every service accepts browser calls from the origin compose publishes the console at.
        String origin = "http://localhost:" + publishedPort(svc, port);
        for (String service : services) {
            String origins = Optional.ofNullable(environment(map(composeServices().get(service), service), service)
                    .get(CORS_ORIGINS)).orElse(defaultCorsOrigins(service));
            assertThat(origins.split("\\s*,\\s*")).as(service + " browser origins in compose").contains(origin);
        }
    }

    @Test
    void composeStartsNothingBeforeWhatItDependsOnIsHealthy() {
        composeServices().forEach((name, value) -> {
            Map<String, Object> svc = map(value, name);
            assertThat(healthcheck(svc, name)).as(name + " healthcheck").isNotBlank();
            Object dependsOn = svc.get("depends_on");
            if (dependsOn != null) {
                map(dependsOn, name + " depends_on").forEach((dependency, condition) -> {
                    assertThat(composeServices()).as(name + " depends on").containsKey(dependency);
                    assertThat(map(condition, name + " → " + dependency).get("condition"))
                            .as(name + " → " + dependency).isEqualTo("service_healthy");
                });
            }
        });
    }

    @Test
    void composeCommitsNoSecret() throws IOException {
        composeServices().forEach((name, value) -> environment(map(value, name), name).forEach((key, v) -> {
            if (SECRET_NAME.matcher(key).matches()) {
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
        assertThat(example.keySet()).as("deploy/compose.env.example").containsExactlyInAnyOrderElementsOf(referenced);
        example.forEach((k, v) -> assertThat(v).as(k + " in the committed example").isEqualTo("change-me"));
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
        assertThat(String.valueOf(kc.get("command"))).contains("start-dev").contains("--import-realm");
        assertThat(list(kc.get("volumes"), "keycloak volumes").stream().map(String::valueOf))
                .anyMatch(v -> v.startsWith("./" + OIDC_REALM_FILE + ":/opt/keycloak/data/import/"));
        assertThat(root.resolve(OIDC_REALM_FILE)).isRegularFile();

        Map<String, Object> pg = map(composeServices().get("postgres"), "postgres");
        assertThat(list(pg.get("volumes"), "postgres volumes").stream().map(String::valueOf))
                .anyMatch(v -> v.startsWith("./deploy/postgres-init:/docker-entrypoint-initdb.d"));
    }

    // ------------------------------------------------------------------------------------------------- Kubernetes

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployables")
    void kubernetesDeploymentRunsTheServiceOnItsPortWithProbesAndNoRoot(String service) {
        int port = port(service);
        Map<String, Object> deployment = object("Deployment", service);
        Map<String, Object> spec = map(deployment.get("spec"), "spec");
        Map<String, Object> template = map(spec.get("template"), "template");
        Map<String, Object> labels = map(map(template.get("metadata"), "template metadata").get("labels"), "labels");
        assertThat(labels).as("pod labels").containsAllEntriesOf(
                map(map(spec.get("selector"), "selector").get("matchLabels"), "matchLabels"));
        Map<String, Object> pod = map(template.get("spec"), "pod spec");

        List<Object> containers = list(pod.get("containers"), "containers");
        assertThat(containers).hasSize(1);
        Map<String, Object> container = map(containers.get(0), "container");
        assertThat(String.valueOf(container.get("image"))).contains("/" + service + ":");

        Map<String, Integer> namedPorts = new LinkedHashMap<>();
        List<Integer> containerPorts = new ArrayList<>();
        for (Object p : list(container.get("ports"), "container ports")) {
            Map<String, Object> cp = map(p, "port");
            containerPorts.add(((Number) cp.get("containerPort")).intValue());
            if (cp.get("name") != null) {
                namedPorts.put(String.valueOf(cp.get("name")), ((Number) cp.get("containerPort")).intValue());
            }
        }
        assertThat(containerPorts).as(service + " containerPort").containsExactly(port);

        assertProbe(container, "readinessProbe", "/q/health/ready", port, namedPorts);
        assertProbe(container, "livenessProbe", "/q/health/live", port, namedPorts);
        assertProbe(container, "startupProbe", "/q/health/", port, namedPorts);

        Map<String, Object> podSecurity = optionalMap(pod.get("securityContext"));
        Map<String, Object> containerSecurity = optionalMap(container.get("securityContext"));
        assertThat(Boolean.TRUE.equals(containerSecurity.get("runAsNonRoot"))
                || Boolean.TRUE.equals(podSecurity.get("runAsNonRoot"))).as(service + " runAsNonRoot").isTrue();
        for (Map<String, Object> sc : List.of(podSecurity, containerSecurity)) {
            if (sc.get("runAsUser") != null) {
                assertThat(((Number) sc.get("runAsUser")).intValue()).as("runAsUser").isNotZero();
            }
        }
        assertThat(containerSecurity.get("allowPrivilegeEscalation")).isEqualTo(false);

        Map<String, Object> resources = map(container.get("resources"), service + " resources");
        for (String kind : List.of("requests", "limits")) {
            assertThat(map(resources.get(kind), kind).keySet()).as(service + " " + kind).contains("cpu", "memory");
        }

        Map<String, Object> svc = object("Service", service);
        Map<String, Object> svcSpec = map(svc.get("spec"), "service spec");
        assertThat(labels).as("pod labels").containsAllEntriesOf(map(svcSpec.get("selector"), "service selector"));
        assertThat(list(svcSpec.get("ports"), "service ports").stream()
                .map(p -> resolvePort(map(p, "service port").get("targetPort"), namedPorts)))
                .as(service + " Service targetPort").contains(port);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void kubernetesDeploymentSetsEverythingTheServiceNeedsAndSecretsOnlyFromSecrets(String service)
            throws IOException {
        Map<String, Map<String, Object>> env = containerEnvironment(service);
        assertThat(env.keySet()).as(service + " env").containsAll(requiredEnvironment(service));
        assertEnvironmentSources(service, env);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void kubernetesServiceAcceptsBrowserCallsFromTheOriginsInTheConfigMap(String service) {
        Map<String, Object> entry = containerEnvironment(service).get(CORS_ORIGINS);
        assertThat(entry).as(service + " env " + CORS_ORIGINS).isNotNull();
        Map<String, Object> ref = map(optionalMap(entry.get("valueFrom")).get("configMapKeyRef"),
                service + " " + CORS_ORIGINS + " configMapKeyRef");
        assertThat(ref.get("name")).as(service + " " + CORS_ORIGINS + " ConfigMap").isEqualTo(CONFIG_MAP);
        assertThat(ref.get("key")).as(service + " " + CORS_ORIGINS + " key").isEqualTo(CORS_ORIGINS_KEY);
    }

    @Test
    void kubernetesConsoleTakesTheBrowserAddressesFromTheConfigMapAndNoSecret() throws IOException {
        Map<String, Map<String, Object>> env = containerEnvironment(CONSOLE);
        assertThat(env.keySet()).as(CONSOLE + " env").containsAll(consoleEnvironment());
        assertEnvironmentSources(CONSOLE, env);
        // Each deployment has its own public addresses: from the ConfigMap an overlay patches, never a literal.
        CONSOLE_CONFIG_KEYS.forEach((name, key) -> {
            Map<String, Object> ref = map(optionalMap(env.get(name).get("valueFrom")).get("configMapKeyRef"),
                    CONSOLE + " " + name + " configMapKeyRef");
            assertThat(ref.get("key")).as(CONSOLE + " " + name + " key").isEqualTo(key);
        });
        env.forEach((name, entry) -> assertThat(optionalMap(entry.get("valueFrom")))
                .as(CONSOLE + " " + name + " (the console holds no secret)").doesNotContainKey("secretKeyRef"));
        Map<String, Object> clientId = env.get("HOTLINE_CONSOLE_CLIENT_ID");
        if (clientId.containsKey("value")) {
            assertRealmClient(CONSOLE + " k8s HOTLINE_CONSOLE_CLIENT_ID", String.valueOf(clientId.get("value")));
        }
    }

    /**
     * In the base ConfigMap and as each overlay patches it: the services' browser origins are origins (Quarkus
     * compares them exactly: no path, no trailing slash), and the console signs in to the realm the services trust.
     */
    @Test
    void kubernetesConfigMapGivesTheConsoleTheServicesRealmAndTheServicesTheConsolesOrigin() throws IOException {
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        Map<String, Object> base = map(object("ConfigMap", CONFIG_MAP).get("data"), CONFIG_MAP + " data");
        configs.put("k8s/base", base);
        for (Path kustomization : kustomizations()) {
            Path dir = kustomization.getParent();
            Map<String, Object> k = map(yaml(kustomization).get(0), kustomization.toString());
            for (Object p : list(k.getOrDefault("patches", List.of()), "patches")) {
                Object path = map(p, "patch").get("path");
                if (path == null) {
                    continue;
                }
                for (Object o : yaml(dir.resolve(String.valueOf(path)))) {
                    Map<String, Object> patch = map(o, String.valueOf(path));
                    if ("ConfigMap".equals(patch.get("kind")) && CONFIG_MAP.equals(name(patch))) {
                        Map<String, Object> merged = configs.computeIfAbsent(root.relativize(dir).toString(),
                                d -> new LinkedHashMap<>(base));
                        merged.putAll(optionalMap(patch.get("data")));
                    }
                }
            }
        }
        assertThat(configs).as("ConfigMaps of k8s/base and its overlays").hasSizeGreaterThanOrEqualTo(2);
        configs.forEach((where, data) -> {
            assertThat(data).as(where + " " + CONFIG_MAP).containsKeys(CORS_ORIGINS_KEY, "oidc-auth-server-url")
                    .containsKeys(CONSOLE_CONFIG_KEYS.values().toArray(String[]::new));
            assertThat(String.valueOf(data.get(CORS_ORIGINS_KEY)).split(","))
                    .as(where + " " + CORS_ORIGINS_KEY).isNotEmpty()
                    .allSatisfy(o -> assertThat(o.strip()).as(where + " " + CORS_ORIGINS_KEY + " entry")
                            .matches("https?://[^/\\s]+"));
            URI issuer = URI.create(String.valueOf(data.get("console-issuer")));
            assertThat(issuer.getScheme()).as(where + " console-issuer").isIn("http", "https");
            assertThat(issuer.getPath()).as(where + " console-issuer: the realm of oidc-auth-server-url")
                    .isEqualTo(URI.create(String.valueOf(data.get("oidc-auth-server-url"))).getPath());
            assertThat(URI.create(String.valueOf(data.get("console-intake-url"))).getScheme())
                    .as(where + " console-intake-url").isIn("http", "https");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployables")
    void kubernetesPodDisruptionBudgetCoversTheDeployment(String module) {
        Map<String, Object> template = map(map(object("Deployment", module).get("spec"), "spec").get("template"),
                "template");
        Map<String, Object> labels = map(map(template.get("metadata"), "template metadata").get("labels"), "labels");
        Map<String, Object> pdb = map(object("PodDisruptionBudget", module).get("spec"), module + " PDB spec");
        Map<String, Object> selector = map(map(pdb.get("selector"), "PDB selector").get("matchLabels"),
                "PDB matchLabels");
        assertThat(selector).as(module + " PDB selector").isNotEmpty();
        assertThat(labels).as(module + " pod labels (PDB selector)").containsAllEntriesOf(selector);
        assertThat(pdb.containsKey("maxUnavailable") || pdb.containsKey("minAvailable"))
                .as(module + " PDB sets maxUnavailable or minAvailable").isTrue();
    }

    private static void assertEnvironmentSources(String service, Map<String, Map<String, Object>> env)
            throws IOException {
        Map<String, Object> configData = map(object("ConfigMap", CONFIG_MAP).get("data"), CONFIG_MAP + " data");
        Map<String, Set<String>> exampleSecrets = exampleSecretKeys();
        env.forEach((name, entry) -> {
            Map<String, Object> from = optionalMap(entry.get("valueFrom"));
            if (SECRET_NAME.matcher(name).matches()) {
                assertThat(entry.get("value")).as(service + " " + name + " literal value").isNull();
                assertThat(from).as(service + " " + name + " comes from a Secret").containsKey("secretKeyRef");
            }
            if (from.containsKey("secretKeyRef")) {
                Map<String, Object> ref = map(from.get("secretKeyRef"), "secretKeyRef");
                assertThat(exampleSecrets.getOrDefault(String.valueOf(ref.get("name")), Set.of()))
                        .as(service + " " + name + ": Secret " + ref.get("name") + " documented in secrets.example.yaml")
                        .contains(String.valueOf(ref.get("key")));
            }
            if (from.containsKey("configMapKeyRef")) {
                Map<String, Object> ref = map(from.get("configMapKeyRef"), "configMapKeyRef");
                assertThat(ref.get("name")).isEqualTo(CONFIG_MAP);
                assertThat(configData).as(service + " " + name + " from " + CONFIG_MAP)
                        .containsKey(String.valueOf(ref.get("key")));
            }
            if (!from.containsKey("secretKeyRef") && !from.containsKey("configMapKeyRef")) {
                assertThat(entry).as(service + " " + name + " has a value").containsKey("value");
            }
        });
    }

    @Test
    void kubernetesCommitsNoSecretAndNamesTheConfigMapTheServicesRead() throws IOException {
        assertThat(baseObjects).as("objects of k8s/base").isNotEmpty();
        for (Path kustomization : kustomizations()) {
            for (Map<String, Object> o : kustomizationObjects(kustomization.getParent())) {
                if ("Secret".equals(o.get("kind"))) {
                    assertThat(optionalMap(o.get("data"))).as("committed Secret " + name(o)).isEmpty();
                    assertThat(optionalMap(o.get("stringData"))).as("committed Secret " + name(o)).isEmpty();
                }
            }
        }
        assertThat(object("ConfigMap", CONFIG_MAP).get("data")).isNotNull();
        assertThat(root.resolve("k8s/base/secrets.example.yaml")).isRegularFile();
    }

    @Test
    void everyKustomizationEntryExists() throws IOException {
        List<Path> kustomizations = kustomizations();
        assertThat(kustomizations).as("kustomization.yaml files").anyMatch(p -> p.startsWith(root.resolve("k8s/base")))
                .anyMatch(p -> p.startsWith(root.resolve("k8s/overlays")));
        Set<String> deployments = baseObjects.stream().filter(o -> "Deployment".equals(o.get("kind")))
                .map(DeploymentManifestsTest::name).collect(Collectors.toSet());
        Set<String> images = baseObjects.stream().filter(o -> "Deployment".equals(o.get("kind")))
                .flatMap(o -> list(map(map(map(o.get("spec"), "spec").get("template"), "template").get("spec"),
                        "pod spec").get("containers"), "containers").stream())
                .map(c -> String.valueOf(map(c, "container").get("image")).replaceFirst(":[^:/]*$", ""))
                .collect(Collectors.toSet());
        for (Path file : kustomizations) {
            Path dir = file.getParent();
            Map<String, Object> k = map(yaml(file).get(0), file.toString());
            assertThat(k.get("kind")).isEqualTo("Kustomization");
            for (Object r : list(k.getOrDefault("resources", List.of()), "resources")) {
                Path resource = dir.resolve(String.valueOf(r)).normalize();
                assertThat(Files.isRegularFile(resource) || Files.isRegularFile(resource.resolve("kustomization.yaml")))
                        .as(file + " resource " + r + " exists").isTrue();
                assertThat(resource.getFileName().toString()).as(file + " resources")
                        .isNotEqualTo("secrets.example.yaml");
            }
            for (Object p : list(k.getOrDefault("patches", List.of()), "patches")) {
                Object path = map(p, "patch").get("path");
                if (path != null) {
                    assertThat(dir.resolve(String.valueOf(path))).as(file + " patch").isRegularFile();
                }
            }
            for (Object r : list(k.getOrDefault("replicas", List.of()), "replicas")) {
                assertThat(deployments).as(file + " replicas").contains(String.valueOf(map(r, "replica").get("name")));
            }
            for (Object i : list(k.getOrDefault("images", List.of()), "images")) {
                assertThat(images).as(file + " images").contains(String.valueOf(map(i, "image").get("name")));
            }
        }
        assertThat(deployments).as("Deployments in k8s/base").containsExactlyInAnyOrderElementsOf(deployableNames());
    }

    /**
     * Where {@code kubectl} is installed (it needs no cluster for this), every kustomization is rendered by Kustomize
     * itself, which catches what a parse cannot: a patch that matches nothing, a bad field, a name clash. Skipped on a
     * machine without kubectl.
     */
    @Test
    void kustomizeRendersEveryKustomizationWhereKubectlIsInstalled() throws Exception {
        Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(kubectl.isPresent(), "kubectl is not installed");
        for (Path file : kustomizations()) {
            Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", file.getParent().toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize " + file.getParent() + ":\n" + output).isZero();
            List<Object> rendered = new ArrayList<>();
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(output).forEach(rendered::add);
            assertThat(rendered.stream().filter(o -> o instanceof Map<?, ?> m && "Deployment".equals(m.get("kind")))
                    .map(o -> name(map(o, "rendered Deployment"))))
                    .as("Deployments rendered from " + file.getParent())
                    .containsExactlyInAnyOrderElementsOf(deployableNames());
        }
    }

    @Test
    void theReadmeDeploysWithFilesThatExist() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(readme).contains("## Deploy").contains("docker compose").contains("DeploymentManifestsTest");
        Matcher m = Pattern.compile("kubectl apply -k (\\S+)").matcher(readme);
        int found = 0;
        while (m.find()) {
            found++;
            assertThat(root.resolve(m.group(1)).resolve("kustomization.yaml")).isRegularFile();
        }
        assertThat(found).as("kubectl apply -k in the README").isPositive();
        assertThat(readme).contains("deploy/compose.env.example");
        assertThat(readme).as("the README names the console's image")
                .contains(CONSOLE + "/src/main/docker/Dockerfile.jvm");
        assertThat(root.resolve("deploy/compose.env.example")).isRegularFile();
    }

    // ----------------------------------------------------------------------------------------- what a service needs

    /** {@link #BOOT_ENVIRONMENT} plus every secret setting the service's own code reads. */
    static Set<String> requiredEnvironment(String service) {
        Set<String> required = new LinkedHashSet<>(BOOT_ENVIRONMENT);
        required.addAll(secretSettingsUsedBy(service));
        return required;
    }

    /**
     * The environment variables of the secret settings ({@code hotline.*} keys ending in salt, secret or password)
     * that a service's main code reads: named in a string ({@code @ConfigProperty(name = ...)},
     * {@code getValue(...)}) or as a method of a {@code @ConfigMapping} interface (e.g. {@code phoneSalt()} under
     * {@code hotline.relief}). Their development defaults must never reach a deployment.
     */
    static Set<String> secretSettingsUsedBy(String service) {
        Set<String> keys = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(hotline\\.[a-z0-9.-]*(?:secret|salt|password)[a-z0-9-]*)\"");
        Pattern prefix = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
        Pattern method = Pattern.compile("\\b(\\w*(?:[Ss]ecret|[Ss]alt|[Pp]assword))\\s*\\(\\s*\\)\\s*;");
        try (Stream<Path> files = Files.walk(root.resolve(service).resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                Matcher m = literal.matcher(source);
                while (m.find()) {
                    keys.add(m.group(1));
                }
                Matcher p = prefix.matcher(source);
                if (p.find()) {
                    Matcher mm = method.matcher(source);
                    while (mm.find()) {
                        keys.add(p.group(1) + "." + kebab(mm.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys.stream().map(k -> k.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The environment variables of the console's settings: every method of its {@code @ConfigMapping} interface
     * {@link #CONSOLE_CONFIG} under its prefix (e.g. {@code intakeUrl()} under {@code hotline.console} is
     * {@code HOTLINE_CONSOLE_INTAKE_URL}). Each has a default for the local stack only, so a deployment sets them all.
     */
    static Set<String> consoleEnvironment() {
        String source;
        try {
            source = Files.readString(root.resolve(CONSOLE_CONFIG)).replaceAll("(?s)/\\*.*?\\*/", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher prefix = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"").matcher(source);
        assertThat(prefix.find()).as("@ConfigMapping(prefix = ...) in " + CONSOLE_CONFIG).isTrue();
        Set<String> names = new TreeSet<>();
        Matcher method = Pattern.compile("\\b(\\w+)\\s*\\(\\s*\\)\\s*;").matcher(source);
        while (method.find()) {
            names.add((prefix.group(1) + "." + kebab(method.group(1))).toUpperCase(Locale.ROOT)
                    .replaceAll("[^A-Z0-9]", "_"));
        }
        return names;
    }

    /**
     * The browser origins a service accepts when {@code QUARKUS_HTTP_CORS_ORIGINS} is not set: its own
     * application.properties', else service-commons'.
     */
    static String defaultCorsOrigins(String service) {
        String key = "quarkus.http.cors.origins";
        String own = properties(root.resolve(service).resolve("src/main/resources/application.properties"))
                .getProperty(key);
        String common = properties(root.resolve(
                "service-commons/src/main/resources/META-INF/microprofile-config.properties")).getProperty(key);
        String origins = own != null ? own : common;
        assertThat(origins).as(service + " " + key).isNotBlank();
        return origins;
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private static List<String> servicesOfTheBuild() throws Exception {
        return modulesOfTheBuild().stream().filter(m -> m.endsWith("-service")).toList();
    }

    private static List<String> modulesOfTheBuild() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
        NodeList modules = doc.getElementsByTagName("module");
        List<String> result = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            result.add(modules.item(i).getTextContent().strip());
        }
        return result;
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The realm file has a client with this clientId. */
    private static void assertRealmClient(String what, String clientId) throws IOException {
        assertThat(clientId).as(what).isNotBlank();
        assertThat(Files.readString(root.resolve(OIDC_REALM_FILE))).as(what + ": a client of " + OIDC_REALM_FILE)
                .containsPattern("\"clientId\"\\s*:\\s*\"" + Pattern.quote(clientId) + "\"");
    }

    /** The env entries, by name, of a Deployment's (only) container in k8s/base. */
    private static Map<String, Map<String, Object>> containerEnvironment(String deployment) {
        Map<String, Object> container = map(list(map(map(map(object("Deployment", deployment).get("spec"), "spec")
                .get("template"), "template").get("spec"), "pod spec").get("containers"), "containers").get(0),
                "container");
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Object e : list(container.get("env"), deployment + " env")) {
            Map<String, Object> entry = map(e, "env entry");
            env.put(String.valueOf(entry.get("name")), entry);
        }
        return env;
    }

    private static int port(String service) {
        Properties p = properties(root.resolve(service).resolve("src/main/resources/application.properties"));
        String port = p.getProperty("quarkus.http.port");
        assertThat(port).as(service + " quarkus.http.port").isNotNull();
        return Integer.parseInt(port.strip());
    }

    private static String pomProperty(String pom, String property) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve(pom).toFile());
        NodeList nodes = doc.getElementsByTagName(property);
        assertThat(nodes.getLength()).as(property + " in " + pom).isPositive();
        return nodes.item(0).getTextContent().strip();
    }

    private static List<String> instructions(List<String> lines, String instruction) {
        return lines.stream().filter(l -> l.toUpperCase(Locale.ROOT).startsWith(instruction + " "))
                .map(l -> l.substring(instruction.length()).strip()).toList();
    }

    /** Every scalar (key or value) of a parsed YAML tree, as text. */
    private static List<String> scalars(Object node) {
        List<String> result = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                result.addAll(scalars(k));
                result.addAll(scalars(v));
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> result.addAll(scalars(item)));
        } else if (node != null) {
            result.add(String.valueOf(node));
        }
        return result;
    }

    private static Map<String, Object> composeServices() {
        return map(compose.get("services"), "compose services");
    }

    private static String image(String composeService) {
        return String.valueOf(map(composeServices().get(composeService), composeService).get("image"));
    }

    private static String healthcheck(Map<String, Object> svc, String name) {
        Map<String, Object> health = map(svc.get("healthcheck"), name + " healthcheck");
        assertThat(health.get("disable")).as(name + " healthcheck disabled").isNotEqualTo(true);
        Object test = health.get("test");
        assertThat(test).as(name + " healthcheck test").isNotNull();
        String command = test instanceof List<?> l ? l.stream().map(String::valueOf).collect(Collectors.joining(" "))
                : String.valueOf(test);
        assertThat(command).as(name + " healthcheck test").isNotBlank().doesNotStartWith("NONE");
        return command;
    }

    /** Compose's environment, in map or list ({@code KEY=value}) form. */
    private static Map<String, String> environment(Map<String, Object> svc, String name) {
        Map<String, String> env = new LinkedHashMap<>();
        Object e = svc.get("environment");
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (e instanceof List<?> l) {
            for (Object item : l) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** The container side of compose port mappings, short ({@code "8081:8081"}) or long ({@code target:}) syntax. */
    private static List<Integer> containerPorts(Object ports) {
        List<Integer> result = new ArrayList<>();
        for (Object p : list(ports, "ports")) {
            if (p instanceof Map<?, ?> m) {
                result.add(Integer.parseInt(String.valueOf(m.get("target"))));
            } else {
                String s = String.valueOf(p).replace("/tcp", "");
                result.add(Integer.parseInt(s.substring(s.lastIndexOf(':') + 1)));
            }
        }
        return result;
    }

    /** The host port compose publishes a container port on (short or long syntax); fails if it publishes none. */
    private static int publishedPort(Map<String, Object> svc, int containerPort) {
        List<Integer> published = new ArrayList<>();
        for (Object p : list(svc.get("ports"), "ports")) {
            if (p instanceof Map<?, ?> m) {
                if (String.valueOf(containerPort).equals(String.valueOf(m.get("target")))
                        && m.get("published") != null) {
                    published.add(Integer.parseInt(String.valueOf(m.get("published"))));
                }
            } else {
                String[] parts = String.valueOf(p).replace("/tcp", "").split(":");
                if (parts.length >= 2 && parts[parts.length - 1].equals(String.valueOf(containerPort))) {
                    published.add(Integer.parseInt(parts[parts.length - 2]));
                }
            }
        }
        assertThat(published).as("host port published for container port " + containerPort).hasSize(1);
        return published.get(0);
    }

    private static String postgresInitScripts() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(root.resolve("deploy/postgres-init"))) {
            for (Path f : files.sorted().toList()) {
                all.append(Files.readString(f)).append('\n');
            }
        }
        return all.toString();
    }

    private static void assertProbe(Map<String, Object> container, String probe, String path, int port,
            Map<String, Integer> namedPorts) {
        Map<String, Object> httpGet = map(map(container.get(probe), probe).get("httpGet"), probe + " httpGet");
        assertThat(String.valueOf(httpGet.get("path"))).as(probe + " path").startsWith(path);
        assertThat(resolvePort(httpGet.get("port"), namedPorts)).as(probe + " port").isEqualTo(port);
    }

    private static Integer resolvePort(Object port, Map<String, Integer> namedPorts) {
        if (port instanceof Number n) {
            return n.intValue();
        }
        return namedPorts.get(String.valueOf(port));
    }

    private static Map<String, Object> object(String kind, String name) {
        List<Map<String, Object>> found = baseObjects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(name(o))).toList();
        assertThat(found).as(kind + " " + name + " in k8s/base").hasSize(1);
        return found.get(0);
    }

    private static String name(Map<String, Object> o) {
        return String.valueOf(map(o.get("metadata"), "metadata").get("name"));
    }

    /** Secret name → keys, from k8s/base/secrets.example.yaml. */
    private static Map<String, Set<String>> exampleSecretKeys() throws IOException {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (Object o : yaml(root.resolve("k8s/base/secrets.example.yaml"))) {
            Map<String, Object> secret = map(o, "secrets.example.yaml");
            assertThat(secret.get("kind")).isEqualTo("Secret");
            Set<String> keys = new TreeSet<>(optionalMap(secret.get("stringData")).keySet());
            keys.addAll(optionalMap(secret.get("data")).keySet());
            result.put(name(secret), keys);
        }
        return result;
    }

    private static List<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("k8s"))) {
            return files.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
    }

    /** The objects of the YAML files a kustomization lists as resources (not those of other kustomizations). */
    private static List<Map<String, Object>> kustomizationObjects(Path dir) throws IOException {
        Map<String, Object> k = map(yaml(dir.resolve("kustomization.yaml")).get(0), dir + "/kustomization.yaml");
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object r : list(k.getOrDefault("resources", List.of()), "resources")) {
            Path resource = dir.resolve(String.valueOf(r)).normalize();
            if (Files.isRegularFile(resource)) {
                for (Object o : yaml(resource)) {
                    objects.add(map(o, resource.toString()));
                }
            }
        }
        return objects;
    }

    private static List<Object> yaml(Path file) throws IOException {
        assertThat(file).isRegularFile();
        try (Reader r = Files.newBufferedReader(file)) {
            List<Object> docs = new ArrayList<>();
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r).forEach(d -> {
                if (d != null) {
                    docs.add(d);
                }
            });
            assertThat(docs).as(file + " has YAML documents").isNotEmpty();
            return docs;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        assertThat(o).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> optionalMap(Object o) {
        return o == null ? Map.of() : map(o, "mapping");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String what) {
        assertThat(o).as(what).isInstanceOf(List.class);
        return (List<Object>) o;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}

package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import vn.hotline1022.localstack.LocalStack;

/**
 * What the deployment tests share: the build's services and console, the parsed {@code docker-compose.yml} and
 * {@code k8s/base}, and what each service needs to run, read from its code. Loaded once.
 */
final class Manifests {

    private Manifests() {
    }

    /**
     * What every service needs to boot outside dev (the unprofiled defaults in application.properties and
     * service-commons point at localhost): its database and login, the broker, the identity provider. The same
     * variables {@code LocalStack} gives the service processes;
     * {@link DeploymentManifestsTest#theLocalStackSetsNothingTheManifestsMiss()}
     * fails if it starts setting one that is not covered here.
     */
    static final List<String> BOOT_ENVIRONMENT = List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_AUTH_SERVER_URL");

    /**
     * Variables LocalStack sets that a deployment may leave out: the image already listens on the service's port, and
     * the browser origins allowed to call the APIs (the console's) are a deployment's choice.
     */
    // The guessing budget per client: the local stack's browsers are all one address (127.0.0.1); deployments keep the
    // defaults, one client per real address.
    static final Set<String> OPTIONAL_ENVIRONMENT = Set.of("QUARKUS_HTTP_PORT", "QUARKUS_HTTP_CORS_ORIGINS",
            "HOTLINE_GUESS_BUDGET_CLIENT_FREE", "HOTLINE_GUESS_BUDGET_CLIENT_MAX");

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
            "HOTLINE_CONSOLE_INTAKE_URL", "console-intake-url", "HOTLINE_CONSOLE_REFERRAL_URL", "console-referral-url",
            "HOTLINE_CONSOLE_OPS_URL", "console-ops-url", "HOTLINE_CONSOLE_DISPATCH_URL", "console-dispatch-url",
            "HOTLINE_CONSOLE_MAP_TILE_URL", "console-map-tile-url", "HOTLINE_CONSOLE_RELIEF_URL", "console-relief-url");

    static Path root;
    static List<String> services;
    static Map<String, Object> compose;
    static List<Map<String, Object>> baseObjects;

    static synchronized void load() throws Exception {
        if (root != null) {
            return;
        }
        root = Path.of(System.getProperty("hotline.root", "..")).toAbsolutePath().normalize();
        services = servicesOfTheBuild();
        compose = map(yaml(root.resolve("docker-compose.yml")).get(0), "docker-compose.yml");
        baseObjects = kustomizationObjects(root.resolve("k8s/base"));
    }

    static Stream<String> services() throws Exception {
        load();
        return services.stream();
    }

    /** What is deployed: the services and the console. */
    static Stream<String> deployables() throws Exception {
        return Stream.concat(services(), Stream.of(CONSOLE));
    }

    static List<String> deployableNames() {
        List<String> all = new ArrayList<>(services);
        all.add(CONSOLE);
        return all;
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

    static List<String> servicesOfTheBuild() throws Exception {
        return modulesOfTheBuild().stream().filter(m -> m.endsWith("-service")).toList();
    }

    static List<String> modulesOfTheBuild() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
        NodeList modules = doc.getElementsByTagName("module");
        List<String> result = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            result.add(modules.item(i).getTextContent().strip());
        }
        return result;
    }

    static Properties properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The realm file has a client with this clientId. */
    static void assertRealmClient(String what, String clientId) throws IOException {
        assertThat(clientId).as(what).isNotBlank();
        assertThat(Files.readString(root.resolve(OIDC_REALM_FILE))).as(what + ": a client of " + OIDC_REALM_FILE)
                .containsPattern("\"clientId\"\\s*:\\s*\"" + Pattern.quote(clientId) + "\"");
    }

    /** The env entries, by name, of a Deployment's (only) container in k8s/base. */
    static Map<String, Map<String, Object>> containerEnvironment(String deployment) {
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

    static int port(String service) {
        Properties p = properties(root.resolve(service).resolve("src/main/resources/application.properties"));
        String port = p.getProperty("quarkus.http.port");
        assertThat(port).as(service + " quarkus.http.port").isNotNull();
        return Integer.parseInt(port.strip());
    }

    static String pomProperty(String pom, String property) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve(pom).toFile());
        NodeList nodes = doc.getElementsByTagName(property);
        assertThat(nodes.getLength()).as(property + " in " + pom).isPositive();
        return nodes.item(0).getTextContent().strip();
    }

    static List<String> instructions(List<String> lines, String instruction) {
        return lines.stream().filter(l -> l.toUpperCase(Locale.ROOT).startsWith(instruction + " "))
                .map(l -> l.substring(instruction.length()).strip()).toList();
    }

    /** Every scalar (key or value) of a parsed YAML tree, as text. */
    static List<String> scalars(Object node) {
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

    static Map<String, Object> composeServices() {
        return map(compose.get("services"), "compose services");
    }

    static String image(String composeService) {
        return String.valueOf(map(composeServices().get(composeService), composeService).get("image"));
    }

    static String healthcheck(Map<String, Object> svc, String name) {
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
    static Map<String, String> environment(Map<String, Object> svc, String name) {
        Map<String, String> env = new LinkedHashMap<>();
        Object e = svc.get("environment");
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : withDefaults(String.valueOf(v))));
        } else if (e instanceof List<?> l) {
            for (Object item : l) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : withDefaults(s.substring(eq + 1)));
            }
        }
        return env;
    }

    private static final Pattern WITH_DEFAULT = Pattern.compile("\\$\\{([A-Z0-9_]+):-([^}]*)}");

    /** Compose's interpolation of {@code ${VAR:-default}} with VAR unset (as on a machine whose .env keeps it). */
    static String withDefaults(String value) {
        return WITH_DEFAULT.matcher(value).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
    }

    /** The container side of compose port mappings, short ({@code "8081:8081"}) or long ({@code target:}) syntax. */
    static List<Integer> containerPorts(Object ports) {
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
    static int publishedPort(Map<String, Object> svc, int containerPort) {
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

    static String postgresInitScripts() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(root.resolve("deploy/postgres-init"))) {
            for (Path f : files.sorted().toList()) {
                all.append(Files.readString(f)).append('\n');
            }
        }
        return all.toString();
    }

    static void assertProbe(Map<String, Object> container, String probe, String path, int port,
            Map<String, Integer> namedPorts) {
        Map<String, Object> httpGet = map(map(container.get(probe), probe).get("httpGet"), probe + " httpGet");
        assertThat(String.valueOf(httpGet.get("path"))).as(probe + " path").startsWith(path);
        assertThat(resolvePort(httpGet.get("port"), namedPorts)).as(probe + " port").isEqualTo(port);
    }

    static Integer resolvePort(Object port, Map<String, Integer> namedPorts) {
        if (port instanceof Number n) {
            return n.intValue();
        }
        return namedPorts.get(String.valueOf(port));
    }

    static Map<String, Object> object(String kind, String name) {
        List<Map<String, Object>> found = baseObjects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(name(o))).toList();
        assertThat(found).as(kind + " " + name + " in k8s/base").hasSize(1);
        return found.get(0);
    }

    static String name(Map<String, Object> o) {
        return String.valueOf(map(o.get("metadata"), "metadata").get("name"));
    }

    /** Secret name → keys, from k8s/base/secrets.example.yaml. */
    static Map<String, Set<String>> exampleSecretKeys() throws IOException {
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

    static List<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("k8s"))) {
            return files.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
    }

    /**
     * The objects of the YAML files a kustomization lists as resources (not those of other kustomizations), and the
     * ConfigMaps its configMapGenerator creates (under the generator's name; Kustomize adds a hash when it renders).
     */
    static List<Map<String, Object>> kustomizationObjects(Path dir) throws IOException {
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
        objects.addAll(generatedConfigMaps(dir, false));
        return objects;
    }

    /**
     * The ConfigMaps of a kustomization's configMapGenerator, as {@code kind: ConfigMap} objects with the generator's
     * name and data (its envs files, then its literals): those it creates ({@code merges} false) or those it merges
     * into a base's ConfigMap of the same name ({@code behavior: merge}, {@code merges} true).
     */
    static List<Map<String, Object>> generatedConfigMaps(Path dir, boolean merges) throws IOException {
        Map<String, Object> k = map(yaml(dir.resolve("kustomization.yaml")).get(0), dir + "/kustomization.yaml");
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object g : list(k.getOrDefault("configMapGenerator", List.of()), "configMapGenerator")) {
            Map<String, Object> generator = map(g, dir + " configMapGenerator entry");
            if ("merge".equals(generator.get("behavior")) != merges) {
                continue;
            }
            assertThat(generator.get("files")).as(dir + " configMapGenerator " + generator.get("name")
                    + ": files (one key per file) are not read here; use envs or literals").isNull();
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object envs : list(generator.getOrDefault("envs", List.of()), "envs")) {
                data.putAll(envFile(dir.resolve(String.valueOf(envs))));
            }
            for (Object literal : list(generator.getOrDefault("literals", List.of()), "literals")) {
                String s = String.valueOf(literal);
                int eq = s.indexOf('=');
                assertThat(eq).as(dir + " configMapGenerator literal '" + s + "' is KEY=value").isPositive();
                data.put(s.substring(0, eq), s.substring(eq + 1));
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", String.valueOf(generator.get("name")));
            Map<String, Object> configMap = new LinkedHashMap<>();
            configMap.put("apiVersion", "v1");
            configMap.put("kind", "ConfigMap");
            configMap.put("metadata", metadata);
            configMap.put("data", data);
            result.add(configMap);
        }
        return result;
    }

    /**
     * A Kustomize env file as Kustomize reads it: one {@code KEY=value} per line, the value verbatim to the end of the
     * line; leading blanks ignored; blank lines and lines starting with {@code #} skipped.
     */
    static Map<String, String> envFile(Path file) throws IOException {
        assertThat(file).isRegularFile();
        Map<String, String> data = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.stripLeading();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            assertThat(eq).as(file + ": '" + l + "' is KEY=value").isPositive();
            data.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return data;
    }

    static List<Object> yaml(Path file) throws IOException {
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
    static Map<String, Object> map(Object o, String what) {
        assertThat(o).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    static Map<String, Object> optionalMap(Object o) {
        return o == null ? Map.of() : map(o, "mapping");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String what) {
        assertThat(o).as(what).isInstanceOf(List.class);
        return (List<Object>) o;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------------------- ops-service

    /** The service that watches the others: their health and outbox backlogs, at the base URLs it is given. */
    static final String OPS_SERVICE = "ops-service";
    /** {@code hotline.ops.service-urls} of ops-service's OpsConfig: {@code name=base URL}, comma-separated. */
    static final String OPS_SERVICE_URLS = "HOTLINE_OPS_SERVICE_URLS";

    /** {@link #OPS_SERVICE_URLS}' value as name → base URL (as OpsConfig#services() reads it). */
    static Map<String, String> opsServiceUrls(String value) {
        assertThat(value).as(OPS_SERVICE_URLS).isNotBlank();
        Map<String, String> urls = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            int eq = entry.indexOf('=');
            assertThat(eq).as(OPS_SERVICE_URLS + " entry '" + entry + "' is name=url").isPositive();
            urls.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return urls;
    }
}

package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static vn.hotline1022.e2e.Manifests.*;

/**
 * The Kustomize tree under {@code k8s/}: Deployments with probes and no root, every setting a service needs (secrets only from Secrets), the ConfigMap, disruption budgets, entries that exist and render, and the README's deploy commands.
 */
class KubernetesManifestsTest {

    @BeforeAll
    static void load() throws Exception {
        Manifests.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vn.hotline1022.e2e.Manifests#deployables")
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
    @MethodSource("vn.hotline1022.e2e.Manifests#services")
    void kubernetesDeploymentSetsEverythingTheServiceNeedsAndSecretsOnlyFromSecrets(String service)
            throws IOException {
        Map<String, Map<String, Object>> env = containerEnvironment(service);
        assertThat(env.keySet()).as(service + " env").containsAll(requiredEnvironment(service));
        assertEnvironmentSources(service, env);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vn.hotline1022.e2e.Manifests#services")
    void kubernetesServiceAcceptsBrowserCallsFromTheOriginsInTheConfigMap(String service) {
        Map<String, Object> entry = containerEnvironment(service).get(CORS_ORIGINS);
        assertThat(entry).as(service + " env " + CORS_ORIGINS).isNotNull();
        Map<String, Object> ref = map(optionalMap(entry.get("valueFrom")).get("configMapKeyRef"),
                service + " " + CORS_ORIGINS + " configMapKeyRef");
        assertThat(ref.get("name")).as(service + " " + CORS_ORIGINS + " ConfigMap").isEqualTo(CONFIG_MAP);
        assertThat(ref.get("key")).as(service + " " + CORS_ORIGINS + " key").isEqualTo(CORS_ORIGINS_KEY);
    }

    /** ops-service checks every other service's health and outbox at its Service in the namespace. */
    @Test
    void kubernetesOpsServiceWatchesEveryOtherServiceAtItsService() {
        Map<String, Object> entry = containerEnvironment(OPS_SERVICE).get(OPS_SERVICE_URLS);
        assertThat(entry).as(OPS_SERVICE + " env " + OPS_SERVICE_URLS).isNotNull();
        Map<String, String> expected = new LinkedHashMap<>();
        services.stream().filter(s -> !s.equals(OPS_SERVICE))
                .forEach(s -> expected.put(s, "http://" + s + ":" + port(s)));
        assertThat(opsServiceUrls(entry.get("value") == null ? null : String.valueOf(entry.get("value"))))
                .as(OPS_SERVICE + " " + OPS_SERVICE_URLS).containsExactlyInAnyOrderEntriesOf(expected);
        for (String s : expected.keySet()) {
            assertThat(list(map(object("Service", s).get("spec"), s + " Service spec").get("ports"), "ports").stream()
                    .map(p -> map(p, "service port").get("port"))).as(s + " Service port").contains(port(s));
        }
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
     * In the base ConfigMap and as each overlay merges into it (a patch or a configMapGenerator with behavior merge):
     * the services' browser origins are origins (Quarkus compares them exactly: no path, no trailing slash), and the
     * console signs in to the realm the services trust.
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
                    if (!(o instanceof Map<?, ?>)) {
                        continue; // a JSON 6902 patch: a list of operations, never the ConfigMap's data
                    }
                    Map<String, Object> patch = map(o, String.valueOf(path));
                    if ("ConfigMap".equals(patch.get("kind")) && CONFIG_MAP.equals(name(patch))) {
                        Map<String, Object> merged = configs.computeIfAbsent(root.relativize(dir).toString(),
                                d -> new LinkedHashMap<>(base));
                        merged.putAll(optionalMap(patch.get("data")));
                    }
                }
            }
            // An overlay's configMapGenerator with behavior: merge (its own config.env) over the base's values.
            for (Map<String, Object> merge : generatedConfigMaps(dir, true)) {
                if (CONFIG_MAP.equals(name(merge))) {
                    configs.computeIfAbsent(root.relativize(dir).toString(), d -> new LinkedHashMap<>(base))
                            .putAll(optionalMap(merge.get("data")));
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
    @MethodSource("vn.hotline1022.e2e.Manifests#deployables")
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
                .map(Manifests::name).collect(Collectors.toSet());
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
        for (Path file : kustomizations()) {
            List<Map<String, Object>> rendered = Kustomize.render(file.getParent());
            assertThat(rendered.stream().filter(o -> "Deployment".equals(o.get("kind")))
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

}

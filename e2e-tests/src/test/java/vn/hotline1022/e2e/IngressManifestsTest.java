package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static vn.hotline1022.e2e.Manifests.*;

/**
 * What the overlays' Ingresses publish, as Kustomize renders them: each service's public paths, the ones its code
 * serves, and never its operational endpoints under {@code /q} (metrics, health, OpenAPI, Swagger UI), which stay in
 * the cluster (probes, Prometheus, port-forward). Skipped where kubectl is missing, like {@link Kustomize}'s others.
 */
class IngressManifestsTest {

    static final String PRODUCTION = "k8s/overlays/production";
    /** ingress-nginx's per-path denial; with every address in it, the path answers 403 to everyone. */
    static final String DENYLIST = "nginx.ingress.kubernetes.io/denylist-source-range";

    @BeforeAll
    static void load() throws Exception {
        Manifests.load();
    }

    /** One path of an Ingress rule. */
    record Route(String ingress, Map<String, Object> annotations, String host, String path, String pathType,
            String service, Object port) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "k8s/overlays/local", PRODUCTION })
    void noIngressRoutesAServicesOperationalEndpointsToThePublic(String overlay) throws Exception {
        for (Route r : routes(overlay)) {
            String what = overlay + " Ingress " + r.ingress() + " " + r.host() + r.path() + " → " + r.service();
            // ImplementationSpecific is the controller's own matching (regular expressions in ingress-nginx).
            assertThat(r.pathType()).as(what + " pathType").isIn("Prefix", "Exact");
            if (!CONSOLE.equals(r.service())) {
                assertThat(reachesOperationalEndpoints(r.path())).as(what + ": / or under /q").isFalse();
            }
        }
    }

    /**
     * The console's host routes / to the console, so its /q too, unless a longer path takes it: one that ingress-nginx
     * denies to every client, alone in its Ingress (the denial is per Ingress) and to the console (a valid backend).
     */
    @Test
    void theConsolesOwnOperationalEndpointsAreDeniedToEveryClient() throws Exception {
        List<Route> routes = routes(PRODUCTION);
        Set<String> consoleHosts = routes.stream().filter(r -> CONSOLE.equals(r.service()) && "/".equals(r.path()))
                .map(Route::host).collect(Collectors.toSet());
        assertThat(consoleHosts).as("hosts whose / is the console").isNotEmpty();
        for (String host : consoleHosts) {
            List<Route> q = routes.stream().filter(r -> host.equals(r.host()) && !"/".equals(r.path())
                    && reachesOperationalEndpoints(r.path())).toList();
            assertThat(q).as(host + ": a path for /q").isNotEmpty();
            for (Route r : q) {
                assertThat(r.path()).as(host + " /q path").isEqualTo("/q");
                assertThat(r.pathType()).as(host + " /q pathType").isEqualTo("Prefix");
                assertThat(r.service()).as(host + " /q backend").isEqualTo(CONSOLE);
                assertThat(String.valueOf(r.annotations().get(DENYLIST)).split("\\s*,\\s*"))
                        .as(r.ingress() + " " + DENYLIST).contains("0.0.0.0/0", "::/0");
                assertThat(routes.stream().filter(o -> o.ingress().equals(r.ingress())))
                        .as("Ingress " + r.ingress() + " denies nothing else").hasSize(1);
            }
        }
    }

    /** Each service's host routes exactly the first path segments of its resources (/api; intake also its gateways). */
    @Test
    void everyServicePublishesThePathsItsCodeServesAndNoOther() throws Exception {
        List<Route> routes = routes(PRODUCTION);
        for (String service : services) {
            List<Route> own = routes.stream().filter(r -> service.equals(r.service())).toList();
            assertThat(own).as(service + " routes").isNotEmpty();
            assertThat(own.stream().map(Route::path)).as(service + " paths on the Ingress")
                    .containsExactlyInAnyOrderElementsOf(publicPathPrefixes(service));
            own.forEach(r -> assertThat(String.valueOf(r.port())).as(service + " port")
                    .isEqualTo(String.valueOf(port(service))));
            assertThat(own.stream().map(Route::host).distinct()).as(service + " has a host of its own").hasSize(1);
        }
        assertThat(publicPathPrefixes("intake-service")).as("guards the scan of @Path").contains("/api", "/webhooks");
    }

    @Test
    void theOperationalPathTestKnowsWhatReachesQ() {
        assertThat(Stream.of("/", "/q", "/q/", "/q/metrics", "/q/openapi"))
                .allMatch(IngressManifestsTest::reachesOperationalEndpoints);
        assertThat(Stream.of("/api", "/webhooks", "/open311", "/quarterly", "/realms"))
                .noneMatch(IngressManifestsTest::reachesOperationalEndpoints);
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    /** A Prefix or Exact path that matches /q or something under it (Prefix matches whole path segments). */
    static boolean reachesOperationalEndpoints(String path) {
        String p = path.replaceAll("/+$", "");
        return p.isEmpty() || p.equals("/q") || p.startsWith("/q/");
    }

    /** Every path of every Ingress rule the overlay renders. */
    static List<Route> routes(String overlay) throws Exception {
        List<Route> routes = new ArrayList<>();
        for (Map<String, Object> o : Kustomize.render(root.resolve(overlay))) {
            if (!"Ingress".equals(o.get("kind"))) {
                continue;
            }
            Map<String, Object> annotations = optionalMap(map(o.get("metadata"), "metadata").get("annotations"));
            Map<String, Object> spec = map(o.get("spec"), name(o) + " spec");
            assertThat(spec).as("Ingress " + name(o) + ": no default backend (it would take every other path)")
                    .doesNotContainKey("defaultBackend");
            for (Object rule : list(spec.get("rules"), name(o) + " rules")) {
                Map<String, Object> r = map(rule, "rule");
                for (Object p : list(map(r.get("http"), "rule http").get("paths"), "paths")) {
                    Map<String, Object> path = map(p, "path");
                    Map<String, Object> backend = map(map(path.get("backend"), "backend").get("service"),
                            name(o) + " backend service");
                    routes.add(new Route(name(o), annotations, String.valueOf(r.get("host")),
                            String.valueOf(path.get("path")), String.valueOf(path.get("pathType")),
                            String.valueOf(backend.get("name")), map(backend.get("port"), "port").get("number")));
                }
            }
        }
        return routes;
    }

    /**
     * "/" + the first segment of each resource class's {@code @Path} in the service's code (e.g. /api/v1/cases and
     * /webhooks/sms give /api and /webhooks): the annotation before the first top-level type declaration.
     */
    static Set<String> publicPathPrefixes(String service) throws IOException {
        Pattern declaration = Pattern.compile(
                "(?m)^\\s*(?:(?:public|final|abstract|sealed)\\s+)*(?:class|interface|record|enum)\\s+\\w+");
        Pattern classPath = Pattern.compile("@Path\\(\\s*\"/*([^/\"]+)[^\"]*\"\\s*\\)");
        Set<String> prefixes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root.resolve(service).resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "");
                Matcher type = declaration.matcher(source);
                if (!type.find()) {
                    continue;
                }
                Matcher path = classPath.matcher(source.substring(0, type.start()));
                while (path.find()) {
                    prefixes.add("/" + path.group(1));
                }
            }
        }
        return prefixes;
    }
}

package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object both overlays render, operators' custom resources included, is valid against its schema, and so is
 * docker-compose.yml against the Compose Specification's. The validator is shown to refuse what is wrong, so a pass
 * means something.
 */
class ManifestSchemasTest {

    @BeforeAll
    static void load() throws Exception {
        Manifests.load();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "k8s/overlays/local", "k8s/overlays/production" })
    void everyRenderedObjectIsValidAgainstItsSchema(String overlay) throws Exception {
        List<Map<String, Object>> objects = Kustomize.render(Manifests.root.resolve(overlay));
        assertThat(objects).as(overlay + " renders objects").isNotEmpty();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Map<String, Object> o : objects) {
            List<String> found = ManifestSchemas.problems(o);
            if (!found.isEmpty()) {
                problems.put(o.get("kind") + "/" + Manifests.name(o), found);
            }
        }
        assertThat(problems).as(overlay + ": objects that break their schema").isEmpty();
    }

    @Test
    void dockerComposeIsValidAgainstTheComposeSpecification() throws Exception {
        Map<String, Object> compose = Manifests.map(Manifests.yaml(Manifests.root.resolve("docker-compose.yml")).get(0),
                "docker-compose.yml");
        assertThat(ManifestSchemas.composeProblems(compose)).isEmpty();
    }

    @Test
    void theValidatorRefusesAnUnknownFieldAWrongTypeAndAMissingKind() {
        Map<String, Object> container = Map.of("name", "x", "resources", Map.of("limits", Map.of("memory", "768Mi")));
        Map<String, Object> template = Map.of("spec", Map.of("containers", List.of(container)));
        Map<String, Object> deployment = new LinkedHashMap<>(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "x"), "spec", Map.of("replica", 2,
                        "selector", Map.of("matchLabels", Map.of("a", "b")), "template", template)));
        assertThat(ManifestSchemas.problems(deployment)).as("a misspelt field").anyMatch(m -> m.contains("replica"));
        Map<String, Object> spec = new LinkedHashMap<>(Manifests.map(deployment.get("spec"), "spec"));
        spec.remove("replica");
        deployment.put("spec", spec);
        assertThat(ManifestSchemas.problems(deployment)).as("quantities are strings").isEmpty();

        Map<String, Object> topic = Map.of("apiVersion", "kafka.strimzi.io/v1beta2", "kind", "KafkaTopic",
                "metadata", Map.of("name", "t"), "spec", Map.of("partitions", "twelve", "replicas", 3));
        assertThat(ManifestSchemas.problems(topic)).as("a custom resource's field of the wrong type")
                .anyMatch(m -> m.contains("partitions"));

        assertThat(ManifestSchemas.problems(Map.of("apiVersion", "example.org/v1", "kind", "Unknown")))
                .containsExactly("no schema for example.org/v1 Unknown");

        Map<String, Object> compose = Map.of("services", Map.of("a", Map.of("image", "x", "restart_policy", "always",
                "ports", "8080:8080")));
        assertThat(ManifestSchemas.composeProblems(compose)).as("compose: an unknown key, ports not a list")
                .anyMatch(m -> m.contains("restart_policy")).anyMatch(m -> m.contains("ports"));
    }

    /** The production overlay is the one that must be complete: each kind the issue names is there and checked. */
    @Test
    void theProductionOverlayRunsOnTheOperators() throws Exception {
        List<String> kinds = new ArrayList<>();
        Kustomize.render(Manifests.root.resolve(Path.of("k8s/overlays/production"))).forEach(o -> kinds.add(
                o.get("apiVersion") + " " + o.get("kind")));
        assertThat(kinds).contains("kafka.strimzi.io/v1beta2 Kafka", "kafka.strimzi.io/v1beta2 KafkaNodePool",
                "kafka.strimzi.io/v1beta2 KafkaTopic", "kafka.strimzi.io/v1beta2 KafkaUser",
                "postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Pooler", "postgresql.cnpg.io/v1 Database",
                "k8s.keycloak.org/v2alpha1 Keycloak", "k8s.keycloak.org/v2alpha1 KeycloakRealmImport",
                "keda.sh/v1alpha1 ScaledObject", "autoscaling/v2 HorizontalPodAutoscaler",
                "policy/v1 PodDisruptionBudget", "networking.k8s.io/v1 NetworkPolicy", "networking.k8s.io/v1 Ingress");
    }
}

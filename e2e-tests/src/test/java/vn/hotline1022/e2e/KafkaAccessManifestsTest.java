package vn.hotline1022.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import vn.hotline1022.events.Service;
import vn.hotline1022.events.Topics;
import vn.hotline1022.messaging.channels.ConsumerChannels;

/**
 * The production overlay against what the code uses, read from the code itself (event-contracts' Service and Topics,
 * each service's {@code hotline.messaging.consumes}): every topic and dead-letter topic a service uses has a
 * KafkaTopic (12 partitions, 3 replicas, min.insync.replicas 2); each service's KafkaUser may write its own topic and
 * its dead letters and read what it consumes in its own group; no consumer scales past the partitions it reads.
 */
class KafkaAccessManifestsTest {

    private static final int PARTITIONS = 12;
    private static List<Map<String, Object>> production;

    @BeforeAll
    static void render() throws Exception {
        Manifests.load();
        production = Kustomize.render(Manifests.root.resolve("k8s/overlays/production"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Service.class)
    void everyTopicTheServiceUsesExistsWithItsAclsAndItsScaleFitsThePartitions(Service service) throws IOException {
        String name = service.serviceName();
        List<Service> consumed = ConsumerChannels.parse(consumes(name));

        Map<String, Object> own = topic(service.topic());
        for (Service c : consumed) {
            topic(c.topic());
            topic(Topics.dlq(c.topic(), name));
        }
        assertThat(own).isNotNull();

        Map<String, Object> user = objects("KafkaUser").stream().filter(u -> name.equals(Manifests.name(u)))
                .findFirst().orElseThrow(() -> new AssertionError("no KafkaUser " + name));
        Map<String, Object> spec = Manifests.map(user.get("spec"), name + " spec");
        assertThat(Manifests.map(spec.get("authentication"), name + " authentication").get("type"))
                .as(name + " authenticates").isIn("scram-sha-512", "tls");
        List<Object> acls = Manifests.list(Manifests.map(spec.get("authorization"), name + " authorization")
                .get("acls"), name + " acls");
        assertThat(allows(acls, "topic", service.topic(), "Write")).as(name + " writes " + service.topic()).isTrue();
        assertThat(allows(acls, "group", name, "Read")).as(name + " reads in its group").isTrue();
        for (Service c : consumed) {
            assertThat(allows(acls, "topic", c.topic(), "Read")).as(name + " reads " + c.topic()).isTrue();
            String dlq = Topics.dlq(c.topic(), name);
            assertThat(allows(acls, "topic", dlq, "Write")).as(name + " writes its dead letters " + dlq).isTrue();
        }
        // Only its own topic: a service never publishes another's events (ops replays dead letters, by design).
        for (Service other : Service.values()) {
            if (other != service && service != Service.OPS) {
                assertThat(allows(acls, "topic", other.topic(), "Write")).as(name + " may not write " + other.topic())
                        .isFalse();
            }
        }

        if (service == Service.OPS) {
            // ops reads every dead letter in a group of its own.
            assertThat(allows(acls, "group", "ops-service-dead-letters", "Read")).isTrue();
            assertThat(allows(acls, "topic", Topics.dlq(Topics.INTAKE, "dispatch-service"), "Read")).isTrue();
        }
        if (!consumed.isEmpty()) {
            assertThat(maxReplicas(name)).as(name + ": more replicas than partitions would idle")
                    .isPositive().isLessThanOrEqualTo(PARTITIONS);
        }
    }

    private static String consumes(String service) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Manifests.root.resolve(service)
                .resolve("src/main/resources/application.properties"))) {
            p.load(r);
        }
        return p.getProperty(ConsumerChannels.CONSUMES, "");
    }

    private static Map<String, Object> topic(String topicName) {
        Map<String, Object> topic = objects("KafkaTopic").stream().filter(t -> topicName.equals(
                Manifests.map(t.get("spec"), "spec").getOrDefault("topicName", Manifests.name(t)))).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaTopic for " + topicName));
        Map<String, Object> spec = Manifests.map(topic.get("spec"), topicName + " spec");
        assertThat(spec.get("partitions")).as(topicName + " partitions").isEqualTo(PARTITIONS);
        assertThat(spec.get("replicas")).as(topicName + " replicas").isEqualTo(3);
        assertThat(String.valueOf(Manifests.map(spec.get("config"), topicName + " config")
                .get("min.insync.replicas"))).as(topicName + " min.insync.replicas").isEqualTo("2");
        return topic;
    }

    /** Whether an ACL allows {@code operation} on the resource (literal name or a prefix, "All" included). */
    private static boolean allows(List<Object> acls, String type, String name, String operation) {
        for (Object a : acls) {
            Map<String, Object> acl = Manifests.map(a, "acl");
            if ("deny".equals(acl.get("type"))) {
                continue;
            }
            Map<String, Object> resource = Manifests.map(acl.get("resource"), "acl resource");
            if (!type.equals(resource.get("type"))) {
                continue;
            }
            String pattern = String.valueOf(resource.getOrDefault("name", "*"));
            boolean matches = "prefix".equals(resource.get("patternType")) ? name.startsWith(pattern)
                    : pattern.equals("*") || pattern.equals(name);
            List<Object> operations = new ArrayList<>();
            if (acl.get("operations") != null) {
                operations.addAll(Manifests.list(acl.get("operations"), "operations"));
            }
            if (acl.get("operation") != null) {
                operations.add(acl.get("operation"));
            }
            if (matches && (operations.contains(operation) || operations.contains("All"))) {
                return true;
            }
        }
        return false;
    }

    /** The most replicas the service may get: its KEDA ScaledObject's or HPA's maximum, else its fixed count. */
    private static int maxReplicas(String deployment) {
        Map<String, Integer> max = new LinkedHashMap<>();
        for (Map<String, Object> o : production) {
            String kind = String.valueOf(o.get("kind"));
            if (!kind.equals("ScaledObject") && !kind.equals("HorizontalPodAutoscaler")) {
                continue;
            }
            Map<String, Object> spec = Manifests.map(o.get("spec"), kind + " spec");
            Map<String, Object> target = Manifests.map(spec.get("scaleTargetRef"), kind + " target");
            if (deployment.equals(target.get("name"))) {
                Object m = spec.get(kind.equals("ScaledObject") ? "maxReplicaCount" : "maxReplicas");
                max.put(kind, ((Number) m).intValue());
            }
        }
        assertThat(max).as(deployment + " is scaled by exactly one autoscaler").hasSize(1);
        return max.values().iterator().next();
    }

    private static List<Map<String, Object>> objects(String kind) {
        return production.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }
}

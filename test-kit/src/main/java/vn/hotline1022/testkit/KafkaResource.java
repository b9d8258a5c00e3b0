package vn.hotline1022.testkit;

import vn.hotline1022.infra.KafkaBroker;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Points a Quarkus test at the JVM-wide {@link KafkaBroker} (Kafka Dev Services off: they need Docker) and injects
 * a {@link KafkaCompanion} into fields annotated {@link InjectKafkaCompanion}.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        companion = new KafkaCompanion(broker.bootstrapServers());
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        // The broker itself lives as long as the JVM: other test classes share it.
    }
}

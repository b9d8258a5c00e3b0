package vn.hotline1022.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.hotline1022.messaging.TestSupport.PATIENCE;
import static vn.hotline1022.messaging.TestSupport.awaitRecords;
import static vn.hotline1022.messaging.TestSupport.count;
import static vn.hotline1022.messaging.TestSupport.header;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.Topics;
import vn.hotline1022.messaging.outbox.OutboxRelay;
import vn.hotline1022.messaging.probe.ProbeService;
import vn.hotline1022.infra.KafkaBroker;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.PostgresResource;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class BrokerOutageTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    ProbeService probe;

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource dataSource;

    @Test
    void whileKafkaIsDownEventsWaitInTheOutboxAndAreAllPublishedWhenItReturns() {
        KafkaBroker broker = KafkaBroker.shared();
        UUID caseId = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        broker.stop();
        try {
            // Calls are still accepted while Kafka is away: the state change and its event commit together.
            for (int i = 0; i < 5; i++) {
                ids.add(probe.changeAndPublish(caseId, "during-outage-" + i).toString());
            }
            await().atMost(PATIENCE).until(() -> relay.lastFailure() != null);
            assertThat(pendingFor(caseId)).isEqualTo(5);
            // Still waiting after several failed attempts: nothing is dropped.
            await().pollDelay(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> relay.lastFailure() != null);
            assertThat(pendingFor(caseId)).isEqualTo(5);
        } finally {
            broker.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> pendingFor(caseId) == 0);
        List<ConsumerRecord<String, String>> records = awaitRecords(companion, Topics.INTAKE,
                r -> r.key().equals(caseId.toString()), 5);
        assertThat(records).extracting(r -> header(r, "ce_id")).containsExactlyElementsOf(ids);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(dataSource,
                "select count(*) from probe_handled where case_id = ?", caseId) == 5);
        assertThat(relay.lastFailure()).isNull();
    }

    private long pendingFor(UUID caseId) {
        return count(dataSource, "select count(*) from messaging_outbox where published_at is null and record_key = ?",
                caseId.toString());
    }
}

package vn.hotline1022.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.hotline1022.messaging.TestSupport.PATIENCE;
import static vn.hotline1022.messaging.TestSupport.awaitRecords;
import static vn.hotline1022.messaging.TestSupport.count;
import static vn.hotline1022.messaging.TestSupport.header;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.intake.CaseReopened;
import vn.hotline1022.messaging.probe.ProbeService;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.PostgresResource;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class OutboxTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    ProbeService probe;

    @Inject
    DataSource dataSource;

    @Test
    void eventsWrittenWithTheirStateChangeArePublishedOnceEachInKeyOrder() {
        List<UUID> cases = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<String, List<String>> expectedIdsByKey = new LinkedHashMap<>();
        for (int step = 0; step < 20; step++) {
            for (UUID caseId : cases) {
                UUID eventId = probe.changeAndPublish(caseId, "step-" + step);
                expectedIdsByKey.computeIfAbsent(caseId.toString(), k -> new ArrayList<>()).add(eventId.toString());
            }
        }
        Set<String> keys = expectedIdsByKey.keySet();

        List<ConsumerRecord<String, String>> records = awaitRecords(companion, Topics.INTAKE,
                r -> keys.contains(r.key()), 60);
        await().atMost(PATIENCE).until(() -> count(dataSource,
                "select count(*) from messaging_outbox where published_at is null and record_key = any(?)",
                (Object) keys.toArray(String[]::new)) == 0);
        // Once everything is marked published, nothing more can arrive: re-read to catch a duplicate.
        records = awaitRecords(companion, Topics.INTAKE, r -> keys.contains(r.key()), 60);

        assertThat(records).hasSize(60);
        Map<String, List<String>> actualIdsByKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            actualIdsByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(header(r, "ce_id"));
        }
        assertThat(actualIdsByKey).isEqualTo(expectedIdsByKey);

        ConsumerRecord<String, String> first = records.get(0);
        assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(first, "ce_type")).isEqualTo("vn.hotline1022.intake.CaseReopened.v1");
        assertThat(header(first, "ce_source")).isEqualTo(EventType.CASE_REOPENED.source());
        assertThat(header(first, "ce_subject")).isEqualTo(first.key());
        assertThat(header(first, "ce_time")).isNotBlank();
        assertThat(header(first, "content-type")).isEqualTo("application/json");
        CaseReopened data = EventJson.fromJson(first.value(), CaseReopened.class);
        assertThat(data.caseId().toString()).isEqualTo(first.key());
        assertThat(data.reason()).startsWith("step-");

        // The probe consumer (through the inbox) saw each of them exactly once too.
        await().atMost(PATIENCE).until(() -> count(dataSource,
                "select count(*) from probe_handled where case_id = any(?)", (Object) cases.toArray(UUID[]::new)) == 60);
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        UUID caseId = UUID.randomUUID();
        assertThatThrownBy(() -> probe.changePublishAndFail(caseId, "rolled-back"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(count(dataSource, "select count(*) from messaging_outbox where record_key = ?", caseId.toString()))
                .isZero();
        assertThat(count(dataSource, "select count(*) from probe_note where case_id = ?", caseId)).isZero();

        // A later event of the same case arrives, and it is the only one: the rolled-back one never existed.
        probe.changeAndPublish(caseId, "committed");
        List<ConsumerRecord<String, String>> records = awaitRecords(companion, Topics.INTAKE,
                r -> r.key().equals(caseId.toString()), 1);
        assertThat(records).hasSize(1);
        assertThat(EventJson.fromJson(records.get(0).value(), CaseReopened.class).reason()).isEqualTo("committed");
    }
}

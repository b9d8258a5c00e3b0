package vn.hotline1022.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.hotline1022.messaging.TestSupport.PATIENCE;
import static vn.hotline1022.messaging.TestSupport.awaitRecords;
import static vn.hotline1022.messaging.TestSupport.count;
import static vn.hotline1022.messaging.TestSupport.header;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.intake.CaseReopened;
import vn.hotline1022.events.intake.CaseResolved;
import vn.hotline1022.messaging.cloudevents.CloudEventHeaders;
import vn.hotline1022.messaging.probe.ProbeConsumer;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.PostgresResource;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class InboxTest {

    private static final String DLQ = Topics.dlq(Topics.INTAKE, "probe-service");

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    ProbeConsumer consumer;

    @Inject
    vn.hotline1022.messaging.probe.ProbeBetweenEvents between;

    @Inject
    DataSource dataSource;

    @Test
    void aRedeliveredEventIsHandledOnce() {
        UUID caseId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        ProducerRecord<String, String> event = record(eventId, new CaseReopened(caseId, "BD-1", Instant.now(), "twice"));
        ProducerRecord<String, String> marker = record(UUID.randomUUID(),
                new CaseReopened(caseId, "BD-1", Instant.now(), "marker"));

        companion.produceStrings().fromRecords(event, event, marker).awaitCompletion(PATIENCE);

        // Same key, same partition: once the marker is handled, both copies of the event have been consumed.
        await().atMost(PATIENCE).until(() -> count(dataSource,
                "select count(*) from probe_handled where case_id = ? and reason = 'marker'", caseId) == 1);
        assertThat(count(dataSource, "select count(*) from probe_handled where case_id = ?", caseId)).isEqualTo(2);
        assertThat(consumer.attemptsOf(eventId)).isEqualTo(1);
        assertThat(count(dataSource, "select count(*) from messaging_inbox where event_id = ? and consumer = ?",
                eventId, "probe-service")).isEqualTo(1);
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheConsumerGoesOn() {
        UUID caseId = UUID.randomUUID();
        String key = caseId.toString();
        UUID exploding = UUID.randomUUID();

        ProducerRecord<String, String> badJson = new ProducerRecord<>(Topics.INTAKE, null, key, "{not json",
                headers(UUID.randomUUID(), EventType.CASE_REOPENED.ceType()));
        ProducerRecord<String, String> unknownType = new ProducerRecord<>(Topics.INTAKE, null, key, "{}",
                headers(UUID.randomUUID(), "vn.hotline1022.intake.SomethingNew.v1"));
        ProducerRecord<String, String> noHeaders = new ProducerRecord<>(Topics.INTAKE, key, "{}");
        ProducerRecord<String, String> handlerFails = record(exploding,
                new CaseReopened(caseId, "BD-2", Instant.now(), "explode"));
        ProducerRecord<String, String> notWanted = record(UUID.randomUUID(),
                new CaseResolved(caseId, "BD-2", Instant.now(), "CITIZEN", "ok"));
        ProducerRecord<String, String> good = record(UUID.randomUUID(),
                new CaseReopened(caseId, "BD-2", Instant.now(), "after-poison"));

        companion.produceStrings().fromRecords(badJson, unknownType, noHeaders, handlerFails, notWanted, good)
                .awaitCompletion(PATIENCE);

        await().atMost(PATIENCE).until(() -> count(dataSource,
                "select count(*) from probe_handled where case_id = ? and reason = 'after-poison'", caseId) == 1);
        List<ConsumerRecord<String, String>> dead = awaitRecords(companion, DLQ, r -> key.equals(r.key()), 4);
        assertThat(dead).hasSize(4);
        assertThat(dead).allSatisfy(r -> assertThat(header(r, "dead-letter-reason")).isNotBlank());
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("CaseReopened");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("unknown event type");
        assertThat(header(dead.get(2), "dead-letter-reason")).contains("ce_specversion");
        assertThat(header(dead.get(3), "dead-letter-reason")).contains("failed 3 times");
        // The original CloudEvents headers travel with the dead letter, so it can be replayed as it was.
        assertThat(header(dead.get(3), "ce_id")).isEqualTo(exploding.toString());

        // The failing handler was tried the configured three times, and its writes were rolled back each time.
        assertThat(consumer.attemptsOf(exploding)).isEqualTo(3);
        assertThat(count(dataSource, "select count(*) from probe_handled where event_id = ?", exploding)).isZero();
        assertThat(count(dataSource, "select count(*) from messaging_inbox where event_id = ?", exploding)).isZero();
        // An event type this consumer does not want is acknowledged and left alone: neither handled nor dead.
        assertThat(count(dataSource, "select count(*) from probe_handled where case_id = ?", caseId)).isEqualTo(1);
    }

    /**
     * A poll is handled in one transaction per batch, not one per event; a handler failing in the middle of a batch
     * costs the others nothing: each is handled once, the failing one alone, three times, then dead-lettered.
     */
    @Test
    void aPollIsHandledInFewTransactionsAndAFailureInItHarmsNoOtherEvent() {
        UUID caseId = UUID.randomUUID();
        String key = caseId.toString();
        List<UUID> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        UUID exploding = null;
        for (int i = 0; i < 40; i++) {
            UUID id = UUID.randomUUID();
            String reason = i == 20 ? "explode-in-batch" : i == 39 ? "batch-marker" : "batch-" + i;
            if (i == 20) {
                exploding = id;
            } else {
                ids.add(id);
            }
            records.add(record(id, new CaseReopened(caseId, "BD-4", Instant.now(), reason)));
        }
        companion.produceStrings().fromRecords(records).awaitCompletion(PATIENCE);

        await().atMost(PATIENCE).until(() -> count(dataSource,
                "select count(*) from probe_handled where case_id = ? and reason = 'batch-marker'", caseId) == 1);
        assertThat(count(dataSource, "select count(*) from probe_handled where case_id = ?", caseId)).isEqualTo(39);
        // Events before the failure ran twice (their first transaction was rolled back), each committed once.
        assertThat(ids).allSatisfy(id -> assertThat(consumer.attemptsOf(id)).isBetween(1, 2));
        assertThat(count(dataSource, "select count(*) from messaging_inbox where consumer = 'probe-service' and "
                + "record_key = ?", key)).isEqualTo(39);
        Set<Long> transactions = new HashSet<>();
        ids.forEach(id -> transactions.add(consumer.transactionOf(id)));
        // One event per transaction would make 39.
        assertThat(transactions).hasSizeLessThan(ids.size() / 2);
        // The service's BetweenEvents ran after each event of a batch, in the batch's transaction.
        assertThat(transactions).allSatisfy(tx -> assertThat(between.callsIn(tx))
                .isEqualTo((int) ids.stream().filter(id -> tx.equals(consumer.transactionOf(id))).count()));

        assertThat(consumer.attemptsOf(exploding)).isEqualTo(3);
        UUID dead = exploding;
        List<ConsumerRecord<String, String>> letters = awaitRecords(companion, DLQ, r -> key.equals(r.key()), 1);
        assertThat(header(letters.get(0), "ce_id")).isEqualTo(dead.toString());
        assertThat(count(dataSource, "select count(*) from messaging_inbox where event_id = ?", exploding)).isZero();
    }

    /** The partitions of a batch are handled side by side; each key's events still in the order they were written. */
    @Test
    void partitionsAreHandledSideBySideAndEachKeysEventsInOrder() {
        List<UUID> cases = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            cases.add(UUID.randomUUID());
        }
        for (int i = 0; i < 10; i++) {
            for (UUID caseId : cases) {
                records.add(record(UUID.randomUUID(), new CaseReopened(caseId, "BD-5", Instant.now(), "step-" + i)));
            }
        }
        companion.produceStrings().fromRecords(records).awaitCompletion(PATIENCE);

        List<String> expected = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "step-" + i).toList();
        await().atMost(PATIENCE).until(() -> cases.stream().allMatch(c -> consumer.orderOf(c).size() >= 10));
        assertThat(cases).allSatisfy(c -> {
            assertThat(consumer.orderOf(c)).isEqualTo(expected);
            assertThat(count(dataSource, "select count(*) from probe_handled where case_id = ?", c)).isEqualTo(10);
        });
    }

    static ProducerRecord<String, String> record(UUID id, HotlineEvent event) {
        EventType type = EventType.of(event.getClass());
        return new ProducerRecord<>(type.topic(), null, event.key(), EventJson.toJson(event), headers(id, type.ceType()));
    }

    static Headers headers(UUID id, String ceType) {
        String source = EventType.fromCeType(ceType).map(EventType::source).orElse("/hotline1022/test");
        return headers(id, ceType, source);
    }

    static Headers headers(UUID id, String ceType, String source) {
        return CloudEventHeaders.toHeaders(new CloudEventHeaders.Attributes(id, ceType, source, Instant.now(), null));
    }

    @Test
    void anEventClaimingAnotherOwnerIsNeverActedOn() {
        UUID caseId = UUID.randomUUID();
        String key = caseId.toString();
        CaseReopened forged = new CaseReopened(caseId, "BD-3", Instant.now(), "forged");
        // Right topic, wrong source: e.g. relief-service's credentials used to write intake's events.
        ProducerRecord<String, String> wrongSource = new ProducerRecord<>(Topics.INTAKE, null, key,
                EventJson.toJson(forged), headers(UUID.randomUUID(), EventType.CASE_REOPENED.ceType(),
                        "/hotline1022/relief-service"));
        ProducerRecord<String, String> good = record(UUID.randomUUID(),
                new CaseReopened(caseId, "BD-3", Instant.now(), "genuine"));

        companion.produceStrings().fromRecords(wrongSource, good).awaitCompletion(PATIENCE);

        await().atMost(PATIENCE).until(() -> count(dataSource,
                "select count(*) from probe_handled where case_id = ? and reason = 'genuine'", caseId) == 1);
        List<ConsumerRecord<String, String>> dead = awaitRecords(companion, DLQ, r -> key.equals(r.key()), 1);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("must come from /hotline1022/intake-service");
        assertThat(count(dataSource, "select count(*) from probe_handled where case_id = ? and reason = 'forged'",
                caseId)).isZero();
    }
}

package vn.hotline1022.relief;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.hotline1022.relief.ReliefFixtures.call;
import static vn.hotline1022.relief.ReliefFixtures.post;
import static vn.hotline1022.relief.ReliefFixtures.programme;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseHandedBack;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;

/**
 * An official verified a violation report and found a family out of food: the case is handed back to relief
 * (CaseHandedBack, target RELIEF) and its relief needs are decided once, for a case relief never saw, however often
 * the hand-back arrives. A hand-back to dispatch is not relief's. Province 97 is this test's own.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class HandBackTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PROVINCE = "97";

    @BeforeAll
    static void signIn() {
        ReliefFixtures.signInAsOfficer();
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void reliefNeedsHandedBackByAnOfficialAreDecidedOnce() {
        post("/api/v1/programmes", programme("HB-FOOD-97", PROVINCE, List.of("FOOD"), 1, 5), 201);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            // A violation report: nothing for relief to decide at call time.
            CallReceived report = call(PROVINCE, "971", "97101", "0297 3822 001", Need.VIOLATION_REPORT);
            CallReceived other = call(PROVINCE, "971", "97101", "0297 3822 002", Need.VIOLATION_REPORT);
            companion.produceStrings().fromRecords(CloudEventRecords.of(report), CloudEventRecords.of(other))
                    .awaitCompletion(PATIENCE);

            CaseHandedBack toRelief = handBack(report, CaseHandedBack.RELIEF);
            var once = CloudEventRecords.of(toRelief);
            // Redelivered, and published again under a new event id; then, after them in the case's partition, a
            // repeat call adding a need no programme covers: its refusal shows every copy was handled before it.
            companion.produceStrings().fromRecords(once, once, CloudEventRecords.of(toRelief),
                    CloudEventRecords.of(rentAdded(report))).awaitCompletion(PATIENCE);
            // The other case goes to dispatch, not relief: relief does nothing with it.
            companion.produceStrings().fromRecords(CloudEventRecords.of(handBack(other, CaseHandedBack.DISPATCH)),
                    CloudEventRecords.of(rentAdded(other))).awaitCompletion(PATIENCE);

            ReliefScheduled scheduled = awaitEvent(out, report.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            assertThat(scheduled.programmeCode()).isEqualTo("HB-FOOD-97");
            assertThat(scheduled.wardCode()).isEqualTo("97101");
            awaitIneligible(out, report.caseId());
            awaitIneligible(out, other.caseId());

            assertThat(count(out, report.caseId(), EventType.RELIEF_SCHEDULED)).isEqualTo(1);
            given().queryParam("caseId", report.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                    .body("findAll { it.source == 'OFFICIAL' }.size()", equalTo(1))
                    .body("find { it.source == 'OFFICIAL' }.needs", equalTo(List.of("FOOD")));
            assertThat(count(out, other.caseId(), EventType.RELIEF_SCHEDULED)).isZero();
            given().queryParam("caseId", other.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                    .body("findAll { it.source == 'OFFICIAL' }.size()", equalTo(0));
        } finally {
            out.stop();
        }
    }

    private static CaseHandedBack handBack(CallReceived call, String target) {
        return new CaseHandedBack(call.caseId(), call.caseCode(), Instant.now(), UUID.randomUUID(), target,
                List.of(Need.FOOD, Need.MEDICAL_CONSULTATION), call.location(), 40, "Hộ hết gạo, có người sốt",
                "official.ward97");
    }

    private static CaseNeedsChanged rentAdded(CallReceived call) {
        return new CaseNeedsChanged(call.caseId(), call.caseCode(), Instant.now(), List.of(Need.RENT_SUPPORT),
                List.of(Need.VIOLATION_REPORT, Need.RENT_SUPPORT), call.location(), 40);
    }

    private static void awaitIneligible(ConsumerTask<String, String> out, UUID caseId) {
        await().atMost(PATIENCE).until(() -> out.stream()
                .filter(r -> r.key().equals(caseId.toString())
                        && EventType.RELIEF_REFUSED.ceType().equals(header(r, "ce_type")))
                .map(r -> (ReliefRefused) EventJson.fromJson(r.value(), EventType.RELIEF_REFUSED))
                .anyMatch(e -> e.reason().equals("INELIGIBLE")));
    }

    private static <T> T awaitEvent(ConsumerTask<String, String> out, UUID caseId, EventType type, Class<T> as) {
        ConsumerRecord<String, String> found = await().atMost(PATIENCE).until(() -> out.stream()
                .filter(r -> r.key().equals(caseId.toString()) && type.ceType().equals(header(r, "ce_type")))
                .findFirst().orElse(null), r -> r != null);
        return as.cast(EventJson.fromJson(found.value(), type));
    }

    private static long count(ConsumerTask<String, String> out, UUID caseId, EventType type) {
        return out.stream().filter(r -> r.key().equals(caseId.toString()))
                .filter(r -> type.ceType().equals(header(r, "ce_type"))).count();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

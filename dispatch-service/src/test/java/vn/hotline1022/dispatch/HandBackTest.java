package vn.hotline1022.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseHandedBack;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * An official hands a case back to dispatch (CaseHandedBack, target DISPATCH): a new visit is wanted although a team
 * has been there, so the case waits for a dispatcher again — once, however often the hand-back arrives (redelivered,
 * and published again under a new event id). Province 98 is this test's own.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class HandBackTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DISPATCHER = TestTokens.user("dispatcher-98", Roles.DISPATCHER, Roles.OPS)
            .claim("province_codes", List.of("98")).sign();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aCaseHandedBackAfterAVisitWaitsForADispatcherOnce() {
        given().auth().oauth2(DISPATCHER).contentType(ContentType.JSON)
                .body(Map.of("code", "H98-A", "name", "Tổ PƯN 98", "provinceCode", "98", "homeDistrictCode", "981",
                        "coveredWardCodes", List.of("98101"), "medicalStaff", 1, "vehicle", "AMBULANCE"))
                .post("/api/v1/teams").then().statusCode(201);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            CallReceived routine = DispatchFlowTest.call("98", "981", "98101", 30, Need.MEDICAL_CONSULTATION);
            companion.produceStrings().fromRecords(CloudEventRecords.of(routine)).awaitCompletion(PATIENCE);
            await().atMost(PATIENCE).until(() -> count(out, routine.caseId(), EventType.DISPATCH_QUEUED) == 1);

            // A dispatcher sends the team; it visits and finishes.
            String assignment = given().auth().oauth2(DISPATCHER).contentType(ContentType.JSON)
                    .body(Map.of("caseId", routine.caseId(), "teamCode", "H98-A")).post("/api/v1/assignments")
                    .then().statusCode(201).extract().path("id");
            for (String step : List.of("acceptance", "departure", "arrival")) {
                given().auth().oauth2(DISPATCHER).post("/api/v1/assignments/{id}/" + step, assignment).then()
                        .statusCode(200);
            }
            given().auth().oauth2(DISPATCHER).contentType(ContentType.JSON).body(Map.of("outcome", "RESOLVED_ON_SITE"))
                    .post("/api/v1/assignments/{id}/completion", assignment).then().statusCode(200);
            assertThat(queued(routine.caseId())).isZero();

            // The ward official verified it and wants the team back: the hand-back arrives three times.
            CaseHandedBack handBack = new CaseHandedBack(routine.caseId(), routine.caseCode(), Instant.now(),
                    UUID.randomUUID(), CaseHandedBack.DISPATCH, List.of(Need.MEDICAL_CONSULTATION),
                    routine.location(), 40, "Bệnh nhân vẫn sốt cao sau 2 ngày", "official.ward98");
            var once = CloudEventRecords.of(handBack);
            // Then another hand-back of the same case (a new one, higher priority): in the same partition after the
            // copies, so once it shows, every copy has been handled.
            CaseHandedBack later = new CaseHandedBack(routine.caseId(), routine.caseCode(), Instant.now(),
                    UUID.randomUUID(), CaseHandedBack.DISPATCH, List.of(Need.MEDICAL_CONSULTATION),
                    routine.location(), 60, "Gia đình gọi lại", "official.ward98");
            companion.produceStrings().fromRecords(once, once, CloudEventRecords.of(handBack),
                    CloudEventRecords.of(later)).awaitCompletion(PATIENCE);

            await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(DISPATCHER)
                    .queryParam("provinceCode", "98").get("/api/v1/board").then().statusCode(200)
                    .body("queue.findAll { it.caseId == '" + routine.caseId() + "' }.priority", equalTo(List.of(60)))
                    .body("queue.find { it.caseId == '" + routine.caseId() + "' }.reason",
                            equalTo("AWAITING_DISPATCHER")));
            assertThat(queued(routine.caseId())).isEqualTo(1);
            // One DispatchQueued for the call, one for the hand-back; none for the copies or the second hand-back
            // (it found the case waiting).
            await().atMost(PATIENCE).until(() -> count(out, routine.caseId(), EventType.DISPATCH_QUEUED) >= 2);
            assertThat(count(out, routine.caseId(), EventType.DISPATCH_QUEUED)).isEqualTo(2);
            // A dispatcher can send a team again.
            given().auth().oauth2(DISPATCHER).contentType(ContentType.JSON)
                    .body(Map.of("caseId", routine.caseId(), "teamCode", "H98-A")).post("/api/v1/assignments")
                    .then().statusCode(201);
        } finally {
            out.stop();
        }
    }

    @Test
    void aHandBackToReliefIsNotDispatchs() {
        CallReceived routine = DispatchFlowTest.call("98", "982", "98201", 30, Need.VIOLATION_REPORT);
        CaseHandedBack toRelief = new CaseHandedBack(routine.caseId(), routine.caseCode(), Instant.now(),
                UUID.randomUUID(), CaseHandedBack.RELIEF, List.of(Need.FOOD, Need.MEDICAL_CONSULTATION),
                routine.location(), 40, "Hết gạo", "official.ward98");
        CaseHandedBack toDispatch = new CaseHandedBack(routine.caseId(), routine.caseCode(), Instant.now(),
                UUID.randomUUID(), CaseHandedBack.DISPATCH, List.of(Need.MEDICAL_CONSULTATION), routine.location(),
                35, "Cần khám", "official.ward98");
        // Relief's hand-back first, then dispatch's (same partition): once the second shows, the first was skipped.
        companion.produceStrings().fromRecords(CloudEventRecords.of(toRelief), CloudEventRecords.of(toDispatch))
                .awaitCompletion(PATIENCE);
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(DISPATCHER)
                .queryParam("provinceCode", "98").get("/api/v1/board").then().statusCode(200)
                .body("queue.findAll { it.caseId == '" + routine.caseId() + "' }.priority", equalTo(List.of(35))));
    }

    private static int queued(UUID caseId) {
        List<Object> lines = given().auth().oauth2(DISPATCHER).queryParam("provinceCode", "98").get("/api/v1/board")
                .then().statusCode(200).extract().path("queue.findAll { it.caseId == '" + caseId + "' }");
        return lines.size();
    }

    private static long count(ConsumerTask<String, String> out, UUID caseId, EventType type) {
        return out.stream().filter(r -> r.key().equals(caseId.toString()) && type.ceType().equals(header(r, "ce_type")))
                .count();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

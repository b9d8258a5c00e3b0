package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.ReliefItem;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class IntakeFlowTest {

    @BeforeAll
    static void signInAsAnAgent() {
        RestAssured.authentication = RestAssured.oauth2(TestTokens.user("agent-07", Roles.CALL_AGENT).sign());
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aCallOpensACaseOnceAndItsTimelineGathersEveryServicesEvents() {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            UUID callId = UUID.randomUUID();
            Map<String, Object> call = call(callId, SampleEvents.LAI_THIEU, List.of("HOSPITAL_ADMISSION", "FOOD"));
            String code = given().contentType(ContentType.JSON).body(call).post("/api/v1/calls").then()
                    .statusCode(201)
                    .body("code", matchesPattern("BD-\\d{8}-\\d{5}"))
                    .body("status", equalTo("OPEN"))
                    .body("location.districtCode", equalTo(SampleEvents.THUAN_AN))
                    .body("location.provinceCode", equalTo(SampleEvents.BINH_DUONG))
                    .body("priority", equalTo(90)) // admission 80 + two vulnerabilities
                    .extract().path("code");
            UUID caseId = UUID.fromString(given().get("/api/v1/cases/{code}", code).then().statusCode(200)
                    .extract().path("id"));

            // The console retries after a timeout: same case, no second event.
            given().contentType(ContentType.JSON).body(call).post("/api/v1/calls").then().statusCode(200)
                    .body("code", equalTo(code));

            ConsumerRecord<String, String> published = await().atMost(PATIENCE).until(
                    () -> intake.stream().filter(r -> r.key().equals(caseId.toString())).findFirst().orElse(null),
                    r -> r != null);
            assertThat(header(published, "ce_type")).isEqualTo(EventType.CALL_RECEIVED.ceType());
            assertThat(header(published, "ce_source")).isEqualTo("/hotline1022/intake-service");
            CallReceived received = (CallReceived) EventJson.fromJson(published.value(), EventType.CALL_RECEIVED);
            assertThat(received.caseCode()).isEqualTo(code);
            assertThat(received.callId()).isEqualTo(callId);
            assertThat(received.caller().phone()).isEqualTo("0912345678");
            assertThat(received.location().wardCode()).isEqualTo(SampleEvents.LAI_THIEU);
            assertThat(received.needs()).containsExactly(Need.HOSPITAL_ADMISSION, Need.FOOD);

            // Downstream services answer; dispatch's event is delivered twice.
            Instant now = Instant.now();
            var dispatched = CloudEventRecords.of(new TeamDispatched(caseId, code, now, UUID.randomUUID(),
                    UUID.randomUUID(), "Tổ PƯN Lái Thiêu", "SAME_WARD", true, null));
            companion.produceStrings().fromRecords(dispatched, dispatched).awaitCompletion(PATIENCE);
            companion.produceStrings().fromRecords(
                    CloudEventRecords.of(new PatientReferred(caseId, code, now.plusMillis(1), UUID.randomUUID(),
                            UUID.randomUUID(), "Bệnh viện Đa khoa tỉnh Bình Dương", BedType.OXYGEN, Severity.SEVERE,
                            "SpO2 91%", now.plusSeconds(600), 1)),
                    CloudEventRecords.of(new ReliefScheduled(caseId, code, now.plusMillis(2), UUID.randomUUID(),
                            UUID.randomUUID(), "BD-FOOD-2021", List.of(new ReliefItem("RICE", 10, "kg")), null,
                            SampleEvents.LAI_THIEU, now.plusSeconds(7200))))
                    .awaitCompletion(PATIENCE);

            await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/cases/{code}", code).then()
                    .statusCode(200)
                    .body("status", equalTo("IN_PROGRESS"))
                    .body("timeline.type", equalTo(List.of("CallReceived", "TeamDispatched", "PatientReferred",
                            "ReliefScheduled")))
                    .body("timeline[1].summary", equalTo("Team Tổ PƯN Lái Thiêu dispatched (SAME_WARD)"))
                    .body("timeline[3].source", equalTo("relief-service")));
            assertThat(intake.stream().filter(r -> r.key().equals(caseId.toString())).count()).isEqualTo(1);
        } finally {
            intake.stop();
        }
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndOpensNothing() {
        int before = given().queryParam("limit", 500).get("/api/v1/cases").then().statusCode(200)
                .extract().path("size()");

        Map<String, Object> bad = call(UUID.randomUUID(), "123", List.of());
        bad.put("householdSize", 0);
        bad.put("caller", Map.of("phone", "call me"));
        problem(given().contentType(ContentType.JSON).body(bad).post("/api/v1/calls"), 400)
                .body("errors.field", hasItems("location.wardCode", "needs", "householdSize", "caller.phone"));

        // Well-formed but no such ward.
        problem(given().contentType(ContentType.JSON).body(call(UUID.randomUUID(), "99999", List.of("FOOD")))
                .post("/api/v1/calls"), 400).body("errors.field", hasItem("location.wardCode"));

        Map<String, Object> unknownNeed = call(UUID.randomUUID(), SampleEvents.LAI_THIEU, List.of("TELEPORT"));
        problem(given().contentType(ContentType.JSON).body(unknownNeed).post("/api/v1/calls"), 400);
        problem(given().contentType(ContentType.JSON).body("{\"channel\": ").post("/api/v1/calls"), 400);
        problem(given().contentType(ContentType.JSON).body("").post("/api/v1/calls"), 400);

        problem(given().get("/api/v1/cases/{code}", "BD-20210817-99999"), 404);
        problem(given().get("/api/v1/cases/{code}", "not-a-code"), 400);
        problem(given().queryParam("status", "LOST").get("/api/v1/cases"), 400);

        given().queryParam("limit", 500).get("/api/v1/cases").then().statusCode(200).body("size()", equalTo(before));
    }

    @Test
    void referenceDataHealthAndOpenApiAreServed() {
        given().get("/api/v1/admin-units/provinces/{code}/districts", "74").then().statusCode(200)
                .body("name", hasItem("Thuận An"));
        given().get("/api/v1/admin-units/districts/{code}/wards", "725").then().statusCode(200)
                .body("find { it.code == '25966' }.name", equalTo("Lái Thiêu"));
        problem(given().get("/api/v1/admin-units/provinces/{code}/districts", "00"), 404);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", org.hamcrest.Matchers
                .hasKey("/api/v1/calls"));
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status).contentType("application/problem+json");
    }

    private static Map<String, Object> call(UUID callId, String ward, List<String> needs) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", callId);
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Nguyễn Thị Bình", "phone", "0912 345 678"));
        call.put("location", Map.of("wardCode", ward, "addressText", "12 Đường Cách Mạng Tháng Tám"));
        call.put("needs", needs);
        call.put("householdSize", 4);
        call.put("vulnerabilities", List.of("ELDERLY", "CHRONIC_ILLNESS"));
        call.put("agentId", "agent-07");
        return call;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

package vn.hotline1022.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
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
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.intake.CallReceived;
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
class DispatchFlowTest {

    @BeforeAll
    static void signInAsDispatcher() {
        RestAssured.authentication = RestAssured.oauth2(
                TestTokens.user("dispatcher1", Roles.DISPATCHER, Roles.OPS).sign());
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void aTeamIsSentQueuedCasesWaitAndTheFreedTeamTakesTheNext() {
        // A Thuận An team with a medic, covering Lái Thiêu; no other team in the whole province is free.
        String teamId = given().contentType(ContentType.JSON)
                .body(Map.of("code", "TA-01", "name", "Tổ PƯN Lái Thiêu", "provinceCode", "74", "homeDistrictCode", "725",
                        "coveredWardCodes", List.of(SampleEvents.LAI_THIEU), "medicalStaff", 1, "vehicle", "AMBULANCE"))
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");

        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            CallReceived first = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                    Need.EMERGENCY_TRANSPORT);
            var record = CloudEventRecords.of(first);
            companion.produceStrings().fromRecords(record, record).awaitCompletion(PATIENCE); // redelivered

            TeamDispatched dispatched = awaitEvent(out, first.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class);
            assertThat(dispatched.teamId().toString()).isEqualTo(teamId);
            assertThat(dispatched.matchedBy()).isEqualTo("SAME_WARD");

            // The only team is busy: the next case waits in the queue.
            CallReceived second = SampleEvents.callReceived(UUID.randomUUID(), SampleEvents.THU_DAU_MOT,
                    SampleEvents.PHU_CUONG, 80, Need.HOSPITAL_ADMISSION);
            companion.produceStrings().fromRecords(CloudEventRecords.of(second)).awaitCompletion(PATIENCE);
            awaitEvent(out, second.caseId(), EventType.DISPATCH_QUEUED, Object.class);

            String assignmentId = given().queryParam("caseId", first.caseId()).get("/api/v1/assignments")
                    .then().statusCode(200).body("size()", equalTo(1)).extract().path("[0].id");

            given().post("/api/v1/assignments/{id}/arrival", assignmentId).then().statusCode(200)
                    .body("status", equalTo("ARRIVED"));
            awaitEvent(out, first.caseId(), EventType.TEAM_ARRIVED, Object.class);
            given().post("/api/v1/assignments/{id}/arrival", assignmentId).then().statusCode(409)
                    .contentType("application/problem+json");

            given().contentType(ContentType.JSON)
                    .body(Map.of("outcome", "NEEDS_HOSPITAL", "clinicalNotes",
                            Map.of("spo2", 89, "symptoms", "khó thở", "severity", "SEVERE")))
                    .post("/api/v1/assignments/{id}/completion", assignmentId).then().statusCode(200)
                    .body("status", equalTo("COMPLETED"));
            DispatchCompleted completed = awaitEvent(out, first.caseId(), EventType.DISPATCH_COMPLETED,
                    DispatchCompleted.class);
            assertThat(completed.outcome()).isEqualTo(DispatchOutcome.NEEDS_HOSPITAL);
            assertThat(completed.clinicalNotes().spo2()).isEqualTo(89);

            // The freed team drains the queue: mutual aid across districts.
            TeamDispatched next = awaitEvent(out, second.caseId(), EventType.TEAM_DISPATCHED, TeamDispatched.class);
            assertThat(next.teamId().toString()).isEqualTo(teamId);
            assertThat(next.matchedBy()).isEqualTo("MUTUAL_AID");

            // Exactly one dispatch for the first case despite the redelivered event.
            assertThat(out.stream().filter(r -> r.key().equals(first.caseId().toString()))
                    .filter(r -> EventType.TEAM_DISPATCHED.ceType().equals(header(r, "ce_type"))).count())
                    .isEqualTo(1);
        } finally {
            out.stop();
        }
    }

    @Test
    void badInputIsRefusedWithFieldErrors() {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "x", "name", "", "provinceCode", "7", "homeDistrictCode", "718",
                        "coveredWardCodes", List.of("123"), "medicalStaff", -1, "vehicle", "CAR"))
                .post("/api/v1/teams").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("provinceCode"))
                .body("errors.field", hasItem("medicalStaff"))
                .body("errors.field", hasItem("coveredWardCodes[0]"));
        given().contentType(ContentType.JSON).body(Map.of("outcome", "TELEPORTED"))
                .post("/api/v1/assignments/{id}/completion", UUID.randomUUID()).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("outcome", "RESOLVED_ON_SITE"))
                .post("/api/v1/assignments/{id}/completion", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/teams").then().statusCode(200);
    }

    @Test
    void healthOpenApiAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", org.hamcrest.Matchers.notNullValue());
        given().get("/q/metrics").then().statusCode(200);
    }

    private static <T> T awaitEvent(ConsumerTask<String, String> out, UUID caseId, EventType type, Class<T> as) {
        ConsumerRecord<String, String> found = await().atMost(PATIENCE).until(() -> out.stream()
                .filter(r -> r.key().equals(caseId.toString()) && type.ceType().equals(header(r, "ce_type")))
                .findFirst().orElse(null), r -> r != null);
        return as == Object.class ? null : as.cast(EventJson.fromJson(found.value(), type));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}

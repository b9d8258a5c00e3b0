package vn.hotline1022.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.AreaMatrix;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * Scope on every read and action: a team, a finished visit, a transport and a waiting case of province 77 (used by no
 * other dispatch test), tried through every operation by every role of province 74 and by another team's member.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class DispatchAreaTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ADMIN = TestTokens.user("admin77", Roles.ADMIN).sign();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void nothingOfAnotherAreaOrTeamIsReachedThroughAnyOperation() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", "VT-01", "name", "Tổ PƯN Vũng Tàu 1", "provinceCode", "77", "homeDistrictCode",
                        "747", "coveredWardCodes", List.of("26500"), "medicalStaff", 1, "vehicle", "AMBULANCE",
                        "equipment", List.of("OXYGEN")))
                .post("/api/v1/teams").then().statusCode(201);
        // A visit, done: its contact is still readable by the team for the grace period.
        CallReceived visit = call("VT-20211001-0001", Need.EMERGENCY_TRANSPORT, 90);
        produce(visit);
        String assignmentId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(ADMIN)
                .queryParam("caseId", visit.caseId()).get("/api/v1/assignments").then().statusCode(200)
                .extract().<String> path("[0].id"), id -> id != null);
        for (String step : List.of("acceptance", "departure", "arrival")) {
            given().auth().oauth2(ADMIN).post("/api/v1/assignments/{id}/" + step, assignmentId).then().statusCode(200);
        }
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("outcome", "RESOLVED_ON_SITE"))
                .post("/api/v1/assignments/{id}/completion", assignmentId).then().statusCode(200);
        // A transport the team now drives; then a routine case waits for a dispatcher.
        UUID transportCase = UUID.randomUUID();
        produce(new ReferralAccepted(transportCase, "VT-20211001-0002", Instant.now(), UUID.randomUUID(),
                UUID.randomUUID(), "Bệnh viện Bà Rịa", "Khoa Nhiễm - giường 3", Instant.now().plusSeconds(1800),
                "77001", BedType.OXYGEN, "77", "747"));
        String transportId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(ADMIN)
                .queryParam("caseId", transportCase).get("/api/v1/transports").then().statusCode(200)
                .extract().<String> path("[0].id"), id -> id != null);
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .get("/api/v1/transports/{id}", transportId).then().body("teamCode", equalTo("VT-01")));
        CallReceived waiting = call("VT-20211001-0003", Need.MEDICAL_CONSULTATION, 20);
        produce(waiting);
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .get("/api/v1/cases/{id}/recommendations", waiting.caseId()).then().statusCode(200));

        String[] readers = { "call-agent", "dispatcher", "team-member", "ops" };
        String[] fieldRoles = { "team-member", "dispatcher" };
        String body = "{\"members\":[{\"name\":\"Nguyễn Văn A\",\"role\":\"MEDICAL\"}]}";
        List<String> violations = AreaMatrix.forService()
                .outsider(Map.of("province_codes", List.of("74"), "team_code", "BH-01"))
                .insider(Map.of("province_codes", List.of("77"), "team_code", "VT-01"))
                .resource("/api/v1/teams/{code}", "/api/v1/teams/VT-01")
                .resource("/api/v1/assignments/{id}", "/api/v1/assignments/" + assignmentId)
                .resource("/api/v1/transports/{id}", "/api/v1/transports/" + transportId)
                .resource("/api/v1/cases/{caseId}", "/api/v1/cases/" + waiting.caseId())
                .marker("VT-01").marker("VT-20211001-0001").marker("VT-20211001-0002").marker("VT-20211001-0003")
                .roles("GET /api/v1/teams", readers)
                .roles("POST /api/v1/teams", "ops")
                .body("POST /api/v1/teams", "{\"code\":\"VT-09\",\"name\":\"Tổ PƯN Vũng Tàu 9\",\"provinceCode\":\"77\","
                        + "\"homeDistrictCode\":\"747\",\"coveredWardCodes\":[\"26500\"],\"medicalStaff\":1,"
                        + "\"vehicle\":\"CAR\"}")
                .roles("GET /api/v1/teams/{code}", readers)
                .roles("PUT /api/v1/teams/{code}/members", "dispatcher", "ops")
                .body("PUT /api/v1/teams/{code}/members", body)
                .roles("PUT /api/v1/teams/{code}/status", "team-member", "dispatcher", "ops")
                .body("PUT /api/v1/teams/{code}/status", "{\"status\":\"OFF_DUTY\"}")
                .roles("GET /api/v1/teams/{code}/jobs", fieldRoles)
                .roles("GET /api/v1/assignments", readers)
                .query("GET /api/v1/assignments", "caseId=" + visit.caseId())
                .roles("POST /api/v1/assignments", "dispatcher")
                .body("POST /api/v1/assignments", "{\"caseId\":\"" + waiting.caseId() + "\",\"teamCode\":\"VT-01\"}")
                .roles("POST /api/v1/assignments/{id}/acceptance", fieldRoles)
                .roles("POST /api/v1/assignments/{id}/departure", fieldRoles)
                .roles("POST /api/v1/assignments/{id}/arrival", fieldRoles)
                .roles("POST /api/v1/assignments/{id}/completion", fieldRoles)
                .body("POST /api/v1/assignments/{id}/completion", "{\"outcome\":\"NO_CONTACT\"}")
                .roles("GET /api/v1/assignments/{id}/contact", fieldRoles)
                .roles("GET /api/v1/cases/{caseId}/recommendations", "dispatcher", "ops")
                .roles("GET /api/v1/board", "dispatcher")
                .roles("GET /api/v1/transports", readers)
                .query("GET /api/v1/transports", "caseId=" + transportCase)
                .roles("GET /api/v1/transports/{id}", readers)
                .roles("POST /api/v1/transports/{id}/pickup", fieldRoles)
                .roles("POST /api/v1/transports/{id}/handover", fieldRoles)
                .violations();
        assertThat(violations).isEmpty();
        // Nothing moved: the outsiders' actions all failed.
        given().auth().oauth2(ADMIN).get("/api/v1/teams/VT-01").then().body("status", equalTo("DISPATCHED"))
                .body("members.size()", equalTo(0));
        given().auth().oauth2(ADMIN).get("/api/v1/transports/{id}", transportId).then().body("status",
                equalTo("DISPATCHED"));
        given().auth().oauth2(ADMIN).get("/api/v1/teams/VT-09").then().statusCode(404);
    }

    private static CallReceived call(String code, Need need, int priority) {
        return new CallReceived(UUID.randomUUID(), code, Instant.now(), UUID.randomUUID(), ContactChannel.PHONE,
                new Caller("Lê Văn Bảy", "0987654377"), new Location("77", "747", "26500", "Hẻm 7, khu phố 3", null,
                        null),
                List.of(need), 3, Set.of(), priority, null, "agent-77");
    }

    private void produce(Object event) {
        companion.produceStrings().fromRecords(CloudEventRecords.of((vn.hotline1022.events.HotlineEvent) event))
                .awaitCompletion(PATIENCE);
    }
}

package vn.hotline1022.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.AccessMatrix;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class DispatchAccessTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void everyEndpointHasItsRule() {
        String[] readers = { "call-agent", "dispatcher", "team-member", "ops", "admin" };
        assertThat(AccessMatrix.forService()
                .allow("GET /api/v1/teams", readers)
                .allow("POST /api/v1/teams", "ops", "admin")
                .allow("GET /api/v1/teams/{code}", readers)
                .allow("PUT /api/v1/teams/{code}/members", "dispatcher", "ops", "admin")
                .allow("PUT /api/v1/teams/{code}/status", "team-member", "dispatcher", "ops", "admin")
                .allow("GET /api/v1/assignments", readers)
                .allow("POST /api/v1/assignments", "dispatcher", "admin")
                .allow("POST /api/v1/assignments/{id}/acceptance", "team-member", "dispatcher", "admin")
                .allow("POST /api/v1/assignments/{id}/departure", "team-member", "dispatcher", "admin")
                .allow("POST /api/v1/assignments/{id}/arrival", "team-member", "dispatcher", "admin")
                .allow("POST /api/v1/assignments/{id}/completion", "team-member", "dispatcher", "admin")
                // The household's address and phone: only the team on the job (checked per team) and dispatchers.
                .allow("GET /api/v1/assignments/{id}/contact", "team-member", "dispatcher", "admin")
                .allow("GET /api/v1/teams/{code}/jobs", "team-member", "dispatcher", "admin")
                .allow("GET /api/v1/cases/{caseId}/recommendations", "dispatcher", "ops", "admin")
                .allow("GET /api/v1/board", "dispatcher", "ops", "admin")
                .allow("GET /api/v1/transports", readers)
                .allow("GET /api/v1/transports/{id}", readers)
                .allow("POST /api/v1/transports/{id}/pickup", "team-member", "dispatcher", "admin")
                .allow("POST /api/v1/transports/{id}/handover", "team-member", "dispatcher", "admin")
                .violations()).isEmpty();
        assertThat(AccessMatrix.badTokenViolations("GET /api/v1/teams", "dispatcher")).isEmpty();
    }

    @Test
    void aTeamMemberReportsOnlyForItsOwnTeam() {
        String ops = TestTokens.user("ops1", "ops").claim("province_codes", List.of("75")).sign();
        // Biên Hòa, Đồng Nai: a province no other test uses, so this team never serves their cases.
        given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("code", "BH-01", "name", "Tổ PƯN Trảng Dài", "provinceCode", "75", "homeDistrictCode",
                        "731", "coveredWardCodes", List.of("25993"), "medicalStaff", 1, "vehicle", "AMBULANCE"))
                .post("/api/v1/teams").then().statusCode(201);
        CallReceived sample = SampleEvents.callReceived("731", "25993", Need.EMERGENCY_TRANSPORT);
        CallReceived call = new CallReceived(sample.caseId(), "DN-20211001-0001", sample.occurredAt(),
                sample.callId(), sample.channel(), sample.caller(), new Location("75", "731", "25993", null, null, null),
                sample.needs(), 3, Set.of(), 90, null, "agent-01");
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(Duration.ofSeconds(30));

        String ownTeam = TestTokens.user("team-bh", "team-member").claim("team_code", "BH-01").sign();
        String otherTeam = TestTokens.user("team-tdm", "team-member").claim("team_code", "TDM-01").sign();
        String assignmentId = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(ownTeam)
                .queryParam("caseId", call.caseId()).get("/api/v1/assignments").then().statusCode(200)
                .extract().<String> path("[0].id"), id -> id != null);

        given().auth().oauth2(otherTeam).queryParam("caseId", call.caseId()).get("/api/v1/assignments").then()
                .statusCode(200).body("size()", equalTo(0));
        for (String step : List.of("acceptance", "departure", "arrival")) {
            given().auth().oauth2(otherTeam).post("/api/v1/assignments/{id}/" + step, assignmentId).then()
                    .statusCode(404);
        }
        given().auth().oauth2(otherTeam).contentType(ContentType.JSON).body(Map.of("status", "OFF_DUTY"))
                .put("/api/v1/teams/BH-01/status").then().statusCode(404);
        given().auth().oauth2(ownTeam).post("/api/v1/assignments/{id}/acceptance", assignmentId).then()
                .statusCode(200).body("status", equalTo("ACCEPTED"));
        given().auth().oauth2(ownTeam).post("/api/v1/assignments/{id}/departure", assignmentId).then()
                .statusCode(200).body("status", equalTo("EN_ROUTE"));
        given().auth().oauth2(ownTeam).post("/api/v1/assignments/{id}/arrival", assignmentId).then()
                .statusCode(200).body("status", equalTo("ARRIVED"));
    }
}

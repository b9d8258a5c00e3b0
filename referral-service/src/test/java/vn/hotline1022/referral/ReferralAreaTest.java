package vn.hotline1022.referral;

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
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.AreaMatrix;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * Scope on every read and action: a hospital and a referral of province 06 (Bắc Kạn, used by no other referral test),
 * tried through every operation by every role of province 79 and by another hospital's staff.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class ReferralAreaTest {

    private static final String ADMIN = TestTokens.user("admin06", Roles.ADMIN).sign();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void nothingOfAnotherAreaOrHospitalIsReachedThroughAnyOperation() {
        String hospitalId = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", "06001", "name", "Bệnh viện Bắc Kạn", "provinceCode", "06", "districtCode", "058",
                        "level", "PROVINCIAL", "beds", Map.of("GENERAL", Map.of("total", 10, "free", 5))))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        CallReceived sample = SampleEvents.callReceived("058", "01834", Need.HOSPITAL_ADMISSION);
        CallReceived call = new CallReceived(sample.caseId(), "BK-20211001-0006", sample.occurredAt(),
                sample.callId(), sample.channel(), sample.caller(), new Location("06", "058", "01834", null, null, null),
                sample.needs(), 2, Set.of(), 80, null, "agent-06");
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(Duration.ofSeconds(30));
        String referralId = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(ADMIN)
                .queryParam("caseId", call.caseId()).get("/api/v1/referrals").then().statusCode(200)
                .extract().<String> path("find { it.status == 'PENDING' }.id"), id -> id != null);

        String[] readers = { "call-agent", "dispatcher", "hospital-staff", "ops" };
        List<String> violations = AreaMatrix.forService()
                .outsider(Map.of("province_codes", List.of("79"), "hospital_code", "79001"))
                .insider(Map.of("province_codes", List.of("06"), "hospital_code", "06001"))
                .resource("/api/v1/hospitals/{id}", "/api/v1/hospitals/" + hospitalId)
                .resource("/api/v1/referrals/{id}", "/api/v1/referrals/" + referralId)
                .marker("06001").marker("Bệnh viện Bắc Kạn").marker("BK-20211001-0006").marker(referralId)
                .roles("GET /api/v1/hospitals", readers)
                .roles("POST /api/v1/hospitals", "ops")
                .body("POST /api/v1/hospitals", "{\"code\":\"06002\",\"name\":\"Bệnh viện B\",\"provinceCode\":\"06\","
                        + "\"districtCode\":\"058\",\"level\":\"DISTRICT\",\"beds\":{\"GENERAL\":{\"total\":1,"
                        + "\"free\":1}}}")
                .roles("GET /api/v1/hospitals/{id}", readers)
                .roles("PUT /api/v1/hospitals/{id}/capacity", "hospital-staff", "ops")
                .body("PUT /api/v1/hospitals/{id}/capacity", "{\"beds\":{\"GENERAL\":{\"free\":0}}}")
                .roles("PUT /api/v1/hospitals/{id}/accepting", "hospital-staff", "ops")
                .body("PUT /api/v1/hospitals/{id}/accepting", "{\"accepting\":false,\"reason\":\"hết oxy\"}")
                .roles("PUT /api/v1/hospitals/{id}/contacts", "hospital-staff", "ops")
                .body("PUT /api/v1/hospitals/{id}/contacts", "{\"dutyPhone\":\"0912000111\"}")
                .roles("GET /api/v1/referrals", readers)
                .query("GET /api/v1/referrals", "caseId=" + call.caseId())
                .roles("GET /api/v1/referrals/{id}", readers)
                .roles("GET /api/v1/referrals/{id}/fhir", readers)
                .roles("POST /api/v1/referrals/{id}/receipt", "hospital-staff")
                .roles("POST /api/v1/referrals/{id}/acceptance", "hospital-staff")
                .body("POST /api/v1/referrals/{id}/acceptance", "{\"bedLabel\":\"B-1\"}")
                .roles("POST /api/v1/referrals/{id}/rejection", "hospital-staff")
                .body("POST /api/v1/referrals/{id}/rejection", "{\"reason\":\"NO_STAFF\"}")
                .roles("POST /api/v1/referrals/{id}/admission", "hospital-staff")
                .body("POST /api/v1/referrals/{id}/admission", "{\"admitted\":false}")
                .roles("POST /api/v1/referrals/{id}/discharge", "hospital-staff")
                .body("POST /api/v1/referrals/{id}/discharge", "{\"disposition\":\"DISCHARGED\"}")
                .roles("PUT /api/v1/referrals/{id}/fhir", "hospital-staff")
                .body("PUT /api/v1/referrals/{id}/fhir", "{\"resourceType\":\"Task\",\"status\":\"received\"}")
                .roles("GET /api/v1/reports/compliance", "dispatcher", "hospital-staff", "ops")
                .violations();
        assertThat(violations).isEmpty();
        // An outsider asking for the other province's report by name is refused; nothing moved.
        given().auth().oauth2(TestTokens.user("d79", Roles.DISPATCHER).claim("province_codes", List.of("79")).sign())
                .queryParam("provinceCode", "06").get("/api/v1/reports/compliance").then().statusCode(403);
        given().auth().oauth2(ADMIN).get("/api/v1/referrals/{id}", referralId).then().body("status",
                equalTo("PENDING"));
        given().auth().oauth2(ADMIN).get("/api/v1/hospitals/{id}", hospitalId).then().body("accepting",
                equalTo(true));
    }
}

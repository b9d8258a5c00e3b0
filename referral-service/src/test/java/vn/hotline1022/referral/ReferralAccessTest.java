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
class ReferralAccessTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void everyEndpointHasItsRule() {
        String[] readers = { "call-agent", "dispatcher", "hospital-staff", "ops", "admin" };
        assertThat(AccessMatrix.forService()
                .withClaim("hospital_code", "00000")
                .allow("GET /api/v1/hospitals", readers)
                .allow("POST /api/v1/hospitals", "ops", "admin")
                .allow("GET /api/v1/hospitals/{id}", readers)
                .allow("PUT /api/v1/hospitals/{id}/capacity", "hospital-staff", "ops", "admin")
                .allow("PUT /api/v1/hospitals/{id}/accepting", "hospital-staff", "ops", "admin")
                .allow("PUT /api/v1/hospitals/{id}/contacts", "hospital-staff", "ops", "admin")
                .allow("GET /api/v1/referrals", readers)
                .allow("GET /api/v1/referrals/{id}", readers)
                .allow("POST /api/v1/referrals/{id}/acceptance", "hospital-staff", "admin")
                .allow("POST /api/v1/referrals/{id}/rejection", "hospital-staff", "admin")
                .allow("GET /api/v1/referrals/{id}/fhir", readers)
                .allow("POST /api/v1/referrals/{id}/receipt", "hospital-staff", "admin")
                .allow("POST /api/v1/referrals/{id}/admission", "hospital-staff", "admin")
                .allow("POST /api/v1/referrals/{id}/discharge", "hospital-staff", "admin")
                .allow("PUT /api/v1/referrals/{id}/fhir", "hospital-staff", "admin")
                .allow("GET /api/v1/reports/compliance", "dispatcher", "hospital-staff", "ops", "admin")
                .violations()).isEmpty();
        assertThat(AccessMatrix.badTokenViolations("GET /api/v1/referrals", "dispatcher")).isEmpty();
    }

    @Test
    void aHospitalSeesAndAnswersOnlyItsOwnReferrals() {
        // Province 01 (Hà Nội): no other test routes there. Hospital A has more beds, so it is asked.
        String ops = TestTokens.user("ops1", "ops").claim("province_codes", List.of("01")).sign();
        String a = hospital(ops, "01001", "Bệnh viện A", 5);
        String b = hospital(ops, "01002", "Bệnh viện B", 1);
        CallReceived sample = SampleEvents.callReceived("001", "00001", Need.HOSPITAL_ADMISSION);
        CallReceived call = new CallReceived(sample.caseId(), "HN-20211001-0001", sample.occurredAt(),
                sample.callId(), sample.channel(), sample.caller(), new Location("01", "001", "00001", null, null, null),
                sample.needs(), 2, Set.of(), 80, null, "agent-01");
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(Duration.ofSeconds(30));

        String staffA = TestTokens.user("hospital1", "hospital-staff").claim("hospital_code", "01001").sign();
        String staffB = TestTokens.user("hospital2", "hospital-staff").claim("hospital_code", "01002").sign();
        String referralId = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(staffA)
                .queryParam("caseId", call.caseId()).get("/api/v1/referrals").then().statusCode(200)
                .extract().<String> path("find { it.status == 'PENDING' }.id"), id -> id != null);

        // Hospital B cannot see, read or answer A's referral, nor see or change A.
        given().auth().oauth2(staffB).queryParam("caseId", call.caseId()).get("/api/v1/referrals").then()
                .statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(staffB).get("/api/v1/referrals/{id}", referralId).then().statusCode(404);
        given().auth().oauth2(staffB).contentType(ContentType.JSON).body(Map.of("bedLabel", "B-1"))
                .post("/api/v1/referrals/{id}/acceptance", referralId).then().statusCode(404);
        given().auth().oauth2(staffB).contentType(ContentType.JSON).body(Map.of("reason", "NO_STAFF"))
                .post("/api/v1/referrals/{id}/rejection", referralId).then().statusCode(404);
        given().auth().oauth2(staffB).get("/api/v1/referrals/{id}/fhir", referralId).then().statusCode(404);
        given().auth().oauth2(staffB).post("/api/v1/referrals/{id}/receipt", referralId).then().statusCode(404);
        given().auth().oauth2(staffB).contentType(ContentType.JSON).body(Map.of("admitted", false))
                .post("/api/v1/referrals/{id}/admission", referralId).then().statusCode(404);
        given().auth().oauth2(staffB).contentType(ContentType.JSON).body(Map.of("accepting", false))
                .put("/api/v1/hospitals/{id}/accepting", a).then().statusCode(404);
        given().auth().oauth2(staffB).contentType(ContentType.JSON).body(Map.of("dutyPhone", "0912000111"))
                .put("/api/v1/hospitals/{id}/contacts", a).then().statusCode(404);
        given().auth().oauth2(staffB).queryParam("provinceCode", "01").get("/api/v1/reports/compliance").then()
                .statusCode(200).body("hospitals.hospitalId", equalTo(List.of(b)));
        given().auth().oauth2(staffB).get("/api/v1/hospitals").then().statusCode(200)
                .body("id", equalTo(List.of(b)));
        given().auth().oauth2(staffB).get("/api/v1/hospitals/{id}", a).then().statusCode(404);
        given().auth().oauth2(staffB).contentType(ContentType.JSON)
                .body(Map.of("beds", Map.of("GENERAL", Map.of("free", 0))))
                .put("/api/v1/hospitals/{id}/capacity", a).then().statusCode(404);

        // Hospital A answers its own.
        given().auth().oauth2(staffA).contentType(ContentType.JSON).body(Map.of("bedLabel", "Khoa Nội, giường 4"))
                .post("/api/v1/referrals/{id}/acceptance", referralId).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"));
    }

    private static String hospital(String token, String code, String name, int freeBeds) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", name, "provinceCode", "01", "districtCode", "001", "level",
                        "PROVINCIAL", "beds", Map.of("GENERAL", Map.of("total", 10, "free", freeBeds))))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
    }
}

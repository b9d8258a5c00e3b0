package vn.hotline1022.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.ClinicalNotes;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.events.referral.PatientDischarged;
import vn.hotline1022.referral.referrals.Referrer;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * A hospital's own system closes its part in FHIR: it reads the referral's Task, updates its status and business
 * status (accepted with the bed, completed as admitted, then discharged or transferred) and PUTs it back; each step is
 * the same as the page's, published once (PatientAdmitted, PatientDischarged), and the bed is free again after the
 * discharge. Bad documents are refused with the FHIR path at fault and change nothing.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class HospitalSystemsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String OPS = TestTokens.user("ops1", Roles.OPS, Roles.ADMIN).sign();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    Referrer referrer;

    @Test
    void aHospitalSystemAcceptsAdmitsAndDischargesThroughTheFhirTask() {
        // Tuyên Quang (08): no other test routes there.
        String code = "08" + "%03d".formatted(ThreadLocalRandom.current().nextInt(100, 1000));
        String hospital = given().auth().oauth2(OPS).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "BV Đa khoa tỉnh Tuyên Quang", "provinceCode", "08",
                        "districtCode", "070", "level", "PROVINCIAL",
                        "beds", Map.of("ICU", Map.of("total", 2, "free", 2))))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        String system = TestTokens.user("tuyenquang-his", Roles.HOSPITAL_STAFF).claim("hospital_code", code).sign();
        UUID caseId = UUID.randomUUID();
        DispatchCompleted critical = new DispatchCompleted(caseId, "TQ-20211001-0001", Instant.now(),
                UUID.randomUUID(), UUID.randomUUID(), DispatchOutcome.NEEDS_HOSPITAL,
                new ClinicalNotes(85, 30, "suy hô hấp", Severity.CRITICAL), List.of(),
                new Location("08", "070", null, null, null, null), null);
        QuarkusTransaction.requiringNew().run(() -> referrer.onDispatchCompleted(critical));
        String id = given().auth().oauth2(OPS).queryParam("caseId", caseId).get("/api/v1/referrals").then()
                .statusCode(200).extract().path("[0].id");
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.REFERRAL);
        try {
            // Bad documents: the FHIR path at fault, nothing changed.
            put(system, id, "{\"resourceType\":\"Task\",\"status\":\"accepted\"}").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("output[bed].valueString"));
            put(system, id, "{not json").then().statusCode(400).contentType("application/problem+json");
            put(system, id, "{\"resourceType\":\"Task\",\"status\":\"completed\",\"businessStatus\":{\"coding\":"
                    + "[{\"code\":\"DISCHARGED\"}]}}").then().statusCode(409); // not admitted yet
            given().auth().oauth2(system).get("/api/v1/referrals/{id}", id).then().body("status", equalTo("PENDING"));
            // Another hospital's system: as if the referral did not exist.
            String stranger = TestTokens.user("other-his", Roles.HOSPITAL_STAFF).claim("hospital_code", "08999").sign();
            put(stranger, id, task(id, "received", null, null)).then().statusCode(404);

            // The Task as read, updated and sent back: accepted with the bed.
            put(system, id, task(id, "accepted", null, "[{\"type\":{\"text\":\"bed\"},\"valueString\":\"HSTC-2\"}]"))
                    .then().statusCode(200).contentType("application/fhir+json")
                    .body("entry[0].resource.status", equalTo("accepted"))
                    .body("entry[0].resource.output[0].valueString", equalTo("HSTC-2"));
            put(system, id, task(id, "completed", "ADMITTED", null)).then().statusCode(200)
                    .body("entry[0].resource.status", equalTo("completed"));
            given().auth().oauth2(OPS).get("/api/v1/hospitals/{id}", hospital).then().body("beds.ICU.free", equalTo(1));

            // Transferred to a central hospital ten days later: the bed is free again; once only.
            String transfer = task(id, "completed", "TRANSFERRED",
                    "[{\"type\":{\"text\":\"transferred-to\"},\"valueString\":\"01001\"}]");
            put(system, id, transfer).then().statusCode(200)
                    .body("entry[0].resource.businessStatus.coding[0].code", equalTo("TRANSFERRED"));
            put(system, id, transfer).then().statusCode(409).contentType("application/problem+json");
            given().auth().oauth2(OPS).get("/api/v1/hospitals/{id}", hospital).then().body("beds.ICU.free", equalTo(2));
            given().auth().oauth2(system).get("/api/v1/referrals/{id}", id).then()
                    .body("dischargeDisposition", equalTo("TRANSFERRED")).body("transferredTo", equalTo("01001"));

            List<ConsumerRecord<String, String>> published = await().atMost(PATIENCE).until(() -> out.stream()
                    .filter(r -> r.key().equals(caseId.toString())).toList(),
                    l -> l.stream().anyMatch(r -> EventType.PATIENT_DISCHARGED.ceType().equals(type(r))));
            assertThat(published.stream().filter(r -> EventType.PATIENT_ADMITTED.ceType().equals(type(r))))
                    .singleElement().satisfies(r -> assertThat(((PatientAdmitted) EventJson.fromJson(r.value(),
                            EventType.PATIENT_ADMITTED)).how()).isEqualTo(PatientAdmitted.RECORDED_BY_HOSPITAL));
            PatientDischarged discharged = (PatientDischarged) EventJson.fromJson(published.stream()
                    .filter(r -> EventType.PATIENT_DISCHARGED.ceType().equals(type(r))).findFirst().orElseThrow()
                    .value(), EventType.PATIENT_DISCHARGED);
            assertThat(discharged.disposition()).isEqualTo(PatientDischarged.TRANSFERRED);
            assertThat(discharged.transferredTo()).isEqualTo("01001");
            assertThat(discharged.hospitalCode()).isEqualTo(code);
        } finally {
            out.stop();
        }
    }

    @Test
    void theDischargeOfThePageRefusesWhatIsNotAnAdmittedPatient() {
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body(Map.of("disposition", "HOME"))
                .post("/api/v1/referrals/{id}/discharge", UUID.randomUUID()).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("disposition"));
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body(Map.of("disposition", "DISCHARGED"))
                .post("/api/v1/referrals/{id}/discharge", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static String task(String id, String status, String business, String output) {
        return "{\"resourceType\":\"Task\",\"id\":\"" + id + "\",\"status\":\"" + status + "\""
                + (business == null ? "" : ",\"businessStatus\":{\"coding\":[{\"code\":\"" + business + "\"}]}")
                + (output == null ? "" : ",\"output\":" + output) + "}";
    }

    private static io.restassured.response.Response put(String token, String id, String body) {
        return given().auth().oauth2(token).contentType("application/fhir+json").body(body)
                .put("/api/v1/referrals/{id}/fhir", id);
    }

    private static String type(ConsumerRecord<String, String> r) {
        var h = r.headers().lastHeader("ce_type");
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

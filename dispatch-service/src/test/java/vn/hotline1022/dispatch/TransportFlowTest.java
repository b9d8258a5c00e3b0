package vn.hotline1022.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.dispatch.PatientPickedUp;
import vn.hotline1022.events.dispatch.TransportDispatched;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * Patient transport on the real broker and database. Each test works in a province no other dispatch test uses (96,
 * 97), so their teams never serve other tests' cases and the other tests' teams never take these transports.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class TransportFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @BeforeAll
    static void signInAsOpsAndAdmin() {
        RestAssured.authentication = RestAssured.oauth2(TestTokens.user("ops96", Roles.OPS, Roles.ADMIN).sign());
    }

    @Test
    void anOxygenBedGetsAnAmbulanceWithOxygenOnceAndTheTeamWalksPickupAndHandover() {
        // Province 96: a car with a medic and an ambulance without oxygen cover the ward; the oxygen ambulance is
        // from another district. Only the last may carry a patient to an oxygen bed.
        team("LC-CAR", "96", "961", "96101", "CAR", List.of("OXYGEN"));
        team("LC-AMB", "96", "961", "96101", "AMBULANCE", List.of());
        team("LC-OXY", "96", "962", "96201", "AMBULANCE", List.of("OXYGEN"));

        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            ReferralAccepted accepted = accepted("96", "961", BedType.OXYGEN);
            // An ICU patient accepted just after, while the only oxygen ambulance is busy: it waits.
            ReferralAccepted icu = accepted("96", "962", BedType.ICU);
            var record = onFirstPartition(CloudEventRecords.of(accepted));
            // Delivered twice, and re-published under a new id: one transport all the same. All on one partition, so
            // once the ICU transport is seen waiting every copy before it has been handled.
            companion.produceStrings().fromRecords(record, record, onFirstPartition(CloudEventRecords.of(accepted)),
                    onFirstPartition(CloudEventRecords.of(icu))).awaitCompletion(PATIENCE);
            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("caseId", icu.caseId())
                    .get("/api/v1/transports").then().statusCode(200).body("size()", equalTo(1))
                    .body("[0].status", equalTo("WAITING")));

            TransportDispatched sent = awaitEvents(out, accepted.caseId(), EventType.TRANSPORT_DISPATCHED, 1,
                    TransportDispatched.class).get(0);
            assertThat(sent.teamCode()).isEqualTo("LC-OXY");
            assertThat(sent.referralId()).isEqualTo(accepted.referralId());
            assertThat(sent.hospitalCode()).isEqualTo("96001");
            assertThat(sent.bedType()).isEqualTo(BedType.OXYGEN);
            given().get("/api/v1/teams/LC-OXY").then().body("status", equalTo("DISPATCHED"));
            given().get("/api/v1/teams/LC-AMB").then().body("status", equalTo("AVAILABLE"));
            given().get("/api/v1/teams/LC-CAR").then().body("status", equalTo("AVAILABLE"));
            String transportId = given().queryParam("caseId", accepted.caseId()).get("/api/v1/transports").then()
                    .statusCode(200).body("size()", equalTo(1))
                    .body("[0].status", equalTo("DISPATCHED")).body("[0].teamCode", equalTo("LC-OXY"))
                    .body("[0].hospitalCode", equalTo("96001")).extract().path("[0].id");

            // The team's phone: only the next step, only its own team's transport.
            String own = TestTokens.user("team-lc-oxy", Roles.TEAM_MEMBER).claim("team_code", "LC-OXY").sign();
            String other = TestTokens.user("team-lc-amb", Roles.TEAM_MEMBER).claim("team_code", "LC-AMB").sign();
            given().auth().oauth2(own).post("/api/v1/transports/{id}/handover", transportId).then().statusCode(409)
                    .contentType("application/problem+json");
            given().auth().oauth2(other).post("/api/v1/transports/{id}/pickup", transportId).then().statusCode(404)
                    .contentType("application/problem+json");
            given().auth().oauth2(other).get("/api/v1/transports").then().statusCode(200)
                    .body("size()", equalTo(0));
            given().auth().oauth2(own).get("/api/v1/transports").then().statusCode(200)
                    .body("id", equalTo(List.of(transportId)));
            given().auth().oauth2(own).post("/api/v1/transports/{id}/pickup", transportId).then().statusCode(200)
                    .body("status", equalTo("PICKED_UP")).body("pickedUpAt", notNullValue());
            given().get("/api/v1/teams/LC-OXY").then().body("status", equalTo("EN_ROUTE"));
            given().auth().oauth2(own).post("/api/v1/transports/{id}/pickup", transportId).then().statusCode(409);
            PatientPickedUp picked = awaitEvents(out, accepted.caseId(), EventType.PATIENT_PICKED_UP, 1,
                    PatientPickedUp.class).get(0);
            assertThat(picked.transportId().toString()).isEqualTo(transportId);

            given().auth().oauth2(own).post("/api/v1/transports/{id}/handover", transportId).then().statusCode(200)
                    .body("status", equalTo("HANDED_OVER")).body("handedOverAt", notNullValue());
            given().auth().oauth2(own).post("/api/v1/transports/{id}/handover", transportId).then().statusCode(409);
            PatientHandedOver handedOver = awaitEvents(out, accepted.caseId(), EventType.PATIENT_HANDED_OVER, 1,
                    PatientHandedOver.class).get(0);
            assertThat(handedOver.referralId()).isEqualTo(accepted.referralId());
            assertThat(handedOver.hospitalId()).isEqualTo(accepted.hospitalId());
            assertThat(handedOver.teamId()).isEqualTo(sent.teamId());

            // Free again, the oxygen ambulance takes the waiting ICU patient at once.
            TransportDispatched next = awaitEvents(out, icu.caseId(), EventType.TRANSPORT_DISPATCHED, 1,
                    TransportDispatched.class).get(0);
            assertThat(next.teamCode()).isEqualTo("LC-OXY");
            assertThat(next.bedType()).isEqualTo(BedType.ICU);
            given().get("/api/v1/teams/LC-OXY").then().body("status", equalTo("DISPATCHED"));
            given().get("/api/v1/teams/LC-AMB").then().body("status", equalTo("AVAILABLE"));

            assertThat(events(out, accepted.caseId(), EventType.TRANSPORT_DISPATCHED, TransportDispatched.class))
                    .hasSize(1);
            assertThat(events(out, accepted.caseId(), EventType.PATIENT_HANDED_OVER, PatientHandedOver.class))
                    .hasSize(1);
            given().queryParam("caseId", accepted.caseId()).get("/api/v1/transports").then()
                    .body("size()", equalTo(1)).body("[0].status", equalTo("HANDED_OVER"));
        } finally {
            out.stop();
        }
    }

    @Test
    void withNoTransportTeamFreeTheTransportWaitsAndTheNextFreedAmbulanceTakesIt() {
        // Province 97: a free car with a medic (cannot carry a lying patient) and an ambulance off duty.
        team("DB-CAR", "97", "971", "97101", "CAR", List.of());
        team("DB-AMB", "97", "972", "97201", "AMBULANCE", List.of());
        given().contentType(ContentType.JSON).body(Map.of("status", "OFF_DUTY"))
                .put("/api/v1/teams/DB-AMB/status").then().statusCode(200);

        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.DISPATCH);
        try {
            ReferralAccepted accepted = accepted("97", "971", BedType.GENERAL);
            companion.produceStrings().fromRecords(CloudEventRecords.of(accepted)).awaitCompletion(PATIENCE);

            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("caseId", accepted.caseId())
                    .get("/api/v1/transports").then().statusCode(200).body("size()", equalTo(1))
                    .body("[0].status", equalTo("WAITING")).body("[0].teamId", equalTo(null)));
            // Seen WAITING means its transaction committed: nothing was sent, and the car was left alone.
            assertThat(events(out, accepted.caseId(), EventType.TRANSPORT_DISPATCHED, TransportDispatched.class))
                    .isEmpty();
            given().get("/api/v1/teams/DB-CAR").then().body("status", equalTo("AVAILABLE"));
            given().queryParam("status", "WAITING").get("/api/v1/transports").then().statusCode(200)
                    .body("caseId", hasItem(accepted.caseId().toString()));

            // Every list is filtered by the caller's area; no area, nothing.
            String here = TestTokens.user("dispatcher97", Roles.DISPATCHER).claim("province_codes", List.of("97"))
                    .sign();
            String elsewhere = TestTokens.user("dispatcher74", Roles.DISPATCHER)
                    .claim("province_codes", List.of("74")).sign();
            String nowhere = TestTokens.user("dispatcher-none", Roles.DISPATCHER).sign();
            given().auth().oauth2(here).queryParam("caseId", accepted.caseId()).get("/api/v1/transports").then()
                    .statusCode(200).body("size()", equalTo(1));
            for (String token : List.of(elsewhere, nowhere)) {
                given().auth().oauth2(token).queryParam("caseId", accepted.caseId()).get("/api/v1/transports")
                        .then().statusCode(200).body("size()", equalTo(0));
            }
            given().queryParam("status", "FLYING").get("/api/v1/transports").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("status"));

            // Back on shift, the ambulance takes the waiting patient at once.
            given().contentType(ContentType.JSON).body(Map.of("status", "AVAILABLE"))
                    .put("/api/v1/teams/DB-AMB/status").then().statusCode(200);
            TransportDispatched sent = awaitEvents(out, accepted.caseId(), EventType.TRANSPORT_DISPATCHED, 1,
                    TransportDispatched.class).get(0);
            assertThat(sent.teamCode()).isEqualTo("DB-AMB");
            assertThat(sent.waitedSince()).isBefore(sent.occurredAt());
            given().queryParam("caseId", accepted.caseId()).get("/api/v1/transports").then()
                    .body("[0].status", equalTo("DISPATCHED")).body("[0].teamCode", equalTo("DB-AMB"));
            given().get("/api/v1/teams/DB-AMB").then().body("status", equalTo("DISPATCHED"));
            given().get("/api/v1/teams/DB-CAR").then().body("status", equalTo("AVAILABLE"));
        } finally {
            out.stop();
        }
    }

    /** Same partition, hence handled in the order sent. */
    private static ProducerRecord<String, String> onFirstPartition(ProducerRecord<String, String> r) {
        return new ProducerRecord<>(r.topic(), 0, r.key(), r.value(), r.headers());
    }

    /** A team with one medic, registered by ops. */
    private static void team(String code, String province, String district, String ward, String vehicle,
            List<String> equipment) {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Tổ PƯN " + code, "provinceCode", province, "homeDistrictCode",
                        district, "coveredWardCodes", List.of(ward), "medicalStaff", 1, "vehicle", vehicle,
                        "equipment", equipment))
                .post("/api/v1/teams").then().statusCode(201);
    }

    /** A hospital of the province accepted the patient of a case dispatch has not seen before. */
    private static ReferralAccepted accepted(String province, String district, BedType bedType) {
        UUID caseId = UUID.randomUUID();
        return new ReferralAccepted(caseId, "LC-20211001-" + caseId.toString().substring(0, 4), Instant.now(),
                UUID.randomUUID(), UUID.randomUUID(), "Bệnh viện tỉnh " + province, "Khoa Nhiễm - giường 3",
                Instant.now().plusSeconds(1800), province + "001", bedType, province, district);
    }

    private static <T extends HotlineEvent> List<T> awaitEvents(ConsumerTask<String, String> out, UUID caseId,
            EventType type, int count, Class<T> as) {
        return await().atMost(PATIENCE).until(() -> events(out, caseId, type, as), found -> found.size() >= count);
    }

    private static <T extends HotlineEvent> List<T> events(ConsumerTask<String, String> out, UUID caseId,
            EventType type, Class<T> as) {
        return out.stream()
                .filter(r -> r.key().equals(caseId.toString()) && type.ceType().equals(header(r, "ce_type")))
                .map(r -> as.cast(EventJson.fromJson(r.value(), type))).toList();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

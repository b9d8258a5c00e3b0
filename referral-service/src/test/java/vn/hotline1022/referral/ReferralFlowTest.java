package vn.hotline1022.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
import vn.hotline1022.events.common.ClinicalNotes;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralWaiting;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralRejected;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.referral.referrals.Referral;
import vn.hotline1022.referral.referrals.Referrer;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * Each test works in its own province (Bình Dương, Lai Châu, Đồng Nai, Hà Giang, Cao Bằng, Điện Biên, Tuyên Quang) so
 * that the hospitals and waiting cases of one never serve the other.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class ReferralFlowTest {

    private static final AtomicInteger HOSPITAL_CODES = new AtomicInteger(100);

    @BeforeAll
    static void signInAsOpsAndAdmin() {
        RestAssured.authentication = RestAssured.oauth2(TestTokens.user("ops1", Roles.OPS, Roles.ADMIN).sign());
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DI_AN = "724";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    Referrer referrer;

    @Test
    void aBedIsFoundAcceptedAndOnRejectionOrSilenceTheNextHospitalIsAsked() {
        String thuDauMot = hospital("BV Đa khoa tỉnh Bình Dương", SampleEvents.BINH_DUONG, SampleEvents.THU_DAU_MOT,
                "PROVINCIAL", Map.of("GENERAL", beds(10, 2), "OXYGEN", beds(5, 1)));
        String thuanAn = hospital("BV Đa khoa Thuận An", SampleEvents.BINH_DUONG, SampleEvents.THUAN_AN, "DISTRICT",
                Map.of("GENERAL", beds(40, 20), "OXYGEN", beds(10, 4)));
        String diAn = hospital("BV dã chiến Dĩ An", SampleEvents.BINH_DUONG, DI_AN, "FIELD",
                Map.of("OXYGEN", beds(30, 2)));

        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.REFERRAL);
        try {
            // A caller in Thủ Dầu Một asks for admission; the event is redelivered and also re-published anew.
            CallReceived call = SampleEvents.callReceived(UUID.randomUUID(), SampleEvents.THU_DAU_MOT,
                    SampleEvents.PHU_CUONG, 80, Need.HOSPITAL_ADMISSION);
            var record = onFirstPartition(CloudEventRecords.of(call));
            companion.produceStrings().fromRecords(record, record, onFirstPartition(CloudEventRecords.of(call)))
                    .awaitCompletion(PATIENCE);

            // Same district beats Thuận An's twenty free beds.
            PatientReferred referred = awaitEvents(out, call.caseId(), EventType.PATIENT_REFERRED, 1,
                    PatientReferred.class).get(0);
            assertThat(referred.hospitalId().toString()).isEqualTo(thuDauMot);
            assertThat(referred.bedType()).isEqualTo(BedType.GENERAL);
            assertThat(referred.attempt()).isEqualTo(1);
            assertThat(referred.answerDeadline()).isBetween(Instant.now().plus(Duration.ofMinutes(9)),
                    Instant.now().plus(Duration.ofMinutes(11)));
            given().get("/api/v1/hospitals/{id}", thuDauMot).then().statusCode(200)
                    .body("beds.GENERAL.free", equalTo(2)).body("beds.GENERAL.held", equalTo(1))
                    .body("beds.GENERAL.available", equalTo(1));

            given().contentType(ContentType.JSON)
                    .body(Map.of("bedLabel", "Khoa Nhiễm - giường 12", "expectedArrival", "2021-08-17T10:30:00Z"))
                    .post("/api/v1/referrals/{id}/acceptance", referred.referralId()).then().statusCode(200)
                    .body("status", equalTo("ACCEPTED")).body("hospitalName", equalTo("BV Đa khoa tỉnh Bình Dương"))
                    // Where the hospital is, beside where the case is: the hospital's page shows the distance.
                    .body("hospitalProvinceCode", equalTo(SampleEvents.BINH_DUONG))
                    .body("hospitalDistrictCode", equalTo(SampleEvents.THU_DAU_MOT))
                    .body("districtCode", equalTo(SampleEvents.THU_DAU_MOT));
            ReferralAccepted accepted = awaitEvents(out, call.caseId(), EventType.REFERRAL_ACCEPTED, 1,
                    ReferralAccepted.class).get(0);
            assertThat(accepted.bedLabel()).isEqualTo("Khoa Nhiễm - giường 12");
            assertThat(accepted.referralId()).isEqualTo(referred.referralId());
            given().contentType(ContentType.JSON).body(Map.of("reason", "NO_STAFF"))
                    .post("/api/v1/referrals/{id}/rejection", referred.referralId()).then().statusCode(409)
                    .contentType("application/problem+json");
            // The accepted bed is no longer free, and no longer merely held.
            given().get("/api/v1/hospitals/{id}", thuDauMot).then()
                    .body("beds.GENERAL.free", equalTo(1)).body("beds.GENERAL.held", equalTo(0));

            // The field team's assessment of another patient: severe, SpO2 91 → an oxygen bed.
            // The team's later report on the first case changes nothing: its accepted referral stands. It is sent
            // ahead of the next case on the same partition, so the next case's referral proves it was handled.
            DispatchCompleted sameCase = dispatchCompleted(call.caseId(), SampleEvents.BINH_DUONG,
                    SampleEvents.THU_DAU_MOT, new ClinicalNotes(89, 30, "khó thở", Severity.SEVERE));
            // The field team's assessment of another patient: severe, SpO2 91 → an oxygen bed.
            DispatchCompleted severe = dispatchCompleted(UUID.randomUUID(), SampleEvents.BINH_DUONG,
                    SampleEvents.THU_DAU_MOT, new ClinicalNotes(91, 28, "khó thở", Severity.SEVERE));
            companion.produceStrings().fromRecords(onFirstPartition(CloudEventRecords.of(sameCase)),
                    onFirstPartition(CloudEventRecords.of(severe))).awaitCompletion(PATIENCE);
            PatientReferred first = awaitEvents(out, severe.caseId(), EventType.PATIENT_REFERRED, 1,
                    PatientReferred.class).get(0);
            assertThat(first.hospitalId().toString()).isEqualTo(thuDauMot);
            assertThat(first.bedType()).isEqualTo(BedType.OXYGEN);
            assertThat(first.severity()).isEqualTo(Severity.SEVERE);
            assertThat(first.clinicalSummary()).contains("SpO2 91%");

            // Rejected: the bed goes back and the next hospital (most free oxygen beds) is asked.
            given().contentType(ContentType.JSON).body(Map.of("reason", "NO_STAFF", "detail", "thiếu điều dưỡng"))
                    .post("/api/v1/referrals/{id}/rejection", first.referralId()).then().statusCode(200)
                    .body("status", equalTo("REJECTED")).body("rejectionReason", equalTo("NO_STAFF"));
            ReferralRejected rejected = awaitEvents(out, severe.caseId(), EventType.REFERRAL_REJECTED, 1,
                    ReferralRejected.class).get(0);
            assertThat(rejected.reason()).isEqualTo("NO_STAFF");
            PatientReferred second = awaitEvents(out, severe.caseId(), EventType.PATIENT_REFERRED, 2,
                    PatientReferred.class).get(1);
            assertThat(second.hospitalId().toString()).isEqualTo(thuanAn);
            assertThat(second.attempt()).isEqualTo(2);
            given().get("/api/v1/hospitals/{id}", thuDauMot).then()
                    .body("beds.OXYGEN.free", equalTo(1)).body("beds.OXYGEN.held", equalTo(0));

            // Thuận An stays silent past the deadline: expired, its bed released, Dĩ An asked.
            assertThat(referrer.expireOverdue(Instant.now().plus(Duration.ofMinutes(11)))).isGreaterThanOrEqualTo(1);
            ReferralExpired expired = awaitEvents(out, severe.caseId(), EventType.REFERRAL_EXPIRED, 1,
                    ReferralExpired.class).get(0);
            assertThat(expired.referralId()).isEqualTo(second.referralId());
            assertThat(expired.hospitalId().toString()).isEqualTo(thuanAn);
            PatientReferred third = awaitEvents(out, severe.caseId(), EventType.PATIENT_REFERRED, 3,
                    PatientReferred.class).get(2);
            assertThat(third.hospitalId().toString()).isEqualTo(diAn);
            assertThat(third.attempt()).isEqualTo(3);
            given().get("/api/v1/hospitals/{id}", thuanAn).then()
                    .body("beds.OXYGEN.free", equalTo(4)).body("beds.OXYGEN.held", equalTo(0));

            // Dĩ An has no bed after all: its pool is closed, and with every hospital asked the case waits.
            given().contentType(ContentType.JSON).body(Map.of("reason", "NO_BEDS"))
                    .post("/api/v1/referrals/{id}/rejection", third.referralId()).then().statusCode(200);
            given().get("/api/v1/hospitals/{id}", diAn).then()
                    .body("beds.OXYGEN.free", equalTo(0)).body("beds.OXYGEN.held", equalTo(0));
            given().queryParam("caseId", severe.caseId()).get("/api/v1/referrals").then().statusCode(200)
                    .body("status", equalTo(List.of("REJECTED", "EXPIRED", "REJECTED", "WAITING")))
                    .body("rejectionReason", equalTo(java.util.Arrays.asList("NO_STAFF", null, "NO_BEDS", null)));

            // A later call on the same partition of the intake topic: once it is handled, so are the repeats above.
            // Nobody in Bà Rịa - Vũng Tàu has registered a hospital, so it waits.
            CallReceived barrier = new CallReceived(UUID.randomUUID(), "VT-1", Instant.now(), UUID.randomUUID(),
                    call.channel(), call.caller(), new Location("77", "747", null, null, null, null),
                    List.of(Need.HOSPITAL_ADMISSION), 1, java.util.Set.of(), 80, null, "agent-07");
            companion.produceStrings().fromRecords(onFirstPartition(CloudEventRecords.of(barrier)))
                    .awaitCompletion(PATIENCE);
            await().atMost(PATIENCE).until(() -> "WAITING".equals(given().queryParam("caseId", barrier.caseId())
                    .get("/api/v1/referrals").then().extract().path("[0].status")));

            // One referral, one PatientReferred for the first case despite three deliveries and the team's report.
            given().queryParam("caseId", call.caseId()).get("/api/v1/referrals").then().statusCode(200)
                    .body("size()", equalTo(1)).body("[0].status", equalTo("ACCEPTED"));
            given().queryParam("hospitalId", thuDauMot).get("/api/v1/referrals").then().statusCode(200)
                    .body("size()", equalTo(2));
            assertThat(events(out, call.caseId(), EventType.PATIENT_REFERRED, PatientReferred.class)).hasSize(1);
        } finally {
            out.stop();
        }
    }

    @Test
    void twoCasesRaceForTheLastBedOneGetsItTheOtherWaitsForTheNextFreeBed() throws Exception {
        String laiChau = hospital("BV Đa khoa tỉnh Lai Châu", "12", "105", "PROVINCIAL", Map.of("ICU", beds(2, 1)));
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.REFERRAL);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            ClinicalNotes critical = new ClinicalNotes(82, 35, "suy hô hấp", Severity.CRITICAL);
            List<DispatchCompleted> cases = List.of(
                    dispatchCompleted(UUID.randomUUID(), "12", "105", critical),
                    dispatchCompleted(UUID.randomUUID(), "12", "106", critical));

            // As two service instances would: both handle their case at the same moment.
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> handled = cases.stream().map(c -> instances.<Object> submit(() -> {
                go.await();
                QuarkusTransaction.requiringNew().run(() -> referrer.onDispatchCompleted(c));
                return null;
            })).toList();
            go.countDown();
            for (Future<Object> f : handled) {
                f.get(30, TimeUnit.SECONDS);
            }

            List<String> statuses = cases.stream().map(c -> given().queryParam("caseId", c.caseId())
                    .get("/api/v1/referrals").then().statusCode(200).extract().<String> path("[0].status")).toList();
            assertThat(statuses).containsExactlyInAnyOrder("PENDING", "WAITING");
            DispatchCompleted winner = cases.get(statuses.indexOf("PENDING"));
            DispatchCompleted waiting = cases.get(statuses.indexOf("WAITING"));
            PatientReferred referred = awaitEvents(out, winner.caseId(), EventType.PATIENT_REFERRED, 1,
                    PatientReferred.class).get(0);
            assertThat(referred.bedType()).isEqualTo(BedType.ICU);
            given().get("/api/v1/hospitals/{id}", laiChau).then()
                    .body("beds.ICU.free", equalTo(1)).body("beds.ICU.held", equalTo(1))
                    .body("beds.ICU.available", equalTo(0));

            // The case that lost waits, and says so once, however often beds of other types come and go.
            ReferralWaiting waits = awaitEvents(out, waiting.caseId(), EventType.REFERRAL_WAITING, 1,
                    ReferralWaiting.class).get(0);
            assertThat(waits.bedType()).isEqualTo(BedType.ICU);
            assertThat(waits.reason()).isEqualTo("NO_FREE_BED");
            assertThat(waits.districtCode()).isEqualTo(waiting.location().districtCode());
            given().contentType(ContentType.JSON).body(Map.of("beds", Map.of("GENERAL", Map.of("free", 3, "total", 3))))
                    .put("/api/v1/hospitals/{id}/capacity", laiChau).then().statusCode(200);
            assertThat(events(out, winner.caseId(), EventType.REFERRAL_WAITING, ReferralWaiting.class)).isEmpty();

            // The hospital reports a second free ICU bed: the waiting case gets it at once.
            Instant reported = Instant.now();
            given().contentType(ContentType.JSON).body(Map.of("beds", Map.of("ICU", Map.of("free", 2))))
                    .put("/api/v1/hospitals/{id}/capacity", laiChau).then().statusCode(200)
                    .body("beds.ICU.free", equalTo(2)).body("beds.ICU.held", equalTo(2))
                    .body("beds.ICU.available", equalTo(0));
            PatientReferred late = awaitEvents(out, waiting.caseId(), EventType.PATIENT_REFERRED, 1,
                    PatientReferred.class).get(0);
            assertThat(late.occurredAt()).isAfterOrEqualTo(reported);
            assertThat(late.attempt()).isEqualTo(1);
            assertThat(events(out, winner.caseId(), EventType.PATIENT_REFERRED, PatientReferred.class)).hasSize(1);
            assertThat(events(out, waiting.caseId(), EventType.REFERRAL_WAITING, ReferralWaiting.class)).hasSize(1);
        } finally {
            instances.shutdownNow();
            out.stop();
        }
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndChangesNothing() {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "BV1", "name", "", "provinceCode", "7", "districtCode", "72", "level", "FIELD",
                        "beds", Map.of("ICU", beds(-1, 0))))
                .post("/api/v1/hospitals").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("provinceCode"))
                .body("errors.field", hasItem("districtCode"))
                .body("errors.field", hasItem(containsString("total")));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "BV Đồng Nai", "provinceCode", "75", "districtCode", "731", "level", "CLINIC",
                        "beds", Map.of("ICU", beds(1, 0))))
                .post("/api/v1/hospitals").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("level"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "75999", "name", "BV Đồng Nai", "provinceCode", "75", "districtCode", "731",
                        "level", "PROVINCIAL", "beds", Map.of("GENERAL", beds(1, 3))))
                .post("/api/v1/hospitals").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("beds[GENERAL].free"));
        given().queryParam("provinceCode", "75").get("/api/v1/hospitals").then().statusCode(200)
                .body("size()", equalTo(0));

        String dongNai = hospital("BV Đa khoa Đồng Nai", "75", "731", "PROVINCIAL", Map.of("GENERAL", beds(5, 5)));
        given().contentType(ContentType.JSON).body(Map.of("beds", Map.of("GENERAL", Map.of("free", 9))))
                .put("/api/v1/hospitals/{id}/capacity", dongNai).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("beds[GENERAL].free"));
        given().contentType(ContentType.JSON).body(Map.of("beds", Map.of("GENERAL", Map.of("free", -1))))
                .put("/api/v1/hospitals/{id}/capacity", dongNai).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(containsString("free")));
        given().contentType(ContentType.JSON).body(Map.of("beds", Map.of("ICU", Map.of("free", 1))))
                .put("/api/v1/hospitals/{id}/capacity", dongNai).then().statusCode(400)
                .body("errors.field", hasItem("beds[ICU].total"));
        given().get("/api/v1/hospitals/{id}", dongNai).then().statusCode(200)
                .body("beds.GENERAL.free", equalTo(5)).body("beds.ICU", org.hamcrest.Matchers.nullValue());
        given().contentType(ContentType.JSON).body(Map.of("beds", Map.of("GENERAL", Map.of("free", 1))))
                .put("/api/v1/hospitals/{id}/capacity", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");

        UUID unknown = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("reason", "TOO_BUSY"))
                .post("/api/v1/referrals/{id}/rejection", unknown).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("reason"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "OTHER"))
                .post("/api/v1/referrals/{id}/rejection", unknown).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("detail"));
        given().contentType(ContentType.JSON).body(Map.of("bedLabel", " "))
                .post("/api/v1/referrals/{id}/acceptance", unknown).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("bedLabel"));
        given().contentType(ContentType.JSON).body(Map.of("bedLabel", "A-1"))
                .post("/api/v1/referrals/{id}/acceptance", unknown).then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("reason", "NO_BEDS"))
                .post("/api/v1/referrals/{id}/rejection", unknown).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/referrals/{id}", unknown).then().statusCode(404)
                .contentType("application/problem+json");

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void hospitalDetailsAreKeptAndAPausedHospitalIsNeverAskedUntilItResumes() {
        // Hà Giang (02): no other test routes there.
        String privateId = given().contentType(ContentType.JSON)
                .body(Map.of("code", "02101", "name", "BV tư nhân Hà Giang", "provinceCode", "02", "districtCode", "024",
                        "level", "DISTRICT", "ownership", "PRIVATE",
                        "location", Map.of("latitude", 22.8233, "longitude", 104.9836, "address", "1 Nguyễn Trãi"),
                        "contacts", Map.of("dutyPhone", "+84 219 3866 123", "name", "Khoa Cấp cứu"),
                        "beds", Map.of("GENERAL", beds(20, 10))))
                .post("/api/v1/hospitals").then().statusCode(201)
                .body("ownership", equalTo("PRIVATE")).body("accepting", equalTo(true))
                .body("location.latitude", equalTo(22.8233f)).body("location.address", equalTo("1 Nguyễn Trãi"))
                .body("contacts.dutyPhone", equalTo("+84 219 3866 123")).body("contacts.name", equalTo("Khoa Cấp cứu"))
                .extract().path("id");
        String publicId = hospital("BV Đa khoa tỉnh Hà Giang", "02", "026", "PROVINCIAL", Map.of("GENERAL", beds(5, 2)));
        // The hospital's own staff keep the duty phone current (số trực changes with the roster).
        String privateStaff = TestTokens.user("hagiang1", Roles.HOSPITAL_STAFF).claim("hospital_code", "02101").sign();
        given().auth().oauth2(privateStaff).contentType(ContentType.JSON)
                .body(Map.of("dutyPhone", "0219 3866 999", "name", "Trực lãnh đạo"))
                .put("/api/v1/hospitals/{id}/contacts", privateId).then().statusCode(200)
                .body("contacts.dutyPhone", equalTo("0219 3866 999")).body("contacts.name", equalTo("Trực lãnh đạo"))
                .body("location.address", equalTo("1 Nguyễn Trãi"));
        given().auth().oauth2(privateStaff).contentType(ContentType.JSON).body(Map.of("dutyPhone", "abc"))
                .put("/api/v1/hospitals/{id}/contacts", privateId).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("dutyPhone"));
        given().get("/api/v1/hospitals/{id}", privateId).then().body("contacts.dutyPhone", equalTo("0219 3866 999"));
        given().get("/api/v1/hospitals/{id}", publicId).then().statusCode(200).body("ownership", equalTo("PUBLIC"))
                .body("accepting", equalTo(true)).body("location", nullValue()).body("contacts", nullValue());

        // The private hospital pauses intake: a case in its own district goes to the public one.
        given().contentType(ContentType.JSON).body(Map.of("accepting", false, "reason", "hết oxy"))
                .put("/api/v1/hospitals/{id}/accepting", privateId).then().statusCode(200)
                .body("accepting", equalTo(false)).body("pausedReason", equalTo("hết oxy"))
                .body("acceptingChangedAt", notNullValue());
        UUID first = call("02", "024");
        assertThat(referrals(first)).extracting(r -> r.get("status"), r -> r.get("hospitalId"))
                .containsExactly(tuple("PENDING", publicId));

        // With both paused the next case waits; resuming gives it the resumed hospital's bed at once.
        given().contentType(ContentType.JSON).body(Map.of("accepting", false))
                .put("/api/v1/hospitals/{id}/accepting", publicId).then().statusCode(200);
        UUID second = call("02", "024");
        assertThat(referrals(second)).extracting(r -> r.get("status")).containsExactly("WAITING");
        given().contentType(ContentType.JSON).body(Map.of("accepting", true, "reason", "ignored"))
                .put("/api/v1/hospitals/{id}/accepting", privateId).then().statusCode(200)
                .body("accepting", equalTo(true)).body("pausedReason", nullValue());
        assertThat(referrals(second)).extracting(r -> r.get("status"), r -> r.get("hospitalId"))
                .containsExactly(tuple("PENDING", privateId));
        // A paused hospital still answers what it was already asked.
        given().contentType(ContentType.JSON).body(Map.of("bedLabel", "P-1"))
                .post("/api/v1/referrals/{id}/acceptance", referrals(first).get(0).get("id")).then().statusCode(200);

        // Bad details: refused field by field, nothing created or changed.
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "02102", "name", "BV X", "provinceCode", "02", "districtCode", "024",
                        "level", "DISTRICT", "ownership", "COOPERATIVE", "beds", Map.of("GENERAL", beds(1, 1))))
                .post("/api/v1/hospitals").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("ownership"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "02102", "name", "BV X", "provinceCode", "02", "districtCode", "024",
                        "level", "DISTRICT", "location", Map.of("latitude", 91, "longitude", 200),
                        "contacts", Map.of("dutyPhone", "gọi bảo vệ"), "beds", Map.of("GENERAL", beds(1, 1))))
                .post("/api/v1/hospitals").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("location.latitude", "location.longitude", "contacts.dutyPhone"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "02102", "name", "BV X", "provinceCode", "02", "districtCode", "024",
                        "level", "DISTRICT", "location", Map.of("latitude", 22.8), "beds", Map.of("GENERAL", beds(1, 1))))
                .post("/api/v1/hospitals").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("location.longitude"));
        given().queryParam("provinceCode", "02").get("/api/v1/hospitals").then().body("size()", equalTo(2));
        given().contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .put("/api/v1/hospitals/{id}/accepting", publicId).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("accepting"));
        given().get("/api/v1/hospitals/{id}", publicId).then().body("accepting", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("accepting", true))
                .put("/api/v1/hospitals/{id}/accepting", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theReferralFollowsTheFhirTaskLifecycleToAdmissionAndReadsAsFhir() {
        // Cao Bằng (04).
        String code = "04" + String.format("%03d", HOSPITAL_CODES.incrementAndGet());
        String caoBang = given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "BV Đa khoa tỉnh Cao Bằng", "provinceCode", "04", "districtCode",
                        "040", "level", "PROVINCIAL", "beds", Map.of("ICU", beds(4, 3), "GENERAL", beds(10, 5))))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        String other = hospital("BV Phổi Cao Bằng", "04", "042", "PROVINCIAL", Map.of("GENERAL", beds(3, 1)));
        String staff = TestTokens.user("caobang1", Roles.HOSPITAL_STAFF).claim("hospital_code", code).sign();
        String otherCode = given().get("/api/v1/hospitals/{id}", other).then().extract().path("code");
        String stranger = TestTokens.user("phoi1", Roles.HOSPITAL_STAFF).claim("hospital_code", otherCode).sign();

        // A critical patient assessed in the field: an ICU bed, asked "stat".
        DispatchCompleted critical = dispatchCompleted(UUID.randomUUID(), "04", "040",
                new ClinicalNotes(84, 32, "suy hô hấp", Severity.CRITICAL));
        QuarkusTransaction.requiringNew().run(() -> referrer.onDispatchCompleted(critical));
        Map<String, Object> pending = referrals(critical.caseId()).get(0);
        Object id = pending.get("id");
        assertThat(pending).containsEntry("status", "PENDING").containsEntry("fhirStatus", "requested");

        var fhir = given().auth().oauth2(staff).get("/api/v1/referrals/{id}/fhir", id).then().statusCode(200)
                .contentType("application/fhir+json").extract();
        var bundle = fhir.jsonPath();
        assertValidFhir(fhir.asString(), bundle);
        assertThat(bundle.getString("entry[0].resource.status")).isEqualTo("requested");
        assertThat(bundle.getString("entry[0].resource.priority")).isEqualTo("stat");
        assertThat(bundle.getString("entry[0].resource.owner.identifier.value")).isEqualTo(code);
        assertThat(Instant.parse(bundle.getString("entry[0].resource.restriction.period.end")))
                .isEqualTo(Instant.parse((String) pending.get("answerDeadline")).truncatedTo(ChronoUnit.MILLIS));
        assertThat(bundle.getString("entry[1].resource.status")).isEqualTo("active");
        assertThat(bundle.getString("entry[1].resource.priority")).isEqualTo("stat");
        assertThat(bundle.getString("entry[1].resource.code.text")).startsWith("ICU bed");
        assertThat(bundle.getString("entry[1].resource.subject.identifier.value"))
                .isEqualTo(critical.caseId().toString());
        // The same isolation as the plain read; another hospital cannot open or answer it either.
        given().auth().oauth2(stranger).get("/api/v1/referrals/{id}/fhir", id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(stranger).post("/api/v1/referrals/{id}/receipt", id).then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("admitted", true))
                .post("/api/v1/referrals/{id}/admission", id).then().statusCode(404);

        // Opened (received), twice: harmless. Admission before acceptance is not a valid transition.
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(staff).post("/api/v1/referrals/{id}/receipt", id).then().statusCode(200)
                    .body("status", equalTo("RECEIVED")).body("fhirStatus", equalTo("received"))
                    .body("receivedAt", notNullValue());
        }
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("admitted", true))
                .post("/api/v1/referrals/{id}/admission", id).then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(staff).get("/api/v1/referrals/{id}/fhir", id).then()
                .body("entry[0].resource.status", equalTo("received"));
        given().auth().oauth2(staff).contentType(ContentType.JSON)
                .body(Map.of("bedLabel", "ICU-3", "expectedArrival", "2021-08-20T03:00:00Z"))
                .post("/api/v1/referrals/{id}/acceptance", id).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("fhirStatus", equalTo("accepted"));
        given().auth().oauth2(staff).post("/api/v1/referrals/{id}/receipt", id).then().statusCode(409)
                .contentType("application/problem+json");
        given().get("/api/v1/hospitals/{id}", caoBang).then()
                .body("beds.ICU.free", equalTo(2)).body("beds.ICU.held", equalTo(0));
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("note", "x"))
                .post("/api/v1/referrals/{id}/admission", id).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("admitted"));

        // Admitted: completed, closed; the bed taken on acceptance stays taken.
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("admitted", true))
                .post("/api/v1/referrals/{id}/admission", id).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("fhirStatus", equalTo("completed"))
                .body("closedAt", notNullValue());
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("admitted", false))
                .post("/api/v1/referrals/{id}/admission", id).then().statusCode(409);
        given().get("/api/v1/hospitals/{id}", caoBang).then()
                .body("beds.ICU.free", equalTo(2)).body("beds.ICU.held", equalTo(0));
        fhir = given().auth().oauth2(staff).get("/api/v1/referrals/{id}/fhir", id).then().statusCode(200).extract();
        assertValidFhir(fhir.asString(), fhir.jsonPath());
        assertThat(fhir.jsonPath().getString("entry[0].resource.status")).isEqualTo("completed");
        assertThat(fhir.jsonPath().getString("entry[1].resource.status")).isEqualTo("completed");
        assertThat(fhir.jsonPath().getList("entry[0].resource.output.valueString")).contains("ICU-3");

        // A caller's case: accepted, then not admitted → failed, and the bed is free again.
        UUID fromCall = call("04", "040");
        Map<String, Object> second = referrals(fromCall).get(0);
        assertThat(second).containsEntry("hospitalId", caoBang).containsEntry("bedType", "GENERAL");
        String bed = "beds.GENERAL.free";
        int freeBefore = given().get("/api/v1/hospitals/{id}", caoBang).then().extract().path(bed);
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("bedLabel", "N-7"))
                .post("/api/v1/referrals/{id}/acceptance", second.get("id")).then().statusCode(200);
        given().get("/api/v1/hospitals/{id}", caoBang).then().body(bed, equalTo(freeBefore - 1));
        given().auth().oauth2(staff).contentType(ContentType.JSON)
                .body(Map.of("admitted", false, "note", "gia đình đưa đi bệnh viện khác"))
                .post("/api/v1/referrals/{id}/admission", second.get("id")).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("fhirStatus", equalTo("failed"))
                .body("admissionNote", equalTo("gia đình đưa đi bệnh viện khác"));
        given().get("/api/v1/hospitals/{id}", caoBang).then().body(bed, equalTo(freeBefore));
        fhir = given().auth().oauth2(staff).accept("application/fhir+json")
                .get("/api/v1/referrals/{id}/fhir", second.get("id")).then().statusCode(200).extract();
        String raw = fhir.asString();
        assertValidFhir(raw, fhir.jsonPath());
        assertThat(fhir.jsonPath().getString("entry[0].resource.status")).isEqualTo("failed");
        assertThat(fhir.jsonPath().getString("entry[0].resource.statusReason.text"))
                .isEqualTo("gia đình đưa đi bệnh viện khác");
        assertThat(fhir.jsonPath().getString("entry[1].resource.status")).isEqualTo("revoked");
        // Nothing of the caller leaves: not the name, the phone or the address the call came from.
        assertThat(raw).doesNotContain("Nguyễn Văn An", "912345678", "Cách Mạng Tháng Tám");

        // A rejection reads with its reason.
        UUID third = call("04", "042");
        Map<String, Object> toOther = referrals(third).get(0);
        assertThat(toOther).containsEntry("hospitalId", other);
        given().auth().oauth2(stranger).contentType(ContentType.JSON)
                .body(Map.of("reason", "NO_SPECIALTY", "detail", "không có khoa hồi sức"))
                .post("/api/v1/referrals/{id}/rejection", toOther.get("id")).then().statusCode(200);
        fhir = given().auth().oauth2(stranger).get("/api/v1/referrals/{id}/fhir", toOther.get("id")).then()
                .statusCode(200).extract();
        assertValidFhir(fhir.asString(), fhir.jsonPath());
        assertThat(fhir.jsonPath().getString("entry[0].resource.status")).isEqualTo("rejected");
        assertThat(fhir.jsonPath().getString("entry[0].resource.statusReason.coding[0].code"))
                .isEqualTo("NO_SPECIALTY");
        assertThat(fhir.jsonPath().getString("entry[0].resource.statusReason.text"))
                .isEqualTo("không có khoa hồi sức");
        assertThat(fhir.jsonPath().getString("entry[0].resource.businessStatus.text")).isEqualTo("REJECTED");
        given().get("/api/v1/referrals/{id}/fhir", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theComplianceReportCountsAnswersPerHospital() {
        // Điện Biên (11): X is in the cases' district and asked first, Y is the next hospital.
        String x = hospital("BV Đa khoa tỉnh Điện Biên", "11", "094", "PROVINCIAL", Map.of("GENERAL", beds(10, 5)));
        String y = hospital("BV Đa khoa Mường Lay", "11", "095", "DISTRICT", Map.of("GENERAL", beds(10, 5)));
        String xCode = given().get("/api/v1/hospitals/{id}", x).then().extract().path("code");

        UUID rejectedThenAccepted = call("11", "094");
        answer(referrals(rejectedThenAccepted).get(0), Map.of("reason", "NO_STAFF"), "rejection");
        answer(referrals(rejectedThenAccepted).get(1), Map.of("bedLabel", "Y-1"), "acceptance");
        UUID accepted = call("11", "094");
        answer(referrals(accepted).get(0), Map.of("bedLabel", "X-1"), "acceptance");
        UUID silent = call("11", "094");
        Object silentAtX = referrals(silent).get(0).get("id");
        QuarkusTransaction.requiringNew().run(() -> Referral.getEntityManager()
                .createNativeQuery("update referral set answer_deadline = now() - interval '1 minute' where id = ?1")
                .setParameter(1, UUID.fromString((String) silentAtX)).executeUpdate());
        await().atMost(PATIENCE).until(() -> {
            referrer.expireOverdue(Instant.now());
            return referrals(silent).size() == 2;
        });
        UUID noBeds = call("11", "094");
        answer(referrals(noBeds).get(0), Map.of("reason", "NO_BEDS"), "rejection");
        assertThat(referrals(noBeds)).extracting(r -> r.get("hospitalId")).containsExactly(x, y);

        // Answer times at X made known: 2, 4 and 30 minutes → median 4.
        List<UUID> answeredAtX = List.of(referrals(rejectedThenAccepted).get(0), referrals(accepted).get(0),
                referrals(noBeds).get(0)).stream().map(r -> UUID.fromString((String) r.get("id"))).toList();
        int[] minutes = { 2, 4, 30 };
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 3; i++) {
                Referral.getEntityManager().createNativeQuery(
                        "update referral set referred_at = answered_at - make_interval(mins => ?1) where id = ?2")
                        .setParameter(1, minutes[i]).setParameter(2, answeredAtX.get(i)).executeUpdate();
            }
        });

        var report = given().queryParam("provinceCode", "11").get("/api/v1/reports/compliance").then()
                .statusCode(200).contentType(ContentType.JSON).body("hospitals.size()", equalTo(2)).extract()
                .jsonPath();
        Map<String, Object> atX = report.getMap("hospitals.find { it.hospitalId == '" + x + "' }");
        assertThat(atX).containsEntry("referrals", 4).containsEntry("accepted", 1).containsEntry("rejected", 2)
                .containsEntry("expired", 1).containsEntry("unanswered", 0)
                .containsEntry("rejectedByReason", Map.of("NO_BEDS", 1, "NO_STAFF", 1))
                .containsEntry("medianMinutesToAnswer", 4.0f);
        Map<String, Object> atY = report.getMap("hospitals.find { it.hospitalId == '" + y + "' }");
        assertThat(atY).containsEntry("referrals", 3).containsEntry("accepted", 1).containsEntry("rejected", 0)
                .containsEntry("expired", 0).containsEntry("unanswered", 2);

        // Periods: nothing before 2021; a day in Vietnam as "to" includes that day.
        given().queryParam("provinceCode", "11").queryParam("to", "2020-12-31").get("/api/v1/reports/compliance")
                .then().statusCode(200).body("hospitals.referrals", equalTo(List.of(0, 0)));
        given().queryParam("provinceCode", "11").queryParam("from", Instant.now().minus(Duration.ofHours(2)).toString())
                .queryParam("to", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString())
                .get("/api/v1/reports/compliance").then().statusCode(200)
                .body("hospitals.referrals.sum()", equalTo(7));

        // Hospital staff see only their own row; CSV on request.
        String staffX = TestTokens.user("dienbien1", Roles.HOSPITAL_STAFF).claim("hospital_code", xCode).sign();
        given().auth().oauth2(staffX).get("/api/v1/reports/compliance").then().statusCode(200)
                .body("hospitals.hospitalId", equalTo(List.of(x)));
        String csv = given().auth().oauth2(staffX).accept("text/csv").get("/api/v1/reports/compliance").then()
                .statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "hospital_code,hospital_name,province_code,referrals,accepted,rejected,rejected_no_beds,"
                        + "rejected_no_specialty,rejected_no_staff,rejected_other,expired,unanswered,"
                        + "median_minutes_to_answer",
                xCode + ",BV Đa khoa tỉnh Điện Biên,11,4,1,2,1,0,1,0,1,0,4.0");

        // Bad parameters: 400 with the field, never a 500.
        given().queryParam("provinceCode", "1").get("/api/v1/reports/compliance").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("provinceCode"));
        given().accept("text/csv").queryParam("provinceCode", "1").get("/api/v1/reports/compliance").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("provinceCode"));
        given().queryParam("from", "hôm qua").get("/api/v1/reports/compliance").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        given().queryParam("from", "2021-09-01").queryParam("to", "2021-08-01").get("/api/v1/reports/compliance")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("to"));
    }

    /**
     * The expiry job keeps no timer in memory: it reads the deadlines from the database. A referral whose deadline
     * passed while no instance was running (aged here in the database, as a restart after a long outage would find it)
     * is expired and re-routed by the next run, with the usual event.
     */
    @Test
    void aDeadlineThatPassedWhileTheServiceWasDownExpiresOnTheNextRun() {
        // Tuyên Quang (08).
        String first = hospital("BV Đa khoa tỉnh Tuyên Quang", "08", "070", "PROVINCIAL", Map.of("GENERAL", beds(5, 3)));
        String next = hospital("BV Đa khoa Sơn Dương", "08", "076", "DISTRICT", Map.of("GENERAL", beds(5, 3)));
        String staff = TestTokens.user("tuyenquang1", Roles.HOSPITAL_STAFF)
                .claim("hospital_code", given().get("/api/v1/hospitals/{id}", first).then().extract().<String> path("code"))
                .sign();
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.REFERRAL);
        try {
            UUID caseId = call("08", "070");
            Map<String, Object> asked = referrals(caseId).get(0);
            assertThat(asked).containsEntry("hospitalId", first);
            // The hospital opened it, then the service went down for an hour past the deadline.
            given().auth().oauth2(staff).post("/api/v1/referrals/{id}/receipt", asked.get("id")).then().statusCode(200);
            UUID id = UUID.fromString((String) asked.get("id"));
            Instant deadline = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
            QuarkusTransaction.requiringNew().run(() -> Referral.getEntityManager().createNativeQuery(
                    "update referral set referred_at = ?1, answer_deadline = ?2 where id = ?3")
                    .setParameter(1, deadline.minus(Duration.ofMinutes(10))).setParameter(2, deadline)
                    .setParameter(3, id).executeUpdate());

            // The first run after the restart (here called as the scheduler would, with the current time; the
            // scheduled job itself may come first — either way the same, once).
            await().atMost(PATIENCE).until(() -> {
                referrer.expireOverdue(Instant.now());
                return "EXPIRED".equals(referrals(caseId).get(0).get("status"));
            });
            ReferralExpired expired = awaitEvents(out, caseId, EventType.REFERRAL_EXPIRED, 1, ReferralExpired.class)
                    .get(0);
            assertThat(expired.referralId()).isEqualTo(id);
            assertThat(expired.deadline()).isEqualTo(deadline);
            PatientReferred reRouted = awaitEvents(out, caseId, EventType.PATIENT_REFERRED, 2, PatientReferred.class)
                    .get(1);
            assertThat(reRouted.hospitalId().toString()).isEqualTo(next);
            assertThat(reRouted.attempt()).isEqualTo(2);
            assertThat(referrals(caseId)).extracting(r -> r.get("status"), r -> r.get("hospitalId"))
                    .containsExactly(tuple("EXPIRED", first), tuple("PENDING", next));
            given().get("/api/v1/hospitals/{id}", first).then()
                    .body("beds.GENERAL.free", equalTo(3)).body("beds.GENERAL.held", equalTo(0));
            // Expired once only, however often the job runs again.
            referrer.expireOverdue(Instant.now());
            assertThat(events(out, caseId, EventType.REFERRAL_EXPIRED, ReferralExpired.class)).hasSize(1);
        } finally {
            out.stop();
        }
    }

    @Test
    void aRepeatCallThatAsksForAHospitalOpensOneReferral() {
        // Lào Cai (10): a call about food, then the same household calls again, someone must be admitted.
        hospital("BV Đa khoa tỉnh Lào Cai", "10", "080", "PROVINCIAL", Map.of("GENERAL", beds(10, 4)));
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.REFERRAL);
        try {
            CallReceived sample = SampleEvents.callReceived(UUID.randomUUID(), "080", null, 40, Need.FOOD);
            CallReceived food = new CallReceived(sample.caseId(), sample.caseCode(), sample.occurredAt(),
                    sample.callId(), sample.channel(), sample.caller(), new Location("10", "080", null, null, null, null),
                    sample.needs(), 3, Set.of(), 40, null, "agent-07");
            companion.produceStrings().fromRecords(CloudEventRecords.of(food)).awaitCompletion(PATIENCE);
            CaseNeedsChanged worse = new CaseNeedsChanged(food.caseId(), food.caseCode(), Instant.now(),
                    List.of(Need.HOSPITAL_ADMISSION), List.of(Need.FOOD, Need.HOSPITAL_ADMISSION), food.location(), 85);
            var once = CloudEventRecords.of(worse);
            // Redelivered, and re-published under a new id: one referral all the same.
            companion.produceStrings().fromRecords(once, once, CloudEventRecords.of(worse)).awaitCompletion(PATIENCE);
            PatientReferred referred = awaitEvents(out, food.caseId(), EventType.PATIENT_REFERRED, 1,
                    PatientReferred.class).get(0);
            assertThat(referred.attempt()).isEqualTo(1);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(referrals(food.caseId())).hasSize(1));
            assertThat(referrals(food.caseId()).get(0)).containsEntry("status", "PENDING");
            assertThat(events(out, food.caseId(), EventType.PATIENT_REFERRED, PatientReferred.class)).hasSize(1);
        } finally {
            out.stop();
        }
    }

    @Test
    void aHandedOverPatientIsAdmittedOnceAndAHospitalMayRecordTheAdmissionItself() {
        // Province 14 (Sơn La): one hospital, so every case here is referred to it.
        String sonLa = hospital("BV Đa khoa tỉnh Sơn La", "14", "116", "PROVINCIAL",
                Map.of("GENERAL", beds(20, 10), "OXYGEN", beds(20, 10)));
        String code = given().get("/api/v1/hospitals/{id}", sonLa).then().statusCode(200).extract().path("code");
        String staff = TestTokens.user("staff-sonla", Roles.HOSPITAL_STAFF).claim("hospital_code", code).sign();
        String stranger = TestTokens.user("staff-other", Roles.HOSPITAL_STAFF).claim("hospital_code", "01999")
                .sign();

        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.REFERRAL);
        try {
            UUID handedOver = call("14", "116");
            UUID marker = call("14", "116");
            UUID cameByThemselves = call("14", "116");
            UUID notAccepted = call("14", "116");
            Map<UUID, ReferralAccepted> accepted = new java.util.HashMap<>();
            for (UUID caseId : List.of(handedOver, marker, cameByThemselves)) {
                given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("bedLabel", "B-" + caseId))
                        .post("/api/v1/referrals/{id}/acceptance", referrals(caseId).get(0).get("id")).then()
                        .statusCode(200);
                accepted.put(caseId, awaitEvents(out, caseId, EventType.REFERRAL_ACCEPTED, 1,
                        ReferralAccepted.class).get(0));
            }
            // What the transport team needs travels with the acceptance.
            ReferralAccepted first = accepted.get(handedOver);
            assertThat(first.hospitalCode()).isEqualTo(code);
            assertThat(first.provinceCode()).isEqualTo("14");
            assertThat(first.districtCode()).isEqualTo("116");
            assertThat(first.bedType()).isNotNull();

            // The hospital records a patient who came by other means: admitted, once.
            String direct = accepted.get(cameByThemselves).referralId().toString();
            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("admitted", true))
                    .post("/api/v1/referrals/{id}/admission", direct).then().statusCode(404);
            given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("admitted", true))
                    .post("/api/v1/referrals/{id}/admission", direct).then().statusCode(200)
                    .body("status", equalTo("COMPLETED"));
            given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("admitted", true))
                    .post("/api/v1/referrals/{id}/admission", direct).then().statusCode(409)
                    .contentType("application/problem+json");
            PatientAdmitted recorded = awaitEvents(out, cameByThemselves, EventType.PATIENT_ADMITTED, 1,
                    PatientAdmitted.class).get(0);
            assertThat(recorded.how()).isEqualTo(PatientAdmitted.RECORDED_BY_HOSPITAL);
            assertThat(recorded.hospitalCode()).isEqualTo(code);
            // Only an accepted referral can be admitted.
            given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("admitted", true))
                    .post("/api/v1/referrals/{id}/admission", referrals(notAccepted).get(0).get("id")).then()
                    .statusCode(409).contentType("application/problem+json");

            // The transport team hands patients over: delivered twice, re-published under a new id, a late handover
            // of the patient the hospital already recorded, and one of a marker case, in this order on one partition.
            Instant at = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
            var handover = onFirstPartition(CloudEventRecords.of(handOver(first, at)));
            companion.produceStrings().fromRecords(handover, handover,
                    onFirstPartition(CloudEventRecords.of(handOver(first, at))),
                    onFirstPartition(CloudEventRecords.of(handOver(accepted.get(cameByThemselves), at))),
                    onFirstPartition(CloudEventRecords.of(handOver(accepted.get(marker), at))))
                    .awaitCompletion(PATIENCE);
            awaitEvents(out, marker, EventType.PATIENT_ADMITTED, 1, PatientAdmitted.class);

            // The marker's admission was handled after every record before it: one admission each.
            List<PatientAdmitted> admitted = events(out, handedOver, EventType.PATIENT_ADMITTED,
                    PatientAdmitted.class);
            assertThat(admitted).hasSize(1);
            assertThat(admitted.get(0).how()).isEqualTo(PatientAdmitted.HANDED_OVER_BY_TEAM);
            assertThat(admitted.get(0).admittedAt()).isEqualTo(at);
            assertThat(admitted.get(0).referralId()).isEqualTo(first.referralId());
            assertThat(events(out, cameByThemselves, EventType.PATIENT_ADMITTED, PatientAdmitted.class)).hasSize(1);
            assertThat(referrals(handedOver).get(0)).containsEntry("status", "COMPLETED");
            assertThat(events(out, notAccepted, EventType.PATIENT_ADMITTED, PatientAdmitted.class)).isEmpty();
        } finally {
            out.stop();
        }
    }

    private static PatientHandedOver handOver(ReferralAccepted accepted, Instant at) {
        return new PatientHandedOver(accepted.caseId(), accepted.caseCode(), at, UUID.randomUUID(),
                accepted.referralId(), UUID.randomUUID(), accepted.hospitalId(), accepted.hospitalCode());
    }

    /** A caller asking for admission in the province and district, handled as the intake consumer would. */
    private UUID call(String province, String district) {
        CallReceived sample = SampleEvents.callReceived(UUID.randomUUID(), SampleEvents.THU_DAU_MOT,
                SampleEvents.PHU_CUONG, 80, Need.HOSPITAL_ADMISSION);
        CallReceived call = new CallReceived(sample.caseId(), sample.caseCode(), sample.occurredAt(), sample.callId(),
                sample.channel(), sample.caller(), new Location(province, district, null,
                        "12 Đường Cách Mạng Tháng Tám", null, null),
                sample.needs(), 4, Set.of(), 80, sample.notes(), "agent-07");
        QuarkusTransaction.requiringNew().run(() -> referrer.onCallReceived(call));
        return call.caseId();
    }

    private static List<Map<String, Object>> referrals(UUID caseId) {
        return given().queryParam("caseId", caseId).get("/api/v1/referrals").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    private static void answer(Map<String, Object> referral, Map<String, Object> body, String answer) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/referrals/{id}/" + answer, referral.get("id"))
                .then().statusCode(200);
    }

    private static final Set<String> TASK_STATUS = Set.of("draft", "requested", "received", "accepted", "rejected",
            "ready", "cancelled", "in-progress", "on-hold", "failed", "completed", "entered-in-error");
    private static final Set<String> TASK_INTENT = Set.of("unknown", "proposal", "plan", "order", "original-order",
            "reflex-order", "filler-order", "instance-order", "option");
    private static final Set<String> REQUEST_STATUS = Set.of("draft", "active", "on-hold", "revoked", "completed",
            "entered-in-error", "unknown");
    private static final Set<String> REQUEST_INTENT = Set.of("proposal", "plan", "directive", "order",
            "original-order", "reflex-order", "filler-order", "instance-order", "option");
    private static final Set<String> REQUEST_PRIORITY = Set.of("routine", "urgent", "asap", "stat");
    /** FHIR R4 dateTime/instant with a time: a zone is required. */
    private static final String FHIR_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";
    private static final String URN_UUID = "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /**
     * The shape FHIR R4 requires of this bundle: resource types, the required elements (status, intent, subject),
     * codes from the R4 value sets, references that resolve inside the bundle, instants with a zone, ids of the
     * allowed form, and no empty elements.
     */
    private static void assertValidFhir(String raw, io.restassured.path.json.JsonPath b) {
        assertThat(b.getString("resourceType")).isEqualTo("Bundle");
        assertThat(b.getString("type")).isEqualTo("collection");
        assertThat(b.getString("timestamp")).matches(FHIR_INSTANT);
        assertThat(b.getList("entry")).hasSize(2);
        assertThat(b.getList("entry.fullUrl", String.class)).allMatch(u -> u.matches(URN_UUID)).doesNotHaveDuplicates();
        for (int i = 0; i < 2; i++) {
            String resource = "entry[" + i + "].resource.";
            assertThat(b.getString(resource + "id")).matches("[A-Za-z0-9\\-.]{1,64}");
            assertThat(b.getString("entry[" + i + "].fullUrl")).isEqualTo("urn:uuid:" + b.getString(resource + "id"));
        }
        assertThat(b.getString("entry[0].resource.resourceType")).isEqualTo("Task");
        assertThat(b.getString("entry[1].resource.resourceType")).isEqualTo("ServiceRequest");
        String serviceRequest = b.getString("entry[1].fullUrl");

        assertThat(b.getString("entry[0].resource.status")).isIn(TASK_STATUS);
        assertThat(b.getString("entry[0].resource.intent")).isIn(TASK_INTENT).isEqualTo("order");
        assertThat(b.getString("entry[0].resource.priority")).isIn(REQUEST_PRIORITY);
        assertThat(b.getString("entry[0].resource.focus.reference")).isEqualTo(serviceRequest);
        assertThat(b.getList("entry[0].resource.basedOn.reference")).containsExactly(serviceRequest);
        assertThat(b.getString("entry[0].resource.owner.type")).isEqualTo("Organization");
        assertThat(b.getString("entry[0].resource.owner.identifier.system")).isNotBlank();
        assertThat(b.getString("entry[0].resource.owner.identifier.value")).matches("\\d{5}");
        assertThat(b.getString("entry[0].resource.for.identifier.value")).isNotBlank();
        assertThat(b.getString("entry[0].resource.authoredOn")).matches(FHIR_INSTANT);
        assertThat(b.getString("entry[0].resource.lastModified")).matches(FHIR_INSTANT);
        assertThat(b.getString("entry[0].resource.restriction.period.end")).matches(FHIR_INSTANT);
        assertThat(Instant.parse(b.getString("entry[0].resource.lastModified")))
                .isAfterOrEqualTo(Instant.parse(b.getString("entry[0].resource.authoredOn")));

        assertThat(b.getString("entry[1].resource.status")).isIn(REQUEST_STATUS);
        assertThat(b.getString("entry[1].resource.intent")).isIn(REQUEST_INTENT).isEqualTo("order");
        assertThat(b.getString("entry[1].resource.priority")).isIn(REQUEST_PRIORITY);
        assertThat(b.getString("entry[1].resource.code.text")).isNotBlank();
        assertThat(b.getString("entry[1].resource.subject.type")).isEqualTo("Patient");
        assertThat(b.getString("entry[1].resource.subject.identifier.value")).isNotBlank();
        assertThat(b.getString("entry[1].resource.authoredOn")).matches(FHIR_INSTANT);
        // A subject by case only: no name, telecom or address element anywhere.
        assertThat(raw).doesNotContain("\"name\"", "\"telecom\"", "\"address\"", "\"birthDate\"", "null", "\"\"",
                "[]", "{}");
    }

    private static String hospital(String name, String province, String district, String level,
            Map<String, Map<String, Integer>> beds) {
        String code = province + String.format("%03d", HOSPITAL_CODES.incrementAndGet());
        return given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", name, "provinceCode", province, "districtCode", district, "level", level,
                        "beds", beds))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
    }

    /** Same partition, hence handled in the order sent. */
    private static ProducerRecord<String, String> onFirstPartition(ProducerRecord<String, String> r) {
        return new ProducerRecord<>(r.topic(), 0, r.key(), r.value(), r.headers());
    }

    private static Map<String, Integer> beds(int total, int free) {
        return Map.of("total", total, "free", free);
    }

    private static DispatchCompleted dispatchCompleted(UUID caseId, String province, String district,
            ClinicalNotes notes) {
        return new DispatchCompleted(caseId, "BD-20210818-" + caseId.toString().substring(0, 4), Instant.now(),
                UUID.randomUUID(), UUID.randomUUID(), DispatchOutcome.NEEDS_HOSPITAL, notes, List.of(),
                new Location(province, district, null, null, null, null), null);
    }

    /** Waits for at least {@code count} events of a type for a case and returns them in order. */
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

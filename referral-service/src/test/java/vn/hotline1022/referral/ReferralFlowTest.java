package vn.hotline1022.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.referral.ReferralRejected;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.referral.referrals.Referrer;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * Each test works in its own province (Bình Dương, Lai Châu, Đồng Nai) so that the hospitals and waiting cases of one
 * never serve the other.
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
                    .body("status", equalTo("ACCEPTED")).body("hospitalName", equalTo("BV Đa khoa tỉnh Bình Dương"));
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

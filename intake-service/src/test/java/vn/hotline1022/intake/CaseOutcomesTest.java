package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.dispatch.TransportDispatched;
import vn.hotline1022.events.intake.CaseResolved;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.events.referral.ReferralAccepted;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.intake.sla.SlaClock;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.FakeSmsGateway;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * A case comes home: each downstream outcome ends its need's track and the last one resolves the case once; nothing
 * escalates after; the citizen answers DANHAN / CHUANHAN by SMS from the case's phone; agents close by hand with a
 * reason. Real Kafka, PostgreSQL and signed tokens.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class CaseOutcomesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String AGENT = agentOf(SampleEvents.BINH_DUONG);
    private static final FakeSmsGateway GATEWAY = new FakeSmsGateway("test-sms-auth-token",
            "https://hotline1022.example/webhooks/sms");

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    SlaClock slaClock;

    @Test
    void eachOutcomeEndsItsNeedAndTheLastResolvesTheCaseOnce() {
        String phone = uniquePhone();
        String code = openCase(List.of("MEDICAL_CONSULTATION", "HOSPITAL_ADMISSION", "FOOD"), phone);
        UUID caseId = caseId(code);
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            UUID delivery = UUID.randomUUID();
            produce(new TeamDispatched(caseId, code, t, UUID.randomUUID(), UUID.randomUUID(), "Tổ PƯN Lái Thiêu",
                    "SAME_WARD", true, null, "TA-01"),
                    new DispatchCompleted(caseId, code, t.plusSeconds(1), UUID.randomUUID(), UUID.randomUUID(),
                            DispatchOutcome.NEEDS_HOSPITAL, null, List.of(), null, null),
                    new ReferralAccepted(caseId, code, t.plusSeconds(2), UUID.randomUUID(), UUID.randomUUID(),
                            "Bệnh viện Đa khoa tỉnh Bình Dương", "G-12", null, "BV-BD", BedType.OXYGEN,
                            SampleEvents.BINH_DUONG, SampleEvents.THUAN_AN),
                    new ReliefScheduled(caseId, code, t.plusSeconds(3), delivery, UUID.randomUUID(), "BD-FOOD",
                            List.of(), null, SampleEvents.LAI_THIEU, t.plusSeconds(7200)));
            // Each need says what it still waits for: transport to the accepting hospital, the delivery.
            await().atMost(PATIENCE).untilAsserted(() -> agent().get("/api/v1/cases/{code}", code).then()
                    .body("status", equalTo("IN_PROGRESS"))
                    .body("tracks.find { it.track == 'VISIT' }.outcome", equalTo("NEEDS_HOSPITAL"))
                    .body("tracks.find { it.track == 'HOSPITAL' }.waitingFor", equalTo("TRANSPORT"))
                    .body("tracks.find { it.track == 'RELIEF' }.waitingForText", equalTo("chờ giao hàng cứu trợ")));
            agent().get("/api/v1/cases/overdue").then().statusCode(200); // listed with tracks, no error

            UUID transport = UUID.randomUUID();
            UUID referral = UUID.randomUUID();
            produce(new TransportDispatched(caseId, code, t.plusSeconds(4), transport, referral, UUID.randomUUID(),
                    "TA-02", "Xe cấp cứu Thuận An", UUID.randomUUID(), "BV-BD", "Bệnh viện Đa khoa tỉnh Bình Dương",
                    BedType.OXYGEN, t),
                    new PatientHandedOver(caseId, code, t.plusSeconds(5), transport, referral, UUID.randomUUID(),
                            UUID.randomUUID(), "BV-BD"),
                    new PatientAdmitted(caseId, code, t.plusSeconds(6), referral, UUID.randomUUID(), "BV-BD",
                            "Bệnh viện Đa khoa tỉnh Bình Dương", BedType.OXYGEN, t.plusSeconds(6),
                            PatientAdmitted.HANDED_OVER_BY_TEAM));
            await().atMost(PATIENCE).untilAsserted(() -> agent().get("/api/v1/cases/{code}", code).then()
                    .body("tracks.find { it.track == 'HOSPITAL' }.outcome", equalTo("ADMITTED"))
                    .body("status", equalTo("IN_PROGRESS")));

            // The last outcome, delivered twice (a redelivery): resolved once.
            var delivered = CloudEventRecords.of(new ReliefDelivered(caseId, code, t.plusSeconds(7), delivery,
                    UUID.randomUUID(), "BD-FOOD", "Hội Chữ thập đỏ Thuận An"));
            companion.produceStrings().fromRecords(delivered, delivered).awaitCompletion(PATIENCE);
            await().atMost(PATIENCE).untilAsserted(() -> agent().get("/api/v1/cases/{code}", code).then()
                    .body("status", equalTo("RESOLVED"))
                    .body("sla.overdue", equalTo(false))
                    .body("tracks.track", equalTo(List.of("HOSPITAL", "RELIEF", "TRANSPORT", "VISIT")))
                    .body("tracks.outcome", equalTo(List.of("ADMITTED", "DELIVERED", "HANDED_OVER",
                            "NEEDS_HOSPITAL"))));
            CaseResolved resolved = await().atMost(PATIENCE).until(() -> resolvedEvents(intake, caseId),
                    l -> l.size() == 1).get(0);
            assertThat(resolved.resolvedBy()).isEqualTo(CaseResolved.BY_OUTCOMES);
            assertThat(resolved.outcomes()).extracting(CaseResolved.NeedOutcome::track, CaseResolved.NeedOutcome::outcome)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("VISIT", "NEEDS_HOSPITAL"),
                            org.assertj.core.groups.Tuple.tuple("HOSPITAL", "ADMITTED"),
                            org.assertj.core.groups.Tuple.tuple("TRANSPORT", "HANDED_OVER"),
                            org.assertj.core.groups.Tuple.tuple("RELIEF", "DELIVERED"));

            // Nobody chases finished work: not overdue, not escalated even long after its deadline.
            slaClock.escalateOverdue(Instant.now().plus(Duration.ofHours(12)));
            agent().queryParam("size", 100).get("/api/v1/cases/overdue").then().statusCode(200)
                    .body("code", not(hasItem(code)));
            agent().get("/api/v1/cases/{code}", code).then().body("sla.escalationLevel", equalTo("WARD"));

            // "Help did not come" by SMS from the case's own phone: only relief opens again, with priority.
            sms(phone, "chưa nhận " + code).then().statusCode(200)
                    .body("Response.Message", containsString("chưa nhận được hỗ trợ"));
            agent().get("/api/v1/cases/{code}", code).then().body("status", equalTo("IN_PROGRESS"))
                    .body("sla.reopenCount", equalTo(1))
                    .body("tracks.find { it.track == 'RELIEF' }.waitingFor", equalTo("RELIEF_DECISION"))
                    .body("tracks.find { it.track == 'RELIEF' }.reopenCount", equalTo(1))
                    .body("tracks.find { it.track == 'HOSPITAL' }.outcome", equalTo("ADMITTED"));
            // Another phone, or an unknown code: the same neutral answer, nothing changes.
            String wrongPhone = sms(uniquePhone(), "DANHAN " + code).then().statusCode(200).extract()
                    .path("Response.Message");
            String unknown = sms(phone, "DANHAN BD-20200101-0001-AAA").then().statusCode(200).extract()
                    .path("Response.Message");
            assertThat(wrongPhone).isEqualTo("Tổng đài 1022: không tìm thấy hồ sơ " + code
                    + " của số điện thoại này.");
            assertThat(unknown).isEqualTo(wrongPhone.replace(code, "BD-20200101-0001-AAA"));
            agent().get("/api/v1/cases/{code}", code).then().body("status", equalTo("IN_PROGRESS"));
            // "Received" by SMS: the citizen's word closes what was reopened.
            sms(phone, "DANHAN " + code).then().statusCode(200).body("Response.Message", containsString("cảm ơn"));
            agent().get("/api/v1/cases/{code}", code).then().body("status", equalTo("RESOLVED"))
                    .body("tracks.find { it.track == 'RELIEF' }.outcome", equalTo("CLOSED:CONFIRMED_BY_CITIZEN"));
            assertThat(await().atMost(PATIENCE).until(() -> resolvedEvents(intake, caseId), l -> l.size() == 2))
                    .as("resolved, reopened by the citizen, resolved by the citizen").hasSize(2);

            // The week's report counts outcomes, in words: how each kind of help ended, minutes to it, reopened.
            String ops = TestTokens.user("ops-outcomes", Roles.OPS).sign();
            String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
            given().auth().oauth2(ops).queryParam("from", today).get("/api/v1/reports/weekly").then().statusCode(200)
                    .body("outcomes.byOutcome.'giường bệnh viện: bệnh viện đã nhận bệnh nhân'",
                            org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("outcomes.minutesToOutcome.'hỗ trợ cứu trợ'.cases", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("outcomes.reopenedNeeds", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
            assertThat(given().auth().oauth2(ops).queryParam("from", today).accept("text/csv")
                    .get("/api/v1/reports/weekly").then().statusCode(200).extract().asString())
                    .contains("outcome,giường bệnh viện: bệnh viện đã nhận bệnh nhân,")
                    .contains("outcome,\"tổ phản ứng nhanh đến nhà: tổ đã khám, cần nhập viện\",")
                    .contains("minutes_to_outcome_median,giường bệnh viện,")
                    .contains("total,reopened_needs,");
        } finally {
            intake.stop();
        }
    }

    @Test
    void theResolutionClockFollowsTheNeedsLeftOpen() {
        String code = openCase(List.of("EMERGENCY_TRANSPORT", "INFORMATION"), uniquePhone());
        UUID caseId = caseId(code);
        var opened = agent().get("/api/v1/cases/{code}", code).then().extract();
        Instant openedAt = Instant.parse(opened.path("openedAt"));
        assertThat(Instant.parse(opened.<String> path("sla.resolutionDue")))
                .as("an emergency: five hours").isEqualTo(openedAt.plus(Duration.ofHours(5)));
        produce(new DispatchCompleted(caseId, code, Instant.now(), UUID.randomUUID(), UUID.randomUUID(),
                DispatchOutcome.RESOLVED_ON_SITE, null, List.of(), null, null));
        // The emergency is over; the question left has the clock of a question: 24 hours from the call.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(Instant.parse(agent()
                .get("/api/v1/cases/{code}", code).then().extract().<String> path("sla.resolutionDue")))
                .isEqualTo(openedAt.plus(Duration.ofHours(24))));
        agent().get("/api/v1/cases/{code}", code).then().body("status", equalTo("IN_PROGRESS"))
                .body("tracks.find { it.track == 'ANSWER' }.waitingFor", equalTo("AGENT_ANSWER"));
    }

    @Test
    void agentsCloseByHandWithAReasonAndReopenOneNeed() {
        String code = openCase(List.of("INFORMATION", "FOOD"), uniquePhone());
        // Without a reason, with an unknown one, with a NUL: 400 with field errors in Vietnamese, nothing changes.
        problem(agent().contentType(ContentType.JSON).body(Map.of("note", "x")).post("/api/v1/cases/{c}/close", code),
                400).body("errors.field", hasItem("reason")).body("errors.message", hasItem("chọn lý do đóng hồ sơ"));
        problem(agent().contentType(ContentType.JSON).body(Map.of("reason", "BORED")).post(
                "/api/v1/cases/{c}/close", code), 400);
        // Another province's agent neither reads it nor finds it in a list; an agent without an area lists nothing.
        problem(given().auth().oauth2(agentOf("12")).get("/api/v1/cases/{code}", code), 404);
        given().auth().oauth2(agentOf("12")).queryParam("q", code).get("/api/v1/cases").then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(TestTokens.user("agent-nowhere", Roles.CALL_AGENT).sign()).get("/api/v1/cases/overdue")
                .then().statusCode(200).body("size()", equalTo(0)).header("X-Total-Count", "0");
        agent().queryParam("q", code).get("/api/v1/cases").then().statusCode(200).body("code", hasItem(code));
        // Nor closes it.
        problem(given().auth().oauth2(agentOf("12")).contentType(ContentType.JSON)
                .body(Map.of("reason", "DUPLICATE")).post("/api/v1/cases/{c}/close", code), 404);
        problem(given().auth().oauth2(TestTokens.user("agent-nowhere", Roles.CALL_AGENT).sign())
                .contentType(ContentType.JSON).body(Map.of("reason", "DUPLICATE"))
                .post("/api/v1/cases/{c}/close", code), 404);
        // Reopening a need that is still open, or one the case does not have: 409, in Vietnamese.
        problem(agent().contentType(ContentType.JSON).body(Map.of("track", "RELIEF", "reason", "gọi lại"))
                .post("/api/v1/cases/{c}/reopen", code), 409).body("detail", containsString("vẫn đang được xử lý"));
        agent().get("/api/v1/cases/{code}", code).then().body("status", equalTo("OPEN"));

        agent().contentType(ContentType.JSON).body(Map.of("reason", "ANSWERED_ON_CALL", "note", "đã hướng dẫn"))
                .post("/api/v1/cases/{c}/close", code).then().statusCode(200).body("status", equalTo("RESOLVED"))
                .body("tracks.outcome", equalTo(List.of("CLOSED:ANSWERED_ON_CALL", "CLOSED:ANSWERED_ON_CALL")))
                .body("timeline[-1].summary", containsString("đã trả lời qua điện thoại"));
        problem(agent().contentType(ContentType.JSON).body(Map.of("reason", "DUPLICATE"))
                .post("/api/v1/cases/{c}/close", code), 409);
        // The need came back: only relief opens again, the case is in progress.
        agent().contentType(ContentType.JSON).body(Map.of("track", "RELIEF", "reason", "người dân gọi lại"))
                .post("/api/v1/cases/{c}/reopen", code).then().statusCode(200).body("status", equalTo("IN_PROGRESS"))
                .body("tracks.find { it.track == 'RELIEF' }.waitingFor", equalTo("RELIEF_DECISION"))
                .body("tracks.find { it.track == 'ANSWER' }.outcome", equalTo("CLOSED:ANSWERED_ON_CALL"));
    }

    private List<CaseResolved> resolvedEvents(ConsumerTask<String, String> intake, UUID caseId) {
        return intake.stream().filter(r -> r.key().equals(caseId.toString()))
                .filter(r -> EventType.CASE_RESOLVED.ceType().equals(header(r, "ce_type")))
                .map(r -> (CaseResolved) EventJson.fromJson(r.value(), EventType.CASE_RESOLVED)).toList();
    }

    private void produce(CaseEvent... events) {
        companion.produceStrings().fromRecords(java.util.Arrays.stream(events).map(CloudEventRecords::of).toList())
                .awaitCompletion(PATIENCE);
    }

    private static io.restassured.specification.RequestSpecification agent() {
        return given().auth().oauth2(AGENT);
    }

    private static io.restassured.response.ValidatableResponse problem(Response r, int status) {
        return r.then().statusCode(status).contentType("application/problem+json");
    }

    private static Response sms(String from, String body) {
        Map<String, String> form = FakeSmsGateway.text(FakeSmsGateway.text("", "").get("MessageSid"), from, body);
        String signature = GATEWAY.signature(form);
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                .header("X-Twilio-Signature", signature).post("/webhooks/sms");
    }

    private static String openCase(List<String> needs, String phone) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Lê Thị Hoa", "phone", phone));
        call.put("location", Map.of("wardCode", SampleEvents.LAI_THIEU, "addressText",
                ThreadLocalRandom.current().nextInt(1, 100_000_000) + " Đường Cách Mạng Tháng Tám"));
        call.put("needs", needs);
        call.put("householdSize", 3);
        return agent().contentType(ContentType.JSON).body(call).post("/api/v1/calls").then().statusCode(201)
                .extract().path("code");
    }

    private static UUID caseId(String code) {
        return UUID.fromString(agent().get("/api/v1/cases/{code}", code).then().statusCode(200).extract().path("id"));
    }

    private static String agentOf(String province) {
        return TestTokens.user("agent-outcomes-" + province, Roles.CALL_AGENT)
                .claim(CurrentUser.PROVINCE_CODES, List.of(province)).sign();
    }

    private static String uniquePhone() {
        return "085" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

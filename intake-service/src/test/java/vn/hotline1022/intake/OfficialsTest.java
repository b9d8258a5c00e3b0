package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

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
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CaseHandedBack;
import vn.hotline1022.events.intake.CaseOwnerAssigned;
import vn.hotline1022.events.intake.CaseResolved;
import vn.hotline1022.events.intake.CaseVerified;
import vn.hotline1022.intake.sla.SlaClock;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * Ward and district officials (cán bộ phường/xã, quận/huyện) on their area's cases: what they see (their area only;
 * without an area nothing), taking a case (one owner), verifying, resolving and handing back — each a case event on
 * intake's topic and a line on the timeline — and bad input refused without a change. Places are in Đồng Nai, which
 * no other intake test uses, so the lists hold only this test's cases of those wards.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class OfficialsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String BIEN_HOA = "731";
    private static final String TRANG_DAI = "25993"; // Biên Hòa
    private static final String TAN_PHONG = "25996"; // Biên Hòa
    private static final String XUAN_BINH = "26077"; // Long Khánh (732)
    private static final String OFFICIALS = "/api/v1/officials/cases";

    private static final String AGENT = TestTokens.user("agent-officials", Roles.CALL_AGENT)
            .claim(CurrentUser.PROVINCE_CODES, List.of("74", "12", "75")).sign();
    private static final String WARD = TestTokens.official("official.trangdai", List.of(), List.of(TRANG_DAI)).sign();
    private static final String DISTRICT = TestTokens.official("official.bienhoa", List.of(BIEN_HOA), List.of()).sign();
    /** An official whose token names no ward and no district (a province claim does not make an area). */
    private static final String NOWHERE = TestTokens.official("official.nowhere", List.of(), List.of())
            .claim("province_codes", List.of("75")).sign();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    EntityManager em;

    @Inject
    SlaClock slaClock;

    @Test
    void anOfficialSeesTheirAreasCasesOnlyAndWithoutAnAreaNothing() {
        String here = openCase(TRANG_DAI, "VIOLATION_REPORT");
        String neighbourWard = openCase(TAN_PHONG, "VIOLATION_REPORT");
        String otherDistrict = openCase(XUAN_BINH, "VIOLATION_REPORT");

        given().auth().oauth2(WARD).queryParam("kind", "VIOLATION").get(OFFICIALS).then().statusCode(200)
                .body("code", hasItem(here)).body("code", not(hasItem(neighbourWard)))
                .body("code", not(hasItem(otherDistrict)))
                .body("find { it.code == '" + here + "' }.caller", nullValue()); // no phones in lists
        given().auth().oauth2(DISTRICT).queryParam("kind", "VIOLATION").get(OFFICIALS).then().statusCode(200)
                .body("code", hasItems(here, neighbourWard)).body("code", not(hasItem(otherDistrict)));
        // Another area's case does not exist for them, for reading or taking.
        problem(given().auth().oauth2(WARD).get(OFFICIALS + "/{code}", neighbourWard), 404);
        problem(given().auth().oauth2(WARD).post(OFFICIALS + "/{code}/ownership", otherDistrict), 404);
        given().auth().oauth2(WARD).get(OFFICIALS + "/{code}", here).then().statusCode(200)
                .body("caller.phone", org.hamcrest.Matchers.notNullValue());

        // Fails closed: no ward_codes or district_codes, nothing at all.
        problem(given().auth().oauth2(NOWHERE).get(OFFICIALS), 403);
        problem(given().auth().oauth2(NOWHERE).get(OFFICIALS + "/{code}", here), 403);
        problem(given().auth().oauth2(NOWHERE).post(OFFICIALS + "/{code}/ownership", here), 403);
        // Nor do officials read the agents' lists.
        given().auth().oauth2(WARD).get("/api/v1/cases").then().statusCode(403);

        // Overdue and escalated: a food request nobody acted on for 20 minutes, then the SLA clock's check.
        String late = openCase(TRANG_DAI, "FOOD");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                update hotline_case set opened_at = opened_at - interval '3 hours',
                    first_action_due = first_action_due - interval '3 hours',
                    resolution_due = resolution_due - interval '3 hours' where code = ?1
                """).setParameter(1, late).executeUpdate());
        given().auth().oauth2(WARD).queryParam("kind", "OVERDUE").get(OFFICIALS).then().statusCode(200)
                .body("code", hasItem(late)).body("code", not(hasItem(here)));
        slaClock.escalateOverdue(Instant.now()); // (the scheduled check may have been first: either way, once)
        given().auth().oauth2(WARD).queryParam("kind", "ESCALATED").get(OFFICIALS).then().statusCode(200)
                .body("code", hasItem(late)).body("code", not(hasItem(here)));
        // Without a kind: every kind, their area only.
        given().auth().oauth2(WARD).get(OFFICIALS).then().statusCode(200)
                .body("code", hasItems(here, late)).body("code", not(hasItem(neighbourWard)));
    }

    @Test
    void theOwnerVerifiesAndResolvesAndEveryStepIsAnEventOnTheTimeline() {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            String code = openCase(TRANG_DAI, "VIOLATION_REPORT");
            given().auth().oauth2(WARD).post(OFFICIALS + "/{code}/ownership", code).then().statusCode(200)
                    .body("ownership.official", equalTo("official.trangdai"));
            // One owner: the district official cannot take it over, nor act on it.
            problem(given().auth().oauth2(DISTRICT).post(OFFICIALS + "/{code}/ownership", code), 409);
            problem(given().auth().oauth2(DISTRICT).contentType(ContentType.JSON).body(visit("VALID",
                    Instant.now().minusSeconds(60))).post(OFFICIALS + "/{code}/verification", code), 409);
            problem(given().auth().oauth2(DISTRICT).contentType(ContentType.JSON)
                    .body(Map.of("outcome", "Đã xử lý")).post(OFFICIALS + "/{code}/resolution", code), 409);
            // Taking one's own case again changes nothing.
            given().auth().oauth2(WARD).post(OFFICIALS + "/{code}/ownership", code).then().statusCode(200);
            given().auth().oauth2(WARD).queryParam("kind", "OWNED").get(OFFICIALS).then().statusCode(200)
                    .body("code", hasItem(code));

            // Two minutes before the case opened: within the clock skew allowed between a phone and the server.
            Instant visitedAt = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);
            given().auth().oauth2(WARD).contentType(ContentType.JSON).body(visit("VALID", visitedAt))
                    .post(OFFICIALS + "/{code}/verification", code).then().statusCode(200)
                    .body("lastVerification.outcome", equalTo("VALID"));
            given().auth().oauth2(WARD).contentType(ContentType.JSON)
                    .body(Map.of("outcome", "Quán đã đóng cửa, chủ quán bị xử phạt hành chính"))
                    .post(OFFICIALS + "/{code}/resolution", code).then().statusCode(200)
                    .body("status", equalTo("RESOLVED"));

            List<String> steps = given().auth().oauth2(WARD).get(OFFICIALS + "/{code}", code).then().statusCode(200)
                    .body("visits.size()", equalTo(1))
                    .body("visits[0].outcome", equalTo("VALID"))
                    .body("visits[0].official", equalTo("official.trangdai"))
                    .extract().path("timeline.type");
            assertThat(steps).containsSubsequence("CallReceived", "CaseOwnerAssigned", "CaseVerified", "CaseResolved");
            assertThat(steps).filteredOn(t -> t.equals("CaseOwnerAssigned")).hasSize(1);
            given().auth().oauth2(AGENT).get("/api/v1/cases/{code}", code).then().statusCode(200)
                    .body("status", equalTo("RESOLVED"))
                    .body("timeline.find { it.type == 'CaseVerified' }.summary",
                            org.hamcrest.Matchers.containsString("official.trangdai xác minh lúc"))
                    .body("timeline.find { it.type == 'CaseVerified' }.summary",
                            org.hamcrest.Matchers.containsString(": đúng như phản ánh. Đã làm: "))
                    .body("timeline.find { it.type == 'CaseVerified' }.summaryEn",
                            org.hamcrest.Matchers.containsString(": as reported. Done: "));
            // A resolved case is no longer acted on.
            problem(given().auth().oauth2(WARD).contentType(ContentType.JSON).body(visit("NOT_VALID", visitedAt))
                    .post(OFFICIALS + "/{code}/verification", code), 409);

            UUID caseId = caseId(code);
            List<HotlineEvent> events = await().atMost(PATIENCE).until(() -> events(intake, caseId),
                    l -> l.stream().anyMatch(CaseResolved.class::isInstance));
            assertThat(events).filteredOn(CaseOwnerAssigned.class::isInstance).hasSize(1)
                    .first().satisfies(e -> {
                        assertThat(((CaseOwnerAssigned) e).official()).isEqualTo("official.trangdai");
                        assertThat(((CaseOwnerAssigned) e).area()).isEqualTo("WARD");
                    });
            assertThat(events).filteredOn(CaseVerified.class::isInstance).singleElement().satisfies(e -> {
                CaseVerified v = (CaseVerified) e;
                assertThat(v.outcome()).isEqualTo("VALID");
                assertThat(v.visitedAt()).isEqualTo(visitedAt);
                assertThat(v.actionTaken()).startsWith("Đã đến kiểm tra");
            });
            assertThat(events).filteredOn(CaseResolved.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((CaseResolved) e).resolvedBy()).isEqualTo("OFFICIAL"));
        } finally {
            intake.stop();
        }
    }

    @Test
    void aHandBackGoesToDispatchOrReliefWithTheNeedsTheyActOn() {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            String code = openCase(TAN_PHONG, "VIOLATION_REPORT");
            given().auth().oauth2(DISTRICT).post(OFFICIALS + "/{code}/ownership", code).then().statusCode(200)
                    .body("ownership.official", equalTo("official.bienhoa"));
            // Relief acts on relief needs only: a hand-back it could not act on is refused, and changes nothing.
            problem(given().auth().oauth2(DISTRICT).contentType(ContentType.JSON).body(Map.of("target", "RELIEF",
                    "reason", "Cần hỗ trợ", "needs", List.of("INFORMATION"))).post(OFFICIALS + "/{code}/hand-back",
                            code), 400).body("errors.field", hasItem("needs"));

            given().auth().oauth2(DISTRICT).contentType(ContentType.JSON).body(Map.of("target", "DISPATCH",
                    "reason", "Người cao tuổi sốt cao, cần tổ y tế đến khám", "needs", List.of("MEDICAL_CONSULTATION")))
                    .post(OFFICIALS + "/{code}/hand-back", code).then().statusCode(200)
                    .body("ownership", nullValue())
                    .body("needs", hasItems("VIOLATION_REPORT", "MEDICAL_CONSULTATION"));
            // No longer theirs: a second hand-back needs the case taken again.
            problem(given().auth().oauth2(DISTRICT).contentType(ContentType.JSON).body(Map.of("target", "DISPATCH",
                    "reason", "Lần nữa")).post(OFFICIALS + "/{code}/hand-back", code), 409);
            given().auth().oauth2(AGENT).get("/api/v1/cases/{code}", code).then().statusCode(200)
                    .body("timeline.type", hasItem("CaseHandedBack"));

            UUID caseId = caseId(code);
            List<HotlineEvent> events = await().atMost(PATIENCE).until(() -> events(intake, caseId),
                    l -> l.stream().anyMatch(CaseHandedBack.class::isInstance));
            assertThat(events).filteredOn(CaseHandedBack.class::isInstance).singleElement().satisfies(e -> {
                CaseHandedBack h = (CaseHandedBack) e;
                assertThat(h.target()).isEqualTo("DISPATCH");
                assertThat(h.needs()).containsExactly(Need.MEDICAL_CONSULTATION);
                assertThat(h.location().wardCode()).isEqualTo(TAN_PHONG);
                assertThat(h.location().districtCode()).isEqualTo(BIEN_HOA);
                assertThat(h.handBackId()).isNotNull();
                assertThat(h.handedBackBy()).isEqualTo("official.bienhoa");
            });
        } finally {
            intake.stop();
        }
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndChangesNothing() {
        String code = openCase(TRANG_DAI, "VIOLATION_REPORT");
        given().auth().oauth2(WARD).post(OFFICIALS + "/{code}/ownership", code).then().statusCode(200);
        String verification = OFFICIALS + "/{code}/verification";
        Instant recently = Instant.now().minusSeconds(300);

        fieldError(given().auth().oauth2(WARD).contentType(ContentType.JSON).body(visit("MAYBE", recently))
                .post(verification, code), "outcome");
        fieldError(given().auth().oauth2(WARD).contentType(ContentType.JSON)
                .body(visit("VALID", Instant.now().plus(Duration.ofDays(1)))).post(verification, code), "visitedAt");
        fieldError(given().auth().oauth2(WARD).contentType(ContentType.JSON)
                .body(visit("VALID", Instant.parse("2021-08-17T03:00:00Z"))).post(verification, code), "visitedAt");
        Map<String, Object> nul = visit("VALID", recently);
        nul.put("actionTaken", "Đã đến\u0000 kiểm tra");
        fieldError(given().auth().oauth2(WARD).contentType(ContentType.JSON).body(nul).post(verification, code),
                "actionTaken");
        Map<String, Object> longText = visit("VALID", recently);
        longText.put("actionTaken", "x".repeat(2001));
        fieldError(given().auth().oauth2(WARD).contentType(ContentType.JSON).body(longText).post(verification, code),
                "actionTaken");
        fieldError(given().auth().oauth2(WARD).contentType(ContentType.JSON)
                .body(Map.of("target", "TELEPORT", "reason", "x")).post(OFFICIALS + "/{code}/hand-back", code),
                "target");
        fieldError(given().auth().oauth2(WARD).contentType(ContentType.JSON).body(Map.of("outcome", " "))
                .post(OFFICIALS + "/{code}/resolution", code), "outcome");
        fieldError(given().auth().oauth2(WARD).queryParam("kind", "EVERYTHING").get(OFFICIALS), "kind");
        problem(given().auth().oauth2(WARD).post(OFFICIALS + "/{code}/ownership", "not-a-code"), 400);
        problem(given().auth().oauth2(WARD).contentType(ContentType.JSON).body("{\"outcome\": ")
                .post(verification, code), 400);

        List<String> steps = given().auth().oauth2(WARD).get(OFFICIALS + "/{code}", code).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("lastVerification", nullValue())
                .body("visits.size()", equalTo(0))
                .extract().path("timeline.type");
        assertThat(steps).containsExactly("CallReceived", "CaseOwnerAssigned");
    }

    /**
     * Officials set the zone colour of their area's wards only: a ward official their ward, a district official any
     * ward of the district; another ward, or any ward without an area, is 403 and changes nothing. Yellow and green
     * only, which do not change the priority of this test class's cases.
     */
    @Test
    void officialsChangeTheZoneColourOfTheirAreasWardsOnly() {
        String zone = "/api/v1/zones/{ward}";
        String history = "/api/v1/zones/{ward}/history";
        given().auth().oauth2(WARD).contentType(ContentType.JSON)
                .body(Map.of("colour", "YELLOW", "reason", "2 ca F1 trong tổ dân phố"))
                .put(zone, TRANG_DAI).then().statusCode(200)
                .body("colour", equalTo("YELLOW")).body("districtCode", equalTo(BIEN_HOA))
                .body("changedBy", equalTo("official.trangdai"));
        given().auth().oauth2(WARD).get(history, TRANG_DAI).then().statusCode(200)
                .body("colour", equalTo(List.of("YELLOW"))).body("changedBy", equalTo(List.of("official.trangdai")));

        // Another district's ward, a neighbour ward of the same district, and any ward without an area: refused.
        problem(given().auth().oauth2(WARD).contentType(ContentType.JSON).body(Map.of("colour", "GREEN"))
                .put(zone, XUAN_BINH), 403);
        problem(given().auth().oauth2(WARD).contentType(ContentType.JSON).body(Map.of("colour", "GREEN"))
                .put(zone, TAN_PHONG), 403);
        problem(given().auth().oauth2(NOWHERE).contentType(ContentType.JSON).body(Map.of("colour", "GREEN"))
                .put(zone, TRANG_DAI), 403);
        problem(given().auth().oauth2(DISTRICT).contentType(ContentType.JSON).body(Map.of("colour", "GREEN"))
                .put(zone, XUAN_BINH), 403);
        given().auth().oauth2(WARD).get(history, XUAN_BINH).then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(WARD).get(history, TAN_PHONG).then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(WARD).get(history, TRANG_DAI).then().statusCode(200)
                .body("colour", equalTo(List.of("YELLOW")));

        // A district official: any ward of their district, their ward official's one included.
        given().auth().oauth2(DISTRICT).contentType(ContentType.JSON).body(Map.of("colour", "GREEN"))
                .put(zone, TAN_PHONG).then().statusCode(200).body("colour", equalTo("GREEN"))
                .body("changedBy", equalTo("official.bienhoa"));
        given().auth().oauth2(DISTRICT).contentType(ContentType.JSON).body(Map.of("colour", "GREEN"))
                .put(zone, TRANG_DAI).then().statusCode(200).body("colour", equalTo("GREEN"));
        given().auth().oauth2(WARD).get(history, TRANG_DAI).then().statusCode(200)
                .body("colour", equalTo(List.of("YELLOW", "GREEN")))
                .body("changedBy", equalTo(List.of("official.trangdai", "official.bienhoa")));
        given().auth().oauth2(WARD).get("/api/v1/zones").then().statusCode(200)
                .body("find { it.wardCode == '" + TAN_PHONG + "' }.changedBy", equalTo("official.bienhoa"))
                .body("find { it.wardCode == '" + XUAN_BINH + "' }", nullValue());
    }

    private static Map<String, Object> visit(String outcome, Instant at) {
        Map<String, Object> visit = new HashMap<>();
        visit.put("outcome", outcome);
        visit.put("actionTaken", "Đã đến kiểm tra, lập biên bản và nhắc nhở chủ quán");
        visit.put("visitedAt", at.toString());
        return visit;
    }

    /** A call about {@code need} in {@code ward}, from a phone and a house no other call uses. */
    private static String openCase(String ward, String need) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Phạm Văn Hùng",
                "phone", "094" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000))));
        call.put("location", Map.of("wardCode", ward, "addressText",
                ThreadLocalRandom.current().nextInt(1, 100_000_000) + " Đường Đồng Khởi"));
        call.put("needs", List.of(need));
        call.put("notes", "Quán karaoke vẫn mở cửa trong thời gian giãn cách");
        return given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(call).post("/api/v1/calls").then()
                .statusCode(201).extract().path("code");
    }

    private static UUID caseId(String code) {
        return UUID.fromString(given().auth().oauth2(AGENT).get("/api/v1/cases/{code}", code).then().statusCode(200)
                .extract().path("id"));
    }

    private static List<HotlineEvent> events(ConsumerTask<String, String> intake, UUID caseId) {
        return intake.stream().filter(r -> r.key().equals(caseId.toString()))
                .map(r -> EventType.fromCeType(header(r, "ce_type"))
                        .map(type -> EventJson.fromJson(r.value(), type)).orElse(null))
                .filter(e -> e != null).toList();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType("application/problem+json");
    }

    private static void fieldError(Response response, String field) {
        problem(response, 400).body("errors.field", hasItem(field));
    }
}

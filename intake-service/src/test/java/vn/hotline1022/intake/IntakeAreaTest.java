package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.intake.callbacks.Callbacks;
import vn.hotline1022.testkit.AreaMatrix;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * The role × resource scope matrix of intake: a violation report of Lai Châu (province 12, district 105, ward 03386),
 * overdue and waiting for the ward's official, and a callback waiting in Lai Châu's queue, tried through every
 * operation of intake's OpenAPI document by every role that may call it (admins aside: they are everywhere by design)
 * with a token of Bình Dương (province 74, district 718, ward 25747). An operation on them answers 403 or 404, a valid
 * body given so that the area check, not validation, is what refuses; no answer names them (codes, phones); the same
 * reads with a Lai Châu token answer 200, so each 404 proves the check and not a wrong fixture. The doors that are
 * not about one area (citizens', Open311, webhooks, reference data, the zone map, the national weekly report) are
 * declared with why. Afterwards, nothing of Lai Châu has changed: the case, its timeline and audit, the callback, the
 * ward's zone.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class IntakeAreaTest {

    private static final String PROVINCE = "12"; // Lai Châu
    private static final String DISTRICT = "105"; // Thành phố Lai Châu
    private static final String WARD = "03386"; // Phường Quyết Thắng
    private static final String ADMIN = TestTokens.user("admin12", Roles.ADMIN).sign();
    private static final String AGENT = TestTokens.user("agent-laichau", Roles.CALL_AGENT)
            .claim(CurrentUser.PROVINCE_CODES, List.of(PROVINCE)).sign();
    private static final String OFFICIAL = TestTokens.official("official-quyetthang", List.of(), List.of(WARD))
            .sign();
    private static final String PUBLIC_DOOR = "Open311 GeoReport, no sign-in: requests of the WEB and APP channels"
            + " only, without personal data; filing needs a partner's key or the code texted to the phone";
    private static final List<String> OPEN311 = List.of("GET /open311/v2/services.json",
            "GET /open311/v2/services/{service_code}.json", "POST /open311/v2/requests.json",
            "GET /open311/v2/requests.json", "GET /open311/v2/requests/{service_request_id}.json",
            "POST /open311/v2/tokens/{token}/confirmation.json", "GET /open311/v2/tokens/{token}.json",
            "GET /open311/v2/services.xml", "GET /open311/v2/services/{service_code}.xml",
            "POST /open311/v2/requests.xml", "GET /open311/v2/requests.xml",
            "GET /open311/v2/requests/{service_request_id}.xml");

    @Inject
    Callbacks callbacks;

    @Inject
    EntityManager em;

    @Test
    void nothingOfAnotherAreaIsReachedThroughAnyOperation() {
        // A violation report from Quyết Thắng, taken by a Lai Châu agent: in progress, for the ward's official.
        String phone = phone();
        String address = "Số " + ThreadLocalRandom.current().nextInt(1, 100_000) + " đường Trần Phú";
        String code = given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(call(phone, address, "VIOLATION_REPORT")).post("/api/v1/calls").then().statusCode(201)
                .body("status", equalTo("IN_PROGRESS")).extract().path("code");
        // Its resolution deadline has passed: it is on the area's overdue list too.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update hotline_case set resolution_due = now() - interval '1 minute' where code = ?1")
                .setParameter(1, code).executeUpdate());
        // A text no rule can read, waiting for a Lai Châu agent's callback. Intake queues every callback in its home
        // province (74 in tests, the outsiders' own), so it is queued as texts are, then moved to Lai Châu's queue,
        // as Lai Châu's own line would have queued it.
        String callbackPhone = phone();
        String callback = QuarkusTransaction.requiringNew().call(() -> callbacks.request(ContactChannel.SMS,
                callbackPhone, "Nhà tôi ở Quyết Thắng, gọi lại giúp").callback().code);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update callback_request set province_code = ?1 where code = ?2").setParameter(1, PROVINCE)
                .setParameter(2, callback).executeUpdate());
        // The fixtures are real: Lai Châu's own lists hold them.
        given().auth().oauth2(AGENT).queryParam("wardCode", WARD).get("/api/v1/cases").then().statusCode(200)
                .body("code", hasItem(code));
        given().auth().oauth2(AGENT).get("/api/v1/cases/overdue").then().statusCode(200).body("code", hasItem(code));
        given().auth().oauth2(AGENT).get("/api/v1/callbacks").then().statusCode(200).body("code", hasItem(callback));
        given().auth().oauth2(OFFICIAL).queryParam("kind", "VIOLATION").get("/api/v1/officials/cases").then()
                .statusCode(200).body("code", hasItem(code));

        String[] caseReaders = { "call-agent", "dispatcher", "ops" };
        String visitedAt = Instant.now().minusSeconds(60).toString();
        AreaMatrix matrix = AreaMatrix.forService()
                .outsider(Map.of(CurrentUser.PROVINCE_CODES, List.of("74"), CurrentUser.DISTRICT_CODES,
                        List.of("718"), CurrentUser.WARD_CODES, List.of("25747")))
                .insider(Map.of(CurrentUser.PROVINCE_CODES, List.of(PROVINCE), CurrentUser.DISTRICT_CODES,
                        List.of(DISTRICT), CurrentUser.WARD_CODES, List.of(WARD)))
                .resource("/api/v1/cases/{code}", "/api/v1/cases/" + code)
                .resource("/api/v1/officials/cases/{code}", "/api/v1/officials/cases/" + code)
                .resource("/api/v1/callbacks/{code}", "/api/v1/callbacks/" + callback)
                .resource("/api/v1/zones/{wardCode}", "/api/v1/zones/" + WARD)
                .marker(code).marker(phone).marker(callback).marker(callbackPhone)
                // Calls: the case's own phone and address in its ward (joining it would show it).
                .roles("POST /api/v1/calls", "call-agent")
                .body("POST /api/v1/calls", call(phone, address, "FOOD"))
                .roles("GET /api/v1/cases", caseReaders)
                .query("GET /api/v1/cases", "wardCode=" + WARD)
                .roles("GET /api/v1/cases/{code}", caseReaders)
                .roles("GET /api/v1/cases/overdue", caseReaders)
                .query("GET /api/v1/cases/overdue", "districtCode=" + DISTRICT)
                .roles("POST /api/v1/cases/{code}/close", "call-agent")
                .body("POST /api/v1/cases/{code}/close", "{\"reason\":\"DUPLICATE\",\"note\":\"trùng hồ sơ\"}")
                .roles("POST /api/v1/cases/{code}/reopen", "call-agent")
                .body("POST /api/v1/cases/{code}/reopen", "{\"track\":\"VERIFICATION\",\"reason\":\"gọi lại\"}")
                // Callbacks: the call must be for the phone that wrote, else a 400 would hide the check.
                .roles("GET /api/v1/callbacks", "call-agent")
                .roles("POST /api/v1/callbacks/{code}/case", "call-agent")
                .body("POST /api/v1/callbacks/{code}/case", call(callbackPhone, "Tổ 3 phường Quyết Thắng", "FOOD"))
                .roles("POST /api/v1/callbacks/{code}/close", "call-agent")
                .body("POST /api/v1/callbacks/{code}/close", "{\"outcome\":\"UNREACHABLE\"}")
                // Officials: a visit in the past (a future one is a 400 before the case is looked up).
                .roles("GET /api/v1/officials/cases", "official")
                .query("GET /api/v1/officials/cases", "kind=VIOLATION")
                .roles("GET /api/v1/officials/cases/{code}", "official")
                .roles("POST /api/v1/officials/cases/{code}/ownership", "official")
                .roles("POST /api/v1/officials/cases/{code}/verification", "official")
                .body("POST /api/v1/officials/cases/{code}/verification", "{\"outcome\":\"VALID\","
                        + "\"actionTaken\":\"Đã đến kiểm tra, lập biên bản\",\"visitedAt\":\"" + visitedAt + "\"}")
                .roles("POST /api/v1/officials/cases/{code}/resolution", "official")
                .body("POST /api/v1/officials/cases/{code}/resolution", "{\"outcome\":\"Đã nhắc nhở\"}")
                .roles("POST /api/v1/officials/cases/{code}/hand-back", "official")
                .body("POST /api/v1/officials/cases/{code}/hand-back", "{\"target\":\"DISPATCH\","
                        + "\"reason\":\"Cần tổ y tế đến nhà\",\"needs\":[\"MEDICAL_CONSULTATION\"]}")
                .roles("PUT /api/v1/zones/{wardCode}", "ops", "official")
                .body("PUT /api/v1/zones/{wardCode}", "{\"colour\":\"GREEN\",\"reason\":\"không còn ca nhiễm\"}")
                .notAreaBound("GET /api/v1/zones", "the zone map is public to every signed-in user (@Authenticated):"
                        + " every province's colours, no case, no person")
                .notAreaBound("GET /api/v1/zones/{wardCode}/history", "the zone map's history, as public inside the"
                        + " hotline as the map")
                .notAreaBound("GET /api/v1/reports/weekly", "national by design: the whole hotline's counts, no"
                        + " case and no person (ReportResource calls WeeklyReport.of without an Area: everywhere),"
                        + " read by ops without any area claim (IntakeFlowTest); each area's own report goes to its"
                        + " officials (WeeklyReportIssuer)")
                .notAreaBound("GET /api/v1/reports/weekly/issued", "national by design: which areas' weekly reports"
                        + " went out, with their counts only")
                .notAreaBound("GET /api/v1/audit", "admins only, and admins are everywhere by design")
                .notAreaBound("POST /api/v1/public/cases/{code}/lookup", "the citizen's door, no sign-in: the code"
                        + " and the phone that called, guessing budgets; status and steps only")
                .notAreaBound("POST /api/v1/public/cases/{code}/confirmation", "the citizen's door, no sign-in: the"
                        + " code and the phone that called, guessing budgets")
                .notAreaBound("POST /webhooks/sms", "the SMS gateway's webhook: Twilio's signature, no sign-in;"
                        + " answers only the sender")
                .notAreaBound("POST /webhooks/zalo", "the Zalo OA's webhook: Zalo's MAC, no sign-in; answers only"
                        + " the sender")
                .notAreaBound("GET /api/v1/admin-units/provinces", "public reference data (GSO codes and names)")
                .notAreaBound("GET /api/v1/admin-units/provinces/{code}/districts", "public reference data")
                .notAreaBound("GET /api/v1/admin-units/districts/{code}/wards", "public reference data");
        OPEN311.forEach(endpoint -> matrix.notAreaBound(endpoint, PUBLIC_DOOR));
        assertThat(matrix.violations()).isEmpty();

        // Nothing of Lai Châu moved. The case: still in progress, one call, no line by a caller of the matrix.
        List<String> lines = given().auth().oauth2(ADMIN).get("/api/v1/cases/{code}", code).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("repeatCount", equalTo(1))
                .body("needs", equalTo(List.of("VIOLATION_REPORT"))).extract().path("timeline.summary");
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains("area-"));
        given().auth().oauth2(ADMIN).get("/api/v1/officials/cases/{code}", code).then().statusCode(200)
                .body("ownership", nullValue()).body("lastVerification", nullValue()).body("visits.size()", equalTo(0));
        // Its audit: the matrix's callers only read it (the Lai Châu tokens' 200s); nobody of 74 did anything.
        List<String> actions = given().auth().oauth2(ADMIN).queryParam("caseCode", code).get("/api/v1/audit").then()
                .statusCode(200).extract().path("findAll { it.actor != null && it.actor.startsWith('area-') }.action");
        assertThat(actions).containsOnly("CASE_READ");
        // No case was opened in the ward by an outsider's call, nor from the callback.
        given().auth().oauth2(ADMIN).queryParam("wardCode", WARD).get("/api/v1/cases").then().statusCode(200)
                .body("agentId", not(hasItem("area-call-agent")));
        given().auth().oauth2(ADMIN).get("/api/v1/cases/{code}", callback).then().statusCode(404);
        // The callback still waits in Lai Châu's queue, its phone not erased; only its request is on record.
        given().auth().oauth2(AGENT).get("/api/v1/callbacks").then().statusCode(200)
                .body("find { it.code == '" + callback + "' }.status", equalTo("PENDING_CALLBACK"))
                .body("find { it.code == '" + callback + "' }.phone", equalTo(callbackPhone));
        given().auth().oauth2(ADMIN).queryParam("caseCode", callback).get("/api/v1/audit").then().statusCode(200)
                .body("action", equalTo(List.of("CALLBACK_REQUESTED")));
        // The ward's zone colour was never set.
        given().auth().oauth2(ADMIN).get("/api/v1/zones/{ward}/history", WARD).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    /** A call from {@code phone} about {@code address} in Quyết Thắng, as the agent console posts it. */
    private static String call(String phone, String address, String need) {
        return "{\"callId\":\"" + UUID.randomUUID() + "\",\"channel\":\"PHONE\",\"caller\":{\"name\":\"Lò Văn Khải\","
                + "\"phone\":\"" + phone + "\"},\"location\":{\"wardCode\":\"" + WARD + "\",\"addressText\":\""
                + address + "\"},\"needs\":[\"" + need + "\"]}";
    }

    /** A mobile number no other test uses, in the canonical form intake keeps and shows. */
    private static String phone() {
        return "0913" + "%06d".formatted(ThreadLocalRandom.current().nextInt(1_000_000));
    }
}

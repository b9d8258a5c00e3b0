package vn.hotline1022.relief;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.PublicRateLimit;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.AreaMatrix;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * Scope on every read and action: a programme, a district warehouse, an announced consignment, a household and its
 * scheduled delivery of province 08 (Tuyên Quang, used by no other relief test), tried through every operation of the
 * OpenAPI document by every role of province 79 that may call it. Nothing of Tuyên Quang comes back, nothing in it
 * changes; the same lists read by an officer of Tuyên Quang do hold it, so the silence is the scope's, not the
 * fixtures'.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class ReliefAreaTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PROVINCE = "08";
    private static final String DISTRICT = "070";
    private static final String WARD = "02212";
    private static final String PROGRAMME = "TQ-AREA-FOOD";
    private static final String WAREHOUSE = "TQ-KHO-070";
    private static final String DONOR = "TQ-AREA-DONOR";
    private static final String ADMIN = TestTokens.user("admin08", Roles.ADMIN).sign();
    /** An officer of all of Tuyên Quang. */
    private static final String INSIDER = TestTokens.user("relief-tq", Roles.RELIEF_OFFICER)
            .claim("province_codes", List.of(PROVINCE)).sign();
    /** An officer of Hồ Chí Minh City. */
    private static final String OUTSIDER = TestTokens.user("relief-hcm", Roles.RELIEF_OFFICER)
            .claim("province_codes", List.of("79")).sign();

    @Inject
    PublicRateLimit rateLimit;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void nothingOfAnotherAreaIsReachedThroughAnyOperation() {
        // Tuyên Quang's relief: a programme low on stock from the start (so it is listed and alerted), a district
        // warehouse, a donor and its consignment on the way, then a call whose FOOD request is scheduled.
        Map<String, Object> programme = ReliefFixtures.programme(PROGRAMME, PROVINCE, List.of("FOOD"), 1, 5);
        programme.put("lowStockThreshold", 10);
        asAdmin(programme, "/api/v1/programmes");
        asAdmin(Map.of("code", WAREHOUSE, "name", "Kho huyện 070", "provinceCode", PROVINCE, "districtCode", DISTRICT,
                "wardCode", WARD), "/api/v1/warehouses");
        asAdmin(Map.of("code", DONOR, "name", "Ủy ban MTTQ tỉnh Tuyên Quang", "kind", "FATHERLAND_FRONT"),
                "/api/v1/donors");
        String expectedAt = Instant.now().plus(Duration.ofDays(1)).toString();
        Map<String, Object> consignment = new HashMap<>(Map.of("donorCode", DONOR, "programmeCode", PROGRAMME,
                "quantity", 5, "expectedAt", expectedAt, "warehouseCode", WAREHOUSE));
        String consignmentId = asAdmin(consignment, "/api/v1/consignments");
        CallReceived call = ReliefFixtures.call(PROVINCE, DISTRICT, WARD, "0207 3822 008", Need.FOOD);
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);
        String deliveryId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(ADMIN)
                .queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                .extract().<String> path("find { it.status == 'SCHEDULED' }.id"), id -> id != null);
        String householdId = given().auth().oauth2(ADMIN).queryParam("caseId", call.caseId())
                .get("/api/v1/deliveries").then().statusCode(200).extract().path("[0].householdId");

        // Tuyên Quang's own officer finds every fixture where the outsider must not.
        Map<String, String> insiderSees = new LinkedHashMap<>();
        insiderSees.put("/api/v1/deliveries?caseId=" + call.caseId(), call.caseCode());
        insiderSees.put("/api/v1/programmes?provinceCode=" + PROVINCE, PROGRAMME);
        insiderSees.put("/api/v1/programmes/low-stock?provinceCode=" + PROVINCE, PROGRAMME);
        insiderSees.put("/api/v1/alerts/low-stock?provinceCode=" + PROVINCE, PROGRAMME);
        insiderSees.put("/api/v1/consignments", consignmentId);
        insiderSees.put("/api/v1/warehouses?provinceCode=" + PROVINCE, WAREHOUSE);
        insiderSees.put("/api/v1/plans/allocation?provinceCode=" + PROVINCE, PROGRAMME);
        insiderSees.put("/api/v1/runs", call.caseCode());
        insiderSees.forEach((url, marker) -> assertThat(given().auth().oauth2(INSIDER).get(url).then()
                .statusCode(200).extract().asString()).as(url).contains(marker));
        given().auth().oauth2(INSIDER).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/households/{id}", householdId).then().statusCode(200);

        String[] readers = { "call-agent", "relief-officer", "ops" };
        String[] watchers = { "relief-officer", "ops" };
        String officer = "relief-officer";
        String review = "{\"justification\":\"Hai hộ thuê trọ chung một địa chỉ, đã kiểm tra tại phường\"}";
        rateLimit.forgetAll(); // the OpenAPI document is read under the operations endpoints' budget
        List<String> violations = AreaMatrix.forService()
                .outsider(Map.of("province_codes", List.of("79")))
                .insider(Map.of("province_codes", List.of(PROVINCE)))
                .resource("/api/v1/programmes/{code}", "/api/v1/programmes/" + PROGRAMME)
                .resource("/api/v1/deliveries/{id}", "/api/v1/deliveries/" + deliveryId)
                .resource("/api/v1/households/{id}", "/api/v1/households/" + householdId)
                .resource("/api/v1/consignments/{id}", "/api/v1/consignments/" + consignmentId)
                .marker(call.caseCode()).marker(PROGRAMME).marker(WAREHOUSE).marker("PROVINCE-" + PROVINCE)
                .marker(consignmentId).marker(householdId).marker(deliveryId)
                .roles("GET /api/v1/programmes", readers)
                .query("GET /api/v1/programmes", "provinceCode=" + PROVINCE)
                .roles("POST /api/v1/programmes", officer)
                .body("POST /api/v1/programmes", "{\"code\":\"TQ-AREA-CASH\",\"name\":\"Gói tiền mặt\","
                        + "\"provinceCode\":\"08\",\"needs\":[\"CASH_SUPPORT\"],\"amountVnd\":500000,"
                        + "\"perHouseholdCap\":1,\"stock\":5}")
                .roles("POST /api/v1/programmes/{code}/stock", officer)
                .body("POST /api/v1/programmes/{code}/stock", "{\"quantity\":3,\"warehouseCode\":\"" + WAREHOUSE
                        + "\"}")
                .roles("GET /api/v1/programmes/low-stock", watchers)
                .query("GET /api/v1/programmes/low-stock", "provinceCode=" + PROVINCE)
                .roles("GET /api/v1/deliveries", readers)
                .query("GET /api/v1/deliveries", "caseId=" + call.caseId())
                .roles("POST /api/v1/deliveries/{id}/confirmation", officer)
                .body("POST /api/v1/deliveries/{id}/confirmation",
                        "{\"deliveredBy\":\"MTTQ phường Phan Thiết\",\"recipientCode\":\"123456\"}")
                .roles("POST /api/v1/deliveries/{id}/recipient-code/resend", officer)
                .roles("POST /api/v1/deliveries/{id}/confirmation-without-code", officer)
                .body("POST /api/v1/deliveries/{id}/confirmation-without-code",
                        "{\"deliveredBy\":\"MTTQ phường Phan Thiết\",\"reason\":\"Hộ mất điện thoại, không còn mã\"}")
                .roles("POST /api/v1/deliveries/{id}/confirmation-without-code/approval", officer)
                .roles("POST /api/v1/deliveries/{id}/override", officer)
                .body("POST /api/v1/deliveries/{id}/override", review)
                .roles("POST /api/v1/deliveries/{id}/duplicate-confirmation", officer)
                .body("POST /api/v1/deliveries/{id}/duplicate-confirmation", review)
                .roles("PUT /api/v1/households/{id}", officer)
                .body("PUT /api/v1/households/{id}", "{\"citizenId\":\"008090012345\",\"members\":7}")
                .notAreaBound("GET /api/v1/donors", "donors give across provinces: anyone with an area sees them all")
                .notAreaBound("POST /api/v1/donors", "a donor is national, registered by any officer with an area")
                .roles("GET /api/v1/consignments", watchers)
                // Announcing to another province's programme answers 400 "no such programme", as for a programme
                // that does not exist (ReliefScopeTest pins it), not 403/404: it is checked below, outside the matrix.
                .roles("POST /api/v1/consignments", officer)
                .roles("POST /api/v1/consignments/{id}/arrival", officer)
                .roles("GET /api/v1/alerts/low-stock", watchers)
                .query("GET /api/v1/alerts/low-stock", "provinceCode=" + PROVINCE)
                .roles("GET /api/v1/plans/allocation", watchers)
                .query("GET /api/v1/plans/allocation", "provinceCode=" + PROVINCE)
                .roles("GET /api/v1/warehouses", watchers)
                .query("GET /api/v1/warehouses", "provinceCode=" + PROVINCE)
                .roles("POST /api/v1/warehouses", officer)
                .body("POST /api/v1/warehouses", "{\"code\":\"TQ-KHO-NEW\",\"name\":\"Kho phường Minh Xuân\","
                        + "\"provinceCode\":\"08\",\"districtCode\":\"070\",\"wardCode\":\"02215\"}")
                .roles("GET /api/v1/runs", officer)
                .notAreaBound("GET /api/v1/public/deliveries", "open to anyone by design (công khai), rate limited")
                .notAreaBound("GET /api/v1/public/totals", "open to anyone by design (công khai), rate limited")
                .violations();
        assertThat(violations).isEmpty();

        // A consignment for Tuyên Quang's programme, announced from another province, is refused exactly as one for
        // a programme that does not exist: the answer does not even tell that it exists.
        List<Object> refused = given().auth().oauth2(OUTSIDER).contentType(ContentType.JSON).body(consignment)
                .post("/api/v1/consignments").then().statusCode(400).body("errors.field", hasItem("programmeCode"))
                .extract().path("errors");
        consignment.put("programmeCode", "TQ-NO-SUCH-PROGRAMME");
        List<Object> unknown = given().auth().oauth2(OUTSIDER).contentType(ContentType.JSON).body(consignment)
                .post("/api/v1/consignments").then().statusCode(400).extract().path("errors");
        assertThat(refused).isEqualTo(unknown);

        // Nothing moved: the delivery is as scheduled, the stock and the consignment as they were, nothing was opened.
        given().auth().oauth2(ADMIN).queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].id", equalTo(deliveryId))
                .body("[0].status", equalTo("SCHEDULED")).body("[0].reviewDecision", nullValue())
                .body("[0].withoutCode", nullValue()).body("[0].deliveredAt", nullValue())
                .body("[0].recipientCodeResends", equalTo(0));
        given().auth().oauth2(ADMIN).queryParam("provinceCode", PROVINCE).get("/api/v1/programmes").then()
                .statusCode(200).body("find { it.code == '" + PROGRAMME + "' }.stock", equalTo(4))
                .body("code", not(hasItem("TQ-AREA-CASH")));
        given().auth().oauth2(ADMIN).queryParam("provinceCode", PROVINCE).get("/api/v1/warehouses").then()
                .statusCode(200).body("code", not(hasItem("TQ-KHO-NEW")))
                .body("find { it.code == '" + WAREHOUSE + "' }.stock.size()", equalTo(0))
                .body("find { it.code == 'PROVINCE-" + PROVINCE + "' }.stock[0].stock", equalTo(4));
        given().auth().oauth2(ADMIN).queryParam("programmeCode", PROGRAMME).get("/api/v1/consignments").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].id", equalTo(consignmentId))
                .body("[0].status", equalTo("EXPECTED"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/households/{id}", householdId).then().statusCode(200)
                .body("members", equalTo(3)).body("citizenIdRecorded", equalTo(false));
    }

    /** Creates as an admin; the new thing's id, when its answer has one. */
    private static String asAdmin(Map<String, Object> body, String path) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post(path).then()
                .statusCode(201).extract().path("id");
    }
}

package vn.hotline1022.relief;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * Scope fails closed: an officer acts and reads only in the provinces and districts of their token, lists included;
 * without a province claim, nowhere. Cao Bằng (04: districts 040 and 042) and Bắc Kạn (06) are this test's own.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class ReliefScopeTest {

    private static final String CAO_BANG = "04";
    private static final String BAC_KAN = "06";
    private static final String ADMIN = TestTokens.user("admin1", Roles.ADMIN).sign();
    /** Cao Bằng, district 040 only. */
    private static final String DISTRICT_040 = ReliefFixtures.districtOfficer("relief-cb", CAO_BANG, "040");
    /** The whole of Cao Bằng. */
    private static final String CAO_BANG_OFFICER = TestTokens.user("relief-cb-all", Roles.RELIEF_OFFICER)
            .claim("province_codes", List.of(CAO_BANG)).sign();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private static boolean created;

    @BeforeEach
    void programmes() {
        if (created) {
            return;
        }
        created = true;
        for (String[] p : new String[][] { { "CB-FOOD-01", CAO_BANG }, { "BK-FOOD-01", BAC_KAN } }) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(ReliefFixtures.programme(p[0], p[1], List.of("FOOD"), 1, 10)).post("/api/v1/programmes")
                    .then().statusCode(201);
        }
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", "CB-DONOR", "name", "Hội Chữ thập đỏ Cao Bằng", "kind", "RED_CROSS"))
                .post("/api/v1/donors").then().statusCode(201);
    }

    @Test
    void withoutAProvinceClaimAnOfficerMayDoNothing() {
        String nowhere = TestTokens.user("relief-nowhere", Roles.RELIEF_OFFICER).sign();
        String districtsOnly = TestTokens.user("relief-districts", Roles.RELIEF_OFFICER)
                .claim("district_codes", List.of("040")).sign();
        String agentWithoutArea = TestTokens.user("agent-nowhere", Roles.CALL_AGENT).sign();
        for (String token : List.of(nowhere, districtsOnly)) {
            for (String path : List.of("/api/v1/programmes", "/api/v1/deliveries", "/api/v1/donors",
                    "/api/v1/consignments", "/api/v1/programmes/low-stock", "/api/v1/alerts/low-stock")) {
                given().auth().oauth2(token).get(path).then().statusCode(403).contentType("application/problem+json");
            }
            given().auth().oauth2(token).queryParam("provinceCode", CAO_BANG).get("/api/v1/warehouses").then()
                    .statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(ReliefFixtures.programme("CB-NOWHERE", CAO_BANG, List.of("FOOD"), 1, 1))
                    .post("/api/v1/programmes").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("quantity", 5))
                    .post("/api/v1/programmes/{code}/stock", "CB-FOOD-01").then().statusCode(403);
        }
        given().auth().oauth2(agentWithoutArea).get("/api/v1/deliveries").then().statusCode(403);
        given().auth().oauth2(ADMIN).get("/api/v1/deliveries").then().statusCode(200);
    }

    @Test
    void anOfficerOfSomeDistrictsSeesAndChangesOnlyThose() {
        CallReceived inside = ReliefFixtures.call(CAO_BANG, "040", "01279", "0206 3852 001", Need.FOOD);
        CallReceived otherDistrict = ReliefFixtures.call(CAO_BANG, "042", "01300", "0206 3852 002", Need.FOOD);
        CallReceived otherProvince = ReliefFixtures.call(BAC_KAN, "058", "01843", "0209 3870 003", Need.FOOD);
        companion.produceStrings().fromRecords(CloudEventRecords.of(inside), CloudEventRecords.of(otherDistrict),
                CloudEventRecords.of(otherProvince)).awaitCompletion(Duration.ofSeconds(30));
        for (CallReceived c : List.of(inside, otherDistrict, otherProvince)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(ADMIN)
                    .queryParam("caseId", c.caseId()).get("/api/v1/deliveries").then().extract().path("size()")
                    .equals(1));
        }

        // Lists hold only the officer's district, by case and unfiltered.
        given().auth().oauth2(DISTRICT_040).queryParam("caseId", inside.caseId()).get("/api/v1/deliveries").then()
                .statusCode(200).body("size()", equalTo(1));
        given().auth().oauth2(DISTRICT_040).queryParam("caseId", otherDistrict.caseId()).get("/api/v1/deliveries")
                .then().statusCode(200).body("size()", equalTo(0));
        List<String> seen = given().auth().oauth2(DISTRICT_040).get("/api/v1/deliveries").then().statusCode(200)
                .extract().path("caseCode");
        assertThat(seen).contains(inside.caseCode()).doesNotContain(otherDistrict.caseCode(),
                otherProvince.caseCode());
        List<String> provinceWide = given().auth().oauth2(CAO_BANG_OFFICER).get("/api/v1/deliveries").then()
                .statusCode(200).extract().path("caseCode");
        assertThat(provinceWide).contains(inside.caseCode(), otherDistrict.caseCode())
                .doesNotContain(otherProvince.caseCode());
        List<String> programmes = given().auth().oauth2(DISTRICT_040).get("/api/v1/programmes").then()
                .statusCode(200).extract().path("code");
        assertThat(programmes).contains("CB-FOOD-01").doesNotContain("BK-FOOD-01");

        // No programme in another province, nor a province-wide one from a district officer; a district fund is fine.
        given().auth().oauth2(CAO_BANG_OFFICER).contentType(ContentType.JSON)
                .body(ReliefFixtures.programme("BK-FOOD-02", BAC_KAN, List.of("FOOD"), 1, 1))
                .post("/api/v1/programmes").then().statusCode(403);
        given().auth().oauth2(DISTRICT_040).contentType(ContentType.JSON)
                .body(ReliefFixtures.programme("CB-FOOD-02", CAO_BANG, List.of("FOOD"), 1, 1))
                .post("/api/v1/programmes").then().statusCode(403);
        Map<String, Object> fund = new HashMap<>(ReliefFixtures.programme("CB-040-FUND", CAO_BANG,
                List.of("CASH_SUPPORT"), 1, 1));
        fund.put("eligibility", Map.of("districtCodes", List.of("040")));
        given().auth().oauth2(DISTRICT_040).contentType(ContentType.JSON).body(fund).post("/api/v1/programmes")
                .then().statusCode(201);

        // Stock and consignments only where the officer works.
        given().auth().oauth2(CAO_BANG_OFFICER).contentType(ContentType.JSON).body(Map.of("quantity", 5))
                .post("/api/v1/programmes/{code}/stock", "BK-FOOD-01").then().statusCode(404);
        given().auth().oauth2(DISTRICT_040).contentType(ContentType.JSON).body(Map.of("quantity", 5))
                .post("/api/v1/programmes/{code}/stock", "CB-FOOD-01").then().statusCode(403);
        Map<String, Object> consignment = Map.of("donorCode", "CB-DONOR", "programmeCode", "BK-FOOD-01",
                "quantity", 5, "expectedAt", Instant.now().plusSeconds(3600).toString());
        given().auth().oauth2(CAO_BANG_OFFICER).contentType(ContentType.JSON).body(consignment)
                .post("/api/v1/consignments").then().statusCode(400);
        String bacKanConsignment = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(consignment)
                .post("/api/v1/consignments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(CAO_BANG_OFFICER).post("/api/v1/consignments/{id}/arrival", bacKanConsignment).then()
                .statusCode(404);
        List<String> consignments = given().auth().oauth2(CAO_BANG_OFFICER).get("/api/v1/consignments").then()
                .statusCode(200).extract().path("id");
        assertThat(consignments).doesNotContain(bacKanConsignment);
        given().auth().oauth2(ADMIN).get("/api/v1/programmes").then().statusCode(200);
        given().auth().oauth2(ADMIN).queryParam("caseId", otherProvince.caseId()).get("/api/v1/deliveries").then()
                .body("[0].status", equalTo("SCHEDULED"));
    }

    @Test
    void aFamilyKnownInAnotherAreaIsToldButNotNamed() {
        UUID here = household(callFor(CAO_BANG, "040", "01270", "0913 040 270"));
        UUID elsewhere = household(callFor(BAC_KAN, "058", "01834", "0913 058 834"));
        String bacKanOfficer = TestTokens.user("relief-bk", Roles.RELIEF_OFFICER)
                .claim("province_codes", List.of(BAC_KAN)).sign();
        given().auth().oauth2(bacKanOfficer).contentType(ContentType.JSON).body(Map.of("citizenId", "001090012345"))
                .put("/api/v1/households/{id}", elsewhere).then().statusCode(200);
        // The same citizen ID recorded in Cao Bằng: a duplicate is told, Bắc Kạn's household is not named.
        String answer = given().auth().oauth2(CAO_BANG_OFFICER).contentType(ContentType.JSON)
                .body(Map.of("citizenId", "001090012345")).put("/api/v1/households/{id}", here).then()
                .statusCode(200).body("possibleDuplicates.size()", equalTo(1))
                .body("possibleDuplicates[0].matchedBy", equalTo("CITIZEN_ID")).extract().asString();
        assertThat(answer).doesNotContain(elsewhere.toString());
        // An admin, whose area holds both, is told which.
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("citizenId", "001090012345"))
                .put("/api/v1/households/{id}", here).then().statusCode(200)
                .body("possibleDuplicates[0].householdId", equalTo(elsewhere.toString()));
    }

    private static CallReceived callFor(String province, String district, String ward, String phone) {
        return ReliefFixtures.call(province, district, ward, phone, Need.FOOD);
    }

    private UUID household(CallReceived call) {
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(Duration.ofSeconds(30));
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(ADMIN)
                .queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                .extract().<String> path("[0].householdId"), found -> found != null);
        return UUID.fromString(id);
    }
}

package vn.hotline1022.relief.warehouses;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static vn.hotline1022.relief.ReliefFixtures.call;
import static vn.hotline1022.relief.ReliefFixtures.post;
import static vn.hotline1022.relief.ReliefFixtures.programme;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.relief.deliveries.Allocator;
import vn.hotline1022.relief.ReliefFixtures;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * Stock per warehouse (kho) against the real database: packages leave from the warehouse nearest the household, the
 * programme's stock is always the sum of its warehouses', and no warehouse is overdrawn under concurrent allocation.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class WarehouseStockTest {

    /** Tiền Giang: Mỹ Tho (815) with wards 28249 and 28252, Gò Công (816) with ward 28360. */
    private static final String TIEN_GIANG = "82";
    private static final String MY_THO = "815";
    private static final String GO_CONG = "816";

    @Inject
    Allocator allocator;

    @BeforeAll
    static void signIn() {
        ReliefFixtures.signInAsOfficer();
    }

    @Test
    void packagesLeaveFromTheNearestWarehouseThatHasOne() {
        Map<String, Object> food = programme("TG-FOOD-01", TIEN_GIANG, List.of("FOOD"), 1, 0);
        food.put("lowStockThreshold", 5); // listed as low throughout, with its stock per warehouse
        post("/api/v1/programmes", food, 201);
        post("/api/v1/warehouses", warehouse("KHO-TG-28249", MY_THO, "28249"), 201);
        post("/api/v1/warehouses", warehouse("KHO-TG-815", MY_THO, null), 201);
        post("/api/v1/warehouses", warehouse("KHO-TG-28360", GO_CONG, "28360"), 201);
        addStock("TG-FOOD-01", "KHO-TG-28249", 2);
        addStock("TG-FOOD-01", "KHO-TG-815", 1);
        addStock("TG-FOOD-01", Warehouse.provincialCode(TIEN_GIANG), 1);
        addStock("TG-FOOD-01", "KHO-TG-28360", 1);
        assertThat(programmeStock("TG-FOOD-01")).isEqualTo(5);

        // The household's own ward, then its district's warehouse, then another ward's of the district, the
        // province's, and last another district's.
        assertThat(scheduledFrom(call(TIEN_GIANG, MY_THO, "28249", "0273 3870 001", Need.FOOD)))
                .isEqualTo("KHO-TG-28249");
        assertThat(scheduledFrom(call(TIEN_GIANG, MY_THO, "28249", "0273 3870 002", Need.FOOD)))
                .isEqualTo("KHO-TG-28249");
        assertThat(scheduledFrom(call(TIEN_GIANG, MY_THO, "28249", "0273 3870 003", Need.FOOD)))
                .isEqualTo("KHO-TG-815");
        addStock("TG-FOOD-01", "KHO-TG-28249", 1);
        assertThat(scheduledFrom(call(TIEN_GIANG, MY_THO, "28252", "0273 3870 004", Need.FOOD)))
                .isEqualTo("KHO-TG-28249");
        assertThat(scheduledFrom(call(TIEN_GIANG, MY_THO, "28252", "0273 3870 005", Need.FOOD)))
                .isEqualTo(Warehouse.provincialCode(TIEN_GIANG));
        assertThat(scheduledFrom(call(TIEN_GIANG, MY_THO, "28252", "0273 3870 006", Need.FOOD)))
                .isEqualTo("KHO-TG-28360");
        assertThat(programmeStock("TG-FOOD-01")).isZero();

        // Nothing left anywhere: the request waits, and a consignment to Gò Công's warehouse serves it from there.
        CallReceived waiting = call(TIEN_GIANG, MY_THO, "28249", "0273 3870 007", Need.FOOD);
        allocate(waiting);
        given().queryParam("caseId", waiting.caseId()).get("/api/v1/deliveries").then()
                .body("[0].status", equalTo("WAITING")).body("[0].warehouseCode", nullValue());
        post("/api/v1/donors", Map.of("code", "VRC-TG", "name", "Hội Chữ thập đỏ Tiền Giang", "kind", "RED_CROSS"),
                201);
        String consignment = given().contentType(ContentType.JSON)
                .body(Map.of("donorCode", "VRC-TG", "programmeCode", "TG-FOOD-01", "quantity", 3,
                        "expectedAt", Instant.now().plus(Duration.ofHours(6)).toString(),
                        "warehouseCode", "KHO-TG-28360"))
                .post("/api/v1/consignments").then().statusCode(201).extract().path("id");
        given().queryParam("provinceCode", TIEN_GIANG).get("/api/v1/plans/allocation").then().statusCode(200)
                .body("programmes[0].warehouses.find { it.code == 'KHO-TG-28360' }.expected", equalTo(3))
                .body("programmes[0].wards.find { it.wardCode == '28360' }.expectedToWard", equalTo(3))
                .body("programmes[0].shortfall", equalTo(0));
        given().post("/api/v1/consignments/{id}/arrival", consignment).then().statusCode(200)
                .body("programmeStock", equalTo(2));
        given().queryParam("caseId", waiting.caseId()).get("/api/v1/deliveries").then()
                .body("[0].status", equalTo("SCHEDULED")).body("[0].warehouseCode", equalTo("KHO-TG-28360"));

        JsonPath warehouses = given().queryParam("provinceCode", TIEN_GIANG).get("/api/v1/warehouses").then()
                .statusCode(200).extract().jsonPath();
        assertThat(warehouses.getList("code", String.class)).containsSubsequence("KHO-TG-28249", "KHO-TG-28360",
                "KHO-TG-815", "PROVINCE-82"); // by code
        assertThat(warehouses.getInt(
                "find { it.code == 'KHO-TG-28360' }.stock.find { it.programmeCode == 'TG-FOOD-01' }.stock"))
                .isEqualTo(2);
        assertThat(warehouses.getInt(
                "find { it.code == 'KHO-TG-28249' }.stock.find { it.programmeCode == 'TG-FOOD-01' }.stock")).isZero();
        assertThat(warehouses.getString("find { it.code == 'KHO-TG-815' }.wardCode")).isNull();
        given().queryParam("provinceCode", TIEN_GIANG).get("/api/v1/programmes/low-stock").then().statusCode(200)
                .body("find { it.code == 'TG-FOOD-01' }.warehouses.find { it.warehouseCode == 'KHO-TG-28360' }.stock",
                        equalTo(2));
    }

    @Test
    void warehousesAndStockArrivalsAreValidated() {
        post("/api/v1/programmes", programme("TG-RENT-01", TIEN_GIANG, List.of("RENT_SUPPORT"), 1, 0), 201);
        given().contentType(ContentType.JSON).body(Map.of("code", "x", "name", "", "provinceCode", "8",
                "wardCode", "2836")).post("/api/v1/warehouses").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("code")).body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("provinceCode")).body("errors.field", hasItem("districtCode"))
                .body("errors.field", hasItem("wardCode"));
        post("/api/v1/warehouses", warehouse("KHO-TG-VALID", GO_CONG, null), 201);
        post("/api/v1/warehouses", warehouse("KHO-TG-VALID", GO_CONG, null), 409);
        // An officer of Mỹ Tho opens warehouses only in Mỹ Tho.
        String myThoOfficer = ReliefFixtures.districtOfficer("relief-mt", TIEN_GIANG, MY_THO);
        given().auth().oauth2(myThoOfficer).contentType(ContentType.JSON).body(warehouse("KHO-TG-GC", GO_CONG, null))
                .post("/api/v1/warehouses").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(myThoOfficer).contentType(ContentType.JSON).body(warehouse("KHO-TG-MT", MY_THO, null))
                .post("/api/v1/warehouses").then().statusCode(201);

        Map<String, Object> kienGiang = new java.util.HashMap<>(warehouse("KHO-KG-01", "899", null));
        kienGiang.put("provinceCode", "91");
        post("/api/v1/warehouses", kienGiang, 201);
        given().contentType(ContentType.JSON).body(Map.of("quantity", 5, "warehouseCode", "KHO-KG-01"))
                .post("/api/v1/programmes/{code}/stock", "TG-RENT-01").then().statusCode(400)
                .body("errors.field", hasItem("warehouseCode"));
        given().contentType(ContentType.JSON).body(Map.of("quantity", 5, "warehouseCode", "NO-SUCH"))
                .post("/api/v1/programmes/{code}/stock", "TG-RENT-01").then().statusCode(400)
                .body("errors.field", hasItem("warehouseCode"));
        given().queryParam("provinceCode", "8").get("/api/v1/warehouses").then().statusCode(400);
        assertThat(programmeStock("TG-RENT-01")).isZero();
    }

    /** Six instances' worth of allocations at once against three warehouses of one package each. */
    @Test
    void concurrentAllocationsNeverOverdrawAWarehouse() throws Exception {
        String hauGiang = "93";
        post("/api/v1/programmes", programme("HG-OXY-01", hauGiang, List.of("OXYGEN_SUPPORT"), 1, 1), 201);
        post("/api/v1/warehouses", warehouse("KHO-HG-930", "930", null, hauGiang), 201);
        post("/api/v1/warehouses", warehouse("KHO-HG-931", "931", null, hauGiang), 201);
        addStock("HG-OXY-01", "KHO-HG-930", 1);
        addStock("HG-OXY-01", "KHO-HG-931", 1);
        List<CallReceived> calls = IntStream.range(0, 6)
                .mapToObj(i -> call(hauGiang, i % 2 == 0 ? "930" : "931", i % 2 == 0 ? "31321" : "31340",
                        "0293 3870 10" + i, Need.OXYGEN_SUPPORT))
                .toList();
        ReliefFixtures.allAtOnce(calls.stream().<Runnable> map(c -> () -> allocate(c)).toList());
        List<String> from = new ArrayList<>();
        for (CallReceived c : calls) {
            JsonPath d = given().queryParam("caseId", c.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                    .extract().jsonPath();
            if ("SCHEDULED".equals(d.getString("[0].status"))) {
                from.add(d.getString("[0].warehouseCode"));
            } else {
                assertThat(d.getString("[0].status")).isEqualTo("WAITING");
            }
        }
        assertThat(from).containsExactlyInAnyOrder("KHO-HG-930", "KHO-HG-931", "PROVINCE-93");
        assertThat(programmeStock("HG-OXY-01")).isZero();
        given().queryParam("provinceCode", hauGiang).get("/api/v1/warehouses").then().statusCode(200)
                .body("stock.flatten().stock", equalTo(List.of(0, 0, 0)));
    }

    private void allocate(CallReceived call) {
        QuarkusTransaction.requiringNew().run(() -> allocator.onCallReceived(call));
    }

    /** Decides the call and answers the warehouse its package leaves from. */
    private String scheduledFrom(CallReceived call) {
        allocate(call);
        return given().queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                .body("[0].status", equalTo("SCHEDULED")).extract().path("[0].warehouseCode");
    }

    private static void addStock(String programmeCode, String warehouseCode, int quantity) {
        given().contentType(ContentType.JSON).body(Map.of("quantity", quantity, "warehouseCode", warehouseCode))
                .post("/api/v1/programmes/{code}/stock", programmeCode).then().statusCode(200);
    }

    private static int programmeStock(String code) {
        return given().get("/api/v1/programmes").then().statusCode(200).extract().jsonPath()
                .getInt("find { it.code == '" + code + "' }.stock");
    }

    private static Map<String, Object> warehouse(String code, String district, String ward) {
        return warehouse(code, district, ward, TIEN_GIANG);
    }

    private static Map<String, Object> warehouse(String code, String district, String ward, String province) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "name", "Kho " + code,
                "provinceCode", province, "districtCode", district));
        if (ward != null) {
            body.put("wardCode", ward);
        }
        return body;
    }
}

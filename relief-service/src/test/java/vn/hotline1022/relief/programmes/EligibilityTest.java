package vn.hotline1022.relief.programmes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static vn.hotline1022.relief.ReliefFixtures.call;
import static vn.hotline1022.relief.ReliefFixtures.post;
import static vn.hotline1022.relief.ReliefFixtures.programme;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.Vulnerability;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.relief.deliveries.Allocator;
import vn.hotline1022.relief.ReliefFixtures;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;

/**
 * Programmes' eligibility rules (điều kiện hưởng) against the real database: a household is served by the first
 * covering programme whose rules it meets, and refused as INELIGIBLE with every programme's unmet rule otherwise.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class EligibilityTest {

    /** Bạc Liêu: districts 954 (ward 31825) and 955 (ward 31900). */
    private static final String BAC_LIEU = "95";

    @Inject
    Allocator allocator;

    @BeforeAll
    static void signIn() {
        ReliefFixtures.signInAsOfficer();
    }

    @Test
    void householdsAreServedByAProgrammeWhoseRulesTheyMeet() {
        Map<String, Object> vulnerable = programme("BL-CASH-VUL", BAC_LIEU, List.of("CASH_SUPPORT"), 1, 10);
        vulnerable.put("amountVnd", 1_000_000);
        vulnerable.put("eligibility", Map.of("anyVulnerability", List.of("ELDERLY", "DISABILITY")));
        given().contentType(ContentType.JSON).body(vulnerable).post("/api/v1/programmes").then().statusCode(201)
                .body("eligibility.anyVulnerability", equalTo(List.of("ELDERLY", "DISABILITY")))
                .body("eligibility.minMembers", equalTo(null));
        Map<String, Object> districtFund = programme("BL-CASH-954", BAC_LIEU, List.of("CASH_SUPPORT"), 1, 10);
        districtFund.put("amountVnd", 500_000);
        districtFund.put("eligibility", Map.of("districtCodes", List.of("954"), "minMembers", 3));
        post("/api/v1/programmes", districtFund, 201);

        // The vulnerable-only programme is older, but this family has no one at higher risk: the district's fund.
        assertThat(decide(call(BAC_LIEU, "954", "31825", "0291 3820 001", 4, Set.of(), Need.CASH_SUPPORT))
                .getString("[0].programmeCode")).isEqualTo("BL-CASH-954");
        assertThat(decide(call(BAC_LIEU, "955", "31900", "0291 3820 002", 2, Set.of(Vulnerability.ELDERLY),
                Need.CASH_SUPPORT)).getString("[0].programmeCode")).isEqualTo("BL-CASH-VUL");

        JsonPath neither = decide(call(BAC_LIEU, "955", "31900", "0291 3820 003", 5, Set.of(), Need.CASH_SUPPORT));
        assertThat(neither.getString("[0].status")).isEqualTo("REFUSED");
        assertThat(neither.getString("[0].reason")).isEqualTo("INELIGIBLE");
        assertThat(neither.getString("[0].programmeCode")).isNull();
        assertThat(neither.getString("[0].detail")).contains("CASH_SUPPORT: not eligible",
                "BL-CASH-VUL is only for households with ELDERLY or DISABILITY",
                "BL-CASH-954 is only for districts 954");
        JsonPath tooSmall = decide(call(BAC_LIEU, "954", "31825", "0291 3820 004", 2, Set.of(), Need.CASH_SUPPORT));
        assertThat(tooSmall.getString("[0].reason")).isEqualTo("INELIGIBLE");
        assertThat(tooSmall.getString("[0].detail")).contains("BL-CASH-954 is only for households of at least 3 members");

        // A household's vulnerability is remembered: its second call need not repeat it.
        decide(call(BAC_LIEU, "955", "31900", "0291 3820 005", 3, Set.of(Vulnerability.DISABILITY), Need.FOOD));
        assertThat(decide(call(BAC_LIEU, "955", "31900", "0291 3820 005", 3, Set.of(), Need.CASH_SUPPORT))
                .getString("[0].programmeCode")).isEqualTo("BL-CASH-VUL");
    }

    @Test
    void badRulesAreRefusedWithFieldErrors() {
        Map<String, Object> bad = programme("BL-BAD-01", BAC_LIEU, List.of("FOOD"), 1, 1);
        bad.put("eligibility", Map.of("districtCodes", List.of("95"), "minMembers", 0));
        given().contentType(ContentType.JSON).body(bad).post("/api/v1/programmes").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("eligibility.districtCodes[0]"))
                .body("errors.field", hasItem("eligibility.minMembers"));
        bad.put("eligibility", Map.of("anyVulnerability", List.of("RICH")));
        given().contentType(ContentType.JSON).body(bad).post("/api/v1/programmes").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("provinceCode", BAC_LIEU).get("/api/v1/programmes").then().statusCode(200)
                .body("code", org.hamcrest.Matchers.not(hasItem("BL-BAD-01")));
    }

    private JsonPath decide(CallReceived call) {
        QuarkusTransaction.requiringNew().run(() -> allocator.onCallReceived(call));
        return given().queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                .extract().jsonPath();
    }
}

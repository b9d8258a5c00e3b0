package vn.hotline1022.relief;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.web.PublicRateLimit;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.AccessMatrix;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class ReliefAccessTest {

    @Inject
    PublicRateLimit rateLimit;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void everyEndpointHasItsRule() {
        assertThat(AccessMatrix.forService()
                .allow("GET /api/v1/programmes", "call-agent", "relief-officer", "ops", "admin")
                .allow("POST /api/v1/programmes", "relief-officer", "admin")
                .allow("POST /api/v1/programmes/{code}/stock", "relief-officer", "admin")
                .allow("GET /api/v1/deliveries", "call-agent", "relief-officer", "ops", "admin")
                .allow("POST /api/v1/deliveries/{id}/confirmation", "relief-officer", "admin")
                .allow("POST /api/v1/deliveries/{id}/recipient-code/resend", "relief-officer", "admin")
                .allow("POST /api/v1/deliveries/{id}/confirmation-without-code", "relief-officer", "admin")
                .allow("POST /api/v1/deliveries/{id}/confirmation-without-code/approval", "relief-officer", "admin")
                .allow("POST /api/v1/deliveries/{id}/override", "relief-officer", "admin")
                .allow("POST /api/v1/deliveries/{id}/duplicate-confirmation", "relief-officer", "admin")
                .allow("PUT /api/v1/households/{id}", "relief-officer", "admin")
                .allow("GET /api/v1/programmes/low-stock", "relief-officer", "ops", "admin")
                .allow("GET /api/v1/donors", "relief-officer", "ops", "admin")
                .allow("POST /api/v1/donors", "relief-officer", "admin")
                .allow("GET /api/v1/consignments", "relief-officer", "ops", "admin")
                .allow("POST /api/v1/consignments", "relief-officer", "admin")
                .allow("POST /api/v1/consignments/{id}/arrival", "relief-officer", "admin")
                .allow("GET /api/v1/alerts/low-stock", "relief-officer", "ops", "admin")
                .allow("GET /api/v1/plans/allocation", "relief-officer", "ops", "admin")
                .allow("GET /api/v1/warehouses", "relief-officer", "ops", "admin")
                .allow("POST /api/v1/warehouses", "relief-officer", "admin")
                .allow("GET /api/v1/runs", "relief-officer", "admin")
                .open("GET /api/v1/public/deliveries")
                .open("GET /api/v1/public/totals")
                .withClaim("province_codes", List.of("74"))
                .violations()).isEmpty();
        assertThat(AccessMatrix.badTokenViolations("GET /api/v1/programmes", "relief-officer",
                Map.of("province_codes", List.of("74")))).isEmpty();
    }

    @Test
    void thePublicListIsOpenButRateLimited() {
        rateLimit.forgetAll();
        try {
            given().auth().none().queryParam("wardCode", "25966").get("/api/v1/public/deliveries").then()
                    .statusCode(200);
            int tooMany = -1;
            for (int i = 2; i <= 41 && tooMany < 0; i++) { // the test budget is 40 a minute
                int status = given().auth().none().queryParam("wardCode", "25966").get("/api/v1/public/deliveries")
                        .statusCode();
                if (status == 429) {
                    tooMany = i;
                }
            }
            assertThat(tooMany).isEqualTo(41);
            given().auth().none().queryParam("wardCode", "25966").get("/api/v1/public/deliveries").then()
                    .statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
        } finally {
            rateLimit.forgetAll();
        }
    }

    @Test
    void anOfficerLimitedToSomeDistrictsCannotConfirmElsewhere() {
        String elsewhere = ReliefFixtures.districtOfficer("relief-hn2", "01", "002");
        // A delivery in Hà Nội (a province no other test uses), scheduled by a real call.
        String admin = TestTokens.user("admin1", "admin").sign();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", "ACCESS-FOOD", "name", "Test food", "provinceCode", "01", "needs", List.of("FOOD"),
                        "items", List.of(Map.of("itemType", "RICE", "quantity", 5, "unit", "kg")),
                        "perHouseholdCap", 1, "stock", 5))
                .post("/api/v1/programmes").then().statusCode(201);
        CallReceived sample = SampleEvents.callReceived("001", "00001", Need.FOOD);
        CallReceived call = new CallReceived(sample.caseId(), "HN-20211001-0001", sample.occurredAt(),
                sample.callId(), sample.channel(), new Caller("Lò Văn Páo", "0913000111"),
                new Location("01", "001", "00001", null, null, null), sample.needs(), 3, Set.of(), 45, null, "agent-1");
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(Duration.ofSeconds(30));
        String deliveryId = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(admin)
                .queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                .extract().<String> path("find { it.status == 'SCHEDULED' }.id"), id -> id != null);

        given().auth().oauth2(elsewhere).post("/api/v1/deliveries/{id}/recipient-code/resend", deliveryId).then()
                .statusCode(404);
        String here = ReliefFixtures.districtOfficer("relief-hn", "01", "001");
        String code = vn.hotline1022.commons.proof.RecipientCode.derive(org.eclipse.microprofile.config
                .ConfigProvider.getConfig().getValue("hotline.recipient-code-secret", String.class),
                UUID.fromString(deliveryId));
        var confirmation = Map.of("deliveredBy", "Hội Chữ thập đỏ", "recipientCode", code);
        given().auth().oauth2(elsewhere).contentType(ContentType.JSON).body(confirmation)
                .post("/api/v1/deliveries/{id}/confirmation", deliveryId).then().statusCode(404);
        given().auth().oauth2(here).contentType(ContentType.JSON).body(confirmation)
                .post("/api/v1/deliveries/{id}/confirmation", deliveryId).then().statusCode(200)
                .body("status", equalTo("DELIVERED"));
    }
}

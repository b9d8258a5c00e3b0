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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.relief.deliveries.Delivery;
import vn.hotline1022.relief.programmes.Programme;
import vn.hotline1022.relief.runs.DeliveryAddresses;
import vn.hotline1022.testkit.CapturedLog;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * Run sheets (GET /runs) and relief's only clear copy of a household's address and phone (Decree 13/2023): shown to
 * relief officers of the household's district only, erased after delivery and its grace period, or after the longest
 * keep when never delivered, and never logged. Province 78, used by no other relief test.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class RunSheetTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PROVINCE = "78";
    private static final String DISTRICT = "781";
    private static final String WARD = "78101";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    DeliveryAddresses addresses;

    private static boolean programmeCreated;

    private final String officer = ReliefFixtures.districtOfficer("relief-781", PROVINCE, DISTRICT);
    private final String otherDistrict = ReliefFixtures.districtOfficer("relief-782", PROVINCE, "782");
    private final String noArea = TestTokens.user("relief-nowhere", Roles.RELIEF_OFFICER).sign();
    private final String agent = TestTokens.user("agent-78", Roles.CALL_AGENT)
            .claim("province_codes", List.of(PROVINCE)).sign();

    @BeforeEach
    void programme() {
        ReliefFixtures.signInAsOfficer();
        if (!programmeCreated) {
            programmeCreated = true;
            given().contentType(ContentType.JSON)
                    .body(ReliefFixtures.programme("RUN78-FOOD", PROVINCE, List.of("FOOD"), 5, 50))
                    .post("/api/v1/programmes").then().statusCode(201);
        }
    }

    @Test
    void theOfficerOfTheDistrictSeesTheAddressUntilTheGraceAfterDeliveryAndNothingOfItIsLogged() {
        String address = "Số 17 hẻm 42, khu phố 4, " + UUID.randomUUID().toString().substring(0, 6);
        String phone = "0978" + (100000 + (int) (Math.random() * 899999));
        try (CapturedLog log = CapturedLog.of("")) {
            CallReceived call = ReliefFixtures.call(PROVINCE, DISTRICT, WARD, phone, address, Need.FOOD);
            UUID deliveryId = scheduled(call);

            // The district's officer: under its ward, with the address, phone, name, household size and items.
            String stop = "wards.find { it.wardCode == '" + WARD + "' }.deliveries.find { it.deliveryId == '"
                    + deliveryId + "' }";
            given().auth().oauth2(officer).queryParam("districtCode", DISTRICT).get("/api/v1/runs").then()
                    .statusCode(200)
                    .body(stop + ".addressText", equalTo(address))
                    .body(stop + ".phone", equalTo(phone))
                    .body(stop + ".recipientName", equalTo("Trần Thị Bình"))
                    .body(stop + ".householdSize", equalTo(3))
                    .body(stop + ".caseCode", equalTo(call.caseCode()))
                    .body(stop + ".programmeCode", equalTo("RUN78-FOOD"))
                    .body(stop + ".items[0].itemType", equalTo("RICE"))
                    .body(stop + ".addressErased", equalTo(false));
            // The ward filter and the day of the round (promised in 2 days: not on today's sheet, on the one 3 days on).
            LocalDate today = LocalDate.now(Programme.VIETNAM);
            given().auth().oauth2(officer).queryParam("wardCode", WARD).queryParam("date", today.plusDays(3).toString())
                    .get("/api/v1/runs").then().statusCode(200)
                    .body("wards.deliveries.flatten().deliveryId", hasItem(deliveryId.toString()));
            given().auth().oauth2(officer).queryParam("wardCode", WARD).queryParam("date", today.toString())
                    .get("/api/v1/runs").then().statusCode(200)
                    .body("wards.deliveries.flatten().deliveryId", not(hasItem(deliveryId.toString())));

            // Another district's officer sees nothing of it, even asking for the district; no area, no role: 403.
            for (String query : List.of("", "?districtCode=" + DISTRICT, "?wardCode=" + WARD)) {
                String body = given().auth().oauth2(otherDistrict).get("/api/v1/runs" + query).then().statusCode(200)
                        .extract().asString();
                assertThat(body).doesNotContain(deliveryId.toString()).doesNotContain(address).doesNotContain(phone);
            }
            given().auth().oauth2(noArea).get("/api/v1/runs").then().statusCode(403)
                    .contentType("application/problem+json");
            given().auth().oauth2(agent).get("/api/v1/runs").then().statusCode(403);

            // Delivered with the household's code; within the grace the address stays, after it it is gone.
            given().auth().oauth2(officer).contentType(ContentType.JSON)
                    .body(Map.of("deliveredBy", "MTTQ phường", "recipientCode",
                            RecipientCode.derive(secret(), deliveryId)))
                    .post("/api/v1/deliveries/{id}/confirmation", deliveryId).then().statusCode(200)
                    .body("status", equalTo("DELIVERED"));
            addresses.eraseDue(Instant.now().plus(Duration.ofMinutes(100)));
            assertThat(stored(call.caseId())).containsExactly(address, phone, "Trần Thị Bình", null);
            assertThat(addresses.eraseDue(Instant.now().plus(Duration.ofHours(2)).plusSeconds(60))).isPositive();
            Object[] erased = stored(call.caseId());
            assertThat(Arrays.copyOf(erased, 3)).containsOnlyNulls();
            assertThat(erased[3]).isNotNull();
            String after = given().auth().oauth2(officer).get("/api/v1/runs").then().statusCode(200).extract()
                    .asString();
            assertThat(after).doesNotContain(deliveryId.toString()).doesNotContain(address).doesNotContain(phone);

            assertThat(log.all()).contains(call.caseCode()) // the log was captured...
                    .doesNotContain(address).doesNotContain(phone).doesNotContain("Trần Thị Bình"); // ...without them
        }
    }

    @Test
    void neverDeliveredTheAddressIsErasedAfterTheLongestKeepAndTheSheetSaysSo() {
        String address = "Số 3 đường Ba Tháng Hai, " + UUID.randomUUID().toString().substring(0, 6);
        String phone = "0978" + (100000 + (int) (Math.random() * 899999));
        CallReceived call = ReliefFixtures.call(PROVINCE, DISTRICT, WARD, phone, address, Need.FOOD);
        UUID deliveryId = scheduled(call);
        String stop = "wards.find { it.wardCode == '" + WARD + "' }.deliveries.find { it.deliveryId == '" + deliveryId
                + "' }";

        // Still on its way: no grace applies, however late; kept until 14 days after the call.
        addresses.eraseDue(Instant.now().plus(Duration.ofDays(13)));
        assertThat(stored(call.caseId())[0]).isEqualTo(address);
        assertThat(addresses.eraseDue(call.occurredAt().plus(Duration.ofDays(14)).plusSeconds(60))).isPositive();
        assertThat(Arrays.copyOf(stored(call.caseId()), 3)).containsOnlyNulls();
        given().auth().oauth2(officer).queryParam("wardCode", WARD).get("/api/v1/runs").then().statusCode(200)
                .body(stop + ".addressErased", equalTo(true))
                .body(stop + ".addressText", nullValue())
                .body(stop + ".phone", nullValue())
                .body(stop + ".recipientName", nullValue())
                .body(stop + ".caseCode", equalTo(call.caseCode()));
    }

    @Test
    void aSheetComesAPageAtATimeEachReadIsRecordedAndOnlyTheOfficerWhoDialsSeesThePhone() {
        String ward = "78199";
        String[] phones = new String[3];
        for (int i = 0; i < 3; i++) {
            phones[i] = "0979" + (100000 + (int) (Math.random() * 899999));
            scheduled(ReliefFixtures.call(PROVINCE, DISTRICT, ward, phones[i], "Số " + (i + 1) + " hẻm 9", Need.FOOD));
        }
        long before = reads("relief-781");
        var first = given().auth().oauth2(officer).queryParam("wardCode", ward).queryParam("size", 2)
                .get("/api/v1/runs").then().statusCode(200).body("page", equalTo(0)).body("stops", equalTo(2))
                .body("truncated", equalTo(true)).extract().jsonPath();
        var second = given().auth().oauth2(officer).queryParam("wardCode", ward).queryParam("size", 2)
                .queryParam("page", 1).get("/api/v1/runs").then().statusCode(200).body("stops", equalTo(1))
                .body("truncated", equalTo(false)).extract().jsonPath();
        List<String> seen = new java.util.ArrayList<>(first.getList("wards.deliveries.flatten().phone"));
        seen.addAll(second.getList("wards.deliveries.flatten().phone"));
        assertThat(seen).containsExactlyInAnyOrder(phones);
        assertThat(reads("relief-781")).isEqualTo(before + 2);
        // Past 100 a page is refused, not silently cut.
        given().auth().oauth2(officer).queryParam("size", 101).get("/api/v1/runs").then().statusCode(400);
        // An admin reads the sheet but does not dial: the phone is masked.
        String admin = TestTokens.user("admin78", Roles.ADMIN).sign();
        List<String> masked = given().auth().oauth2(admin).queryParam("wardCode", ward).get("/api/v1/runs").then()
                .statusCode(200).extract().jsonPath().getList("wards.deliveries.flatten().phone");
        assertThat(masked).hasSize(3).allSatisfy(p -> assertThat(p).contains("*").isNotIn((Object[]) phones));
    }

    /** Rows of the personal-data read log for {@code actor}'s run sheets. */
    private static long reads(String actor) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Delivery.getEntityManager().createNativeQuery(
                "select count(*) from personal_data_read where actor = ?1 and what = 'RUN_SHEET'")
                .setParameter(1, actor).getSingleResult()).longValue());
    }

    @Test
    void badInputIsA400NeverA500() {
        for (String query : List.of("districtCode=78", "districtCode=abc", "wardCode=7810", "date=20-08-2021",
                "date=2021-02-30", "date=2021-13-01")) {
            given().auth().oauth2(officer).get("/api/v1/runs?" + query).then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    private UUID scheduled(CallReceived call) {
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);
        String id = await().atMost(PATIENCE).until(() -> given().auth().oauth2(officer)
                .queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                .extract().<String> path("find { it.status == 'SCHEDULED' }.id"), found -> found != null);
        return UUID.fromString(id);
    }

    /** address_text, phone, recipient_name, erased_at as stored. */
    private static Object[] stored(UUID caseId) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) Delivery.getEntityManager().createNativeQuery(
                "select address_text, phone, recipient_name, erased_at from delivery_address where case_id = ?1")
                .setParameter(1, caseId).getSingleResult());
    }

    private static String secret() {
        return ConfigProvider.getConfig().getValue("hotline.recipient-code-secret", String.class);
    }
}

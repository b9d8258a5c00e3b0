package vn.hotline1022.relief;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static vn.hotline1022.relief.ReliefFixtures.call;
import static vn.hotline1022.relief.ReliefFixtures.post;
import static vn.hotline1022.relief.ReliefFixtures.programme;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
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
import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.commons.web.PublicRateLimit;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.dispatch.DispatchCompleted;
import vn.hotline1022.events.dispatch.DispatchOutcome;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.relief.deliveries.Allocator;
import vn.hotline1022.relief.deliveries.Delivery;
import vn.hotline1022.relief.households.CaseHousehold;
import vn.hotline1022.relief.programmes.Programme;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * Relief against a real broker and database. The tests share one application and database, so each works in its own
 * province or on its own need: a programme serves every ward of its province.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class ReliefFlowTest {

    @BeforeAll
    static void signIn() {
        ReliefFixtures.signInAsOfficer();
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DONG_NAI = "75";
    private static final String BIEN_HOA = "731";
    private static final String TRANG_DAI = "25993";
    private static final String LAI_CHAU = "12";
    private static final String LAI_CHAU_CITY = "105";
    private static final String QUYET_THANG = "03386";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    Allocator allocator;

    @Inject
    PublicRateLimit rateLimit;

    @Test
    void aHouseholdGetsItsPackageOnceWhoeverCalls() {
        createProgramme("BD-FOOD-01", SampleEvents.BINH_DUONG, List.of("FOOD"), 1, 5);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            // SampleEvents always calls from 0912345678, the form intake sends.
            CallReceived first = SampleEvents.callReceived(SampleEvents.THU_DAU_MOT, SampleEvents.PHU_CUONG, Need.FOOD,
                    Need.MEDICAL_CONSULTATION);
            var record = CloudEventRecords.of(first);
            companion.produceStrings().fromRecords(record, record).awaitCompletion(PATIENCE); // redelivered

            ReliefScheduled scheduled = awaitEvent(out, first.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            assertThat(scheduled.programmeCode()).isEqualTo("BD-FOOD-01");
            assertThat(scheduled.wardCode()).isEqualTo(SampleEvents.PHU_CUONG);
            assertThat(scheduled.items()).extracting(i -> i.itemType()).containsExactly("RICE", "INSTANT_NOODLES");
            assertThat(Duration.between(scheduled.occurredAt(), scheduled.expectedBy())).isEqualTo(Duration.ofDays(2));
            given().queryParam("caseId", first.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                    .body("size()", equalTo(1)).body("[0].status", equalTo("SCHEDULED"))
                    .body("[0].needs", equalTo(List.of("FOOD")));

            // Another family member calls from the same number, written differently: same household, no second package.
            CallReceived sameFamily = call(SampleEvents.BINH_DUONG, SampleEvents.THU_DAU_MOT, SampleEvents.PHU_CUONG,
                    "0912 345 678", Need.FOOD);
            produce(sameFamily);
            ReliefRefused duplicate = awaitEvent(out, sameFamily.caseId(), EventType.RELIEF_REFUSED,
                    ReliefRefused.class);
            assertThat(duplicate.reason()).isEqualTo("DUPLICATE");
            assertThat(duplicate.queued()).isFalse();
            assertThat(duplicate.householdId()).isEqualTo(scheduled.householdId());

            // The same number in another ward is another household.
            CallReceived otherWard = SampleEvents.callReceived(SampleEvents.THU_DAU_MOT, SampleEvents.HIEP_THANH,
                    Need.FOOD);
            produce(otherWard);
            ReliefScheduled otherHousehold = awaitEvent(out, otherWard.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            assertThat(otherHousehold.householdId()).isNotEqualTo(scheduled.householdId());

            // The code texted to the caller at scheduling (notification derives it the same way): no officer needed.
            String code = RecipientCode.derive(
                    ConfigProvider.getConfig().getValue("hotline.recipient-code-secret", String.class),
                    scheduled.deliveryId());
            given().contentType(ContentType.JSON)
                    .body(Map.of("deliveredBy", "MTTQ phường Phú Cường", "recipientCode", wrong(code)))
                    .post("/api/v1/deliveries/{id}/confirmation", scheduled.deliveryId()).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("recipientCode"));
            var confirmation = Map.of("deliveredBy", "MTTQ phường Phú Cường", "recipientCode", code);
            given().contentType(ContentType.JSON).body(confirmation)
                    .post("/api/v1/deliveries/{id}/confirmation", scheduled.deliveryId()).then().statusCode(200)
                    .body("status", equalTo("DELIVERED"));
            ReliefDelivered delivered = awaitEvent(out, first.caseId(), EventType.RELIEF_DELIVERED,
                    ReliefDelivered.class);
            assertThat(delivered.deliveryId()).isEqualTo(scheduled.deliveryId());
            assertThat(delivered.deliveredBy()).isEqualTo("MTTQ phường Phú Cường");
            given().contentType(ContentType.JSON).body(confirmation)
                    .post("/api/v1/deliveries/{id}/confirmation", scheduled.deliveryId()).then().statusCode(409)
                    .contentType("application/problem+json");

            // The household has had its one package of this programme.
            CallReceived again = SampleEvents.callReceived(SampleEvents.THU_DAU_MOT, SampleEvents.PHU_CUONG, Need.FOOD);
            produce(again);
            ReliefRefused capped = awaitEvent(out, again.caseId(), EventType.RELIEF_REFUSED, ReliefRefused.class);
            assertThat(capped.reason()).isEqualTo("CAP_REACHED");
            assertThat(capped.householdId()).isEqualTo(scheduled.householdId());

            // Refusals took nothing from stock: 5 - 2 scheduled.
            given().queryParam("provinceCode", SampleEvents.BINH_DUONG).get("/api/v1/programmes").then()
                    .statusCode(200).body("find { it.code == 'BD-FOOD-01' }.stock", equalTo(3));

            // The public list of the ward: the delivery, with nothing that identifies the family.
            String publicList = given().queryParam("wardCode", SampleEvents.PHU_CUONG)
                    .get("/api/v1/public/deliveries").then().statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].status", equalTo("DELIVERED"))
                    .body("[0].programmeName", equalTo("Gói lương thực BD-FOOD-01"))
                    .body("[0].household", matchesPattern("HGĐ-\\*{4}[0-9A-F]{4}"))
                    .extract().asString();
            assertThat(publicList).doesNotContain("912345678", "Nguyễn", first.caseId().toString(),
                    scheduled.householdId().toString(), first.caseCode());

            assertThat(count(out, first.caseId(), EventType.RELIEF_SCHEDULED)).isEqualTo(1);
            assertThat(count(out, first.caseId(), EventType.RELIEF_DELIVERED)).isEqualTo(1);
        } finally {
            out.stop();
        }
    }

    @Test
    void severalNeedsGetOnePackagePerProgrammeAndUncoveredNeedsAreRefused() {
        createProgramme("DN-FOOD-01", DONG_NAI, List.of("FOOD"), 1, 10);
        createProgramme("DN-CASH-01", DONG_NAI, List.of("RENT_SUPPORT", "CASH_SUPPORT"), 1, 10);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            CallReceived call = call(DONG_NAI, BIEN_HOA, TRANG_DAI, "+84 903 111 222", Need.FOOD, Need.RENT_SUPPORT,
                    Need.CASH_SUPPORT, Need.OXYGEN_SUPPORT, Need.MEDICAL_CONSULTATION);
            produce(call);

            ReliefRefused ineligible = awaitEvent(out, call.caseId(), EventType.RELIEF_REFUSED, ReliefRefused.class);
            assertThat(ineligible.reason()).isEqualTo("INELIGIBLE");
            assertThat(ineligible.detail()).contains("OXYGEN_SUPPORT");
            await().atMost(PATIENCE).until(() -> count(out, call.caseId(), EventType.RELIEF_SCHEDULED) == 2);
            given().queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                    .body("size()", equalTo(3))
                    .body("findAll { it.status == 'SCHEDULED' }.programmeCode",
                            containsInAnyOrder("DN-FOOD-01", "DN-CASH-01"))
                    .body("find { it.programmeCode == 'DN-CASH-01' }.needs",
                            equalTo(List.of("RENT_SUPPORT", "CASH_SUPPORT")));
        } finally {
            out.stop();
        }
    }

    @Test
    void outOfStockRequestsWaitAndAreScheduledWhenStockArrives() {
        createProgramme("LC-FOOD-01", LAI_CHAU, List.of("FOOD"), 1, 0);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            CallReceived call = call(LAI_CHAU, LAI_CHAU_CITY, QUYET_THANG, "0213 3876 543", Need.FOOD);
            produce(call);
            ReliefRefused refused = awaitEvent(out, call.caseId(), EventType.RELIEF_REFUSED, ReliefRefused.class);
            assertThat(refused.reason()).isEqualTo("OUT_OF_STOCK");
            assertThat(refused.queued()).isTrue();
            assertThat(refused.programmeCode()).isEqualTo("LC-FOOD-01");
            given().queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                    .body("[0].status", equalTo("WAITING")).body("[0].reason", equalTo("OUT_OF_STOCK"));

            // A consignment from the Red Cross arrives.
            given().contentType(ContentType.JSON).body(Map.of("quantity", 2))
                    .post("/api/v1/programmes/{code}/stock", "LC-FOOD-01").then().statusCode(200)
                    .body("stock", equalTo(1));
            ReliefScheduled scheduled = awaitEvent(out, call.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            assertThat(scheduled.householdId()).isEqualTo(refused.householdId());
            given().queryParam("caseId", call.caseId()).get("/api/v1/deliveries").then().statusCode(200)
                    .body("size()", equalTo(1)).body("[0].status", equalTo("SCHEDULED"))
                    .body("[0].id", equalTo(scheduled.deliveryId().toString()));
        } finally {
            out.stop();
        }
    }

    /** Several instances allocating the last package at once, as after a scale-out: exactly one gets it. */
    @Test
    void concurrentCasesNeverOverdrawStock() throws Exception {
        createProgramme("BD-OXY-01", SampleEvents.BINH_DUONG, List.of("OXYGEN_SUPPORT"), 1, 1);
        List<CallReceived> calls = IntStream.range(0, 4)
                .mapToObj(i -> call(SampleEvents.BINH_DUONG, SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                        "+8490855500" + i, Need.OXYGEN_SUPPORT))
                .toList();
        ReliefFixtures.allAtOnce(calls.stream().<Runnable> map(c -> () -> QuarkusTransaction.requiringNew()
                .run(() -> allocator.onCallReceived(c))).toList());
        List<String> statuses = calls.stream().map(c -> given().queryParam("caseId", c.caseId())
                .get("/api/v1/deliveries").then().statusCode(200).body("size()", equalTo(1))
                .extract().<String> path("[0].status")).toList();
        assertThat(statuses).containsExactlyInAnyOrder("SCHEDULED", "WAITING", "WAITING", "WAITING");
        given().queryParam("provinceCode", SampleEvents.BINH_DUONG).get("/api/v1/programmes").then()
                .body("find { it.code == 'BD-OXY-01' }.stock", equalTo(0));
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndChangesNothing() {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "x", "name", "", "provinceCode", "7", "needs", List.of(),
                        "items", List.of(Map.of("itemType", "rice", "quantity", 0, "unit", "")),
                        "perHouseholdCap", 0, "stock", -1))
                .post("/api/v1/programmes").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("provinceCode"))
                .body("errors.field", hasItem("needs"))
                .body("errors.field", hasItem("items[0].itemType"))
                .body("errors.field", hasItem("items[0].quantity"))
                .body("errors.field", hasItem("perHouseholdCap"))
                .body("errors.field", hasItem("stock"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "BAD-NEED", "name", "Xe cứu thương", "provinceCode", "74",
                        "needs", List.of("EMERGENCY_TRANSPORT"), "amountVnd", 1_500_000, "perHouseholdCap", 1))
                .post("/api/v1/programmes").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("needs"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "BAD-EMPTY", "name", "Gói rỗng", "provinceCode", "74", "needs", List.of("FOOD"),
                        "perHouseholdCap", 1))
                .post("/api/v1/programmes").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("items"));
        given().contentType(ContentType.JSON).body(Map.of("code", "BAD-ENUM", "needs", List.of("TELEPORT")))
                .post("/api/v1/programmes").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/programmes").then().statusCode(200)
                .body("code", not(hasItem("x"))).body("code", not(hasItem("BAD-NEED")))
                .body("code", not(hasItem("BAD-EMPTY")));

        createProgramme("BD-RENT-01", SampleEvents.BINH_DUONG, List.of("RENT_SUPPORT"), 1, 0);
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "BD-RENT-01", "name", "Lặp", "provinceCode", "74", "needs", List.of("FOOD"),
                        "amountVnd", 1_000_000, "perHouseholdCap", 1))
                .post("/api/v1/programmes").then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("quantity", 0))
                .post("/api/v1/programmes/{code}/stock", "BD-RENT-01").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("quantity"));
        given().contentType(ContentType.JSON).body(Map.of("quantity", 5))
                .post("/api/v1/programmes/{code}/stock", "NO-SUCH-PROGRAMME").then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("provinceCode", "74").get("/api/v1/programmes").then()
                .body("find { it.code == 'BD-RENT-01' }.stock", equalTo(0));
        // Numbers that would overflow later (amount × packages in the public totals, the stock sum): refused now.
        Map<String, Object> huge = programme("BD-HUGE-01", "74", List.of("CASH_SUPPORT"), 1, 1);
        huge.put("amountVnd", 5_000_000_000_000_000_000L);
        huge.put("stock", 2_000_000_000);
        given().contentType(ContentType.JSON).body(huge).post("/api/v1/programmes").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("amountVnd"))
                .body("errors.field", hasItem("stock"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Nhà hảo tâm", "code", "NUL-\u0000", "kind",
                "BUSINESS")).post("/api/v1/donors").then().statusCode(400).body("errors.field", hasItem("code"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Nhà hảo tâm \u0000", "code", "DN-NUL-01", "kind",
                "BUSINESS")).post("/api/v1/donors").then().statusCode(400)
                .body("errors[0].message", equalTo("must not contain a NUL character"));

        given().contentType(ContentType.JSON).body(Map.of("deliveredBy", " ", "recipientCode", "12a"))
                .post("/api/v1/deliveries/{id}/confirmation", UUID.randomUUID()).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("deliveredBy"))
                .body("errors.field", hasItem("recipientCode"));
        given().contentType(ContentType.JSON).body(Map.of("deliveredBy", "Đoàn thanh niên", "recipientCode", "123456"))
                .post("/api/v1/deliveries/{id}/confirmation", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/public/deliveries").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("wardCode"));
        given().queryParam("wardCode", "2574").get("/api/v1/public/deliveries").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("wardCode"));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/public/deliveries"));
    }

    /** Bà Rịa - Vũng Tàu: two families at one address, and one family under two numbers. */
    @Test
    void probableDuplicatesAreHeldBeforeSchedulingAndAnOfficerDecides() {
        String brvt = "77";
        String vungTau = "747";
        String ward1 = "26506";
        String ward2 = "26509";
        post("/api/v1/programmes", programme("VT-FOOD-01", brvt, List.of("FOOD"), 1, 10), 201);
        post("/api/v1/programmes", programme("VT-CASH-01", brvt, List.of("CASH_SUPPORT"), 1, 1), 201);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            // Near-identical address, written two ways, from two numbers.
            CallReceived a = call(brvt, vungTau, ward1, "0909000001", "Số 12 Đường Lê Lợi, KP.2", Need.FOOD);
            produce(a);
            ReliefScheduled aScheduled = awaitEvent(out, a.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            CallReceived b = call(brvt, vungTau, ward1, "0909000002", "12 d. le loi  khu pho 2", Need.FOOD);
            produce(b);
            ReliefRefused bRefused = awaitRefusal(out, b.caseId(), "DUPLICATE");
            assertThat(bRefused.queued()).isFalse();
            assertThat(bRefused.householdId()).isNotEqualTo(aScheduled.householdId());
            String bDelivery = given().queryParam("caseId", b.caseId()).get("/api/v1/deliveries").then()
                    .statusCode(200).body("[0].status", equalTo("REFUSED"))
                    .body("[0].duplicateMatch", equalTo("ADDRESS"))
                    .body("[0].duplicateOf", equalTo(aScheduled.householdId().toString()))
                    .body("[0].detail", containsString("near-identical address"))
                    .extract().path("[0].id");

            // Two worker families renting rooms in one house: the officer overrides, and says why.
            given().contentType(ContentType.JSON).body(Map.of("justification", "ok"))
                    .post("/api/v1/deliveries/{id}/override", bDelivery).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("justification"));
            given().contentType(ContentType.JSON)
                    .body(Map.of("justification", "Hai hộ công nhân thuê chung nhà trọ, đã xác minh với tổ trưởng"))
                    .post("/api/v1/deliveries/{id}/override", bDelivery).then().statusCode(200)
                    .body("status", equalTo("SCHEDULED")).body("reviewDecision", equalTo("OVERRIDDEN"))
                    .body("reviewedBy", equalTo("relief1")).body("duplicateMatch", equalTo("ADDRESS"));
            ReliefScheduled bScheduled = awaitEvent(out, b.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            assertThat(bScheduled.deliveryId().toString()).isEqualTo(bDelivery);
            given().contentType(ContentType.JSON).body(Map.of("justification", "Bấm lại lần nữa cho chắc"))
                    .post("/api/v1/deliveries/{id}/override", bDelivery).then().statusCode(409)
                    .contentType("application/problem+json");
            given().contentType(ContentType.JSON).body(Map.of("justification", "Không phải trùng lặp đâu"))
                    .post("/api/v1/deliveries/{id}/override", aScheduled.deliveryId()).then().statusCode(409);

            // The same citizen ID under two numbers in two wards: known only once officers record it.
            CallReceived c = call(brvt, vungTau, ward1, "0909000003", "Số 7 Trần Hưng Đạo", Need.CASH_SUPPORT);
            produce(c);
            ReliefScheduled cScheduled = awaitEvent(out, c.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            CallReceived d = call(brvt, vungTau, ward2, "0909000004", "45 Nguyễn Trãi", Need.CASH_SUPPORT);
            produce(d);
            ReliefRefused dWaiting = awaitRefusal(out, d.caseId(), "OUT_OF_STOCK");
            assertThat(dWaiting.queued()).isTrue();

            given().contentType(ContentType.JSON).body(Map.of("citizenId", "12345", "members", 0))
                    .put("/api/v1/households/{id}", cScheduled.householdId()).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("citizenId"))
                    .body("errors.field", hasItem("members"));
            given().contentType(ContentType.JSON).body(Map.of("citizenId", "077123456789"))
                    .put("/api/v1/households/{id}", UUID.randomUUID()).then().statusCode(404);
            given().contentType(ContentType.JSON).body(Map.of("citizenId", "077123456789", "members", 5))
                    .put("/api/v1/households/{id}", cScheduled.householdId()).then().statusCode(200)
                    .body("citizenIdRecorded", equalTo(true)).body("members", equalTo(5))
                    .body("possibleDuplicates.size()", equalTo(0));
            String view = given().contentType(ContentType.JSON).body(Map.of("citizenId", "077123456789"))
                    .put("/api/v1/households/{id}", dWaiting.householdId()).then().statusCode(200)
                    .body("possibleDuplicates.householdId", hasItem(cScheduled.householdId().toString()))
                    .body("possibleDuplicates.matchedBy", hasItem("CITIZEN_ID"))
                    .extract().asString();
            assertThat(view).doesNotContain("077123456789", "Nguyễn Trãi");

            // Stock arrives, but the waiting request is the same family as one already paid: held, stock kept.
            given().contentType(ContentType.JSON).body(Map.of("quantity", 1))
                    .post("/api/v1/programmes/{code}/stock", "VT-CASH-01").then().statusCode(200)
                    .body("stock", equalTo(1));
            ReliefRefused dDuplicate = awaitRefusal(out, d.caseId(), "DUPLICATE");
            assertThat(dDuplicate.detail()).contains("citizen ID");
            String dDelivery = given().queryParam("caseId", d.caseId()).get("/api/v1/deliveries").then()
                    .body("[0].duplicateMatch", equalTo("CITIZEN_ID")).extract().path("[0].id");
            given().contentType(ContentType.JSON)
                    .body(Map.of("justification", "Cùng CCCD, đã nhận tiền ở phường khác"))
                    .post("/api/v1/deliveries/{id}/duplicate-confirmation", dDelivery).then().statusCode(200)
                    .body("status", equalTo("REFUSED")).body("reviewDecision", equalTo("CONFIRMED"))
                    .body("reviewedBy", equalTo("relief1"));
            assertThat(count(out, d.caseId(), EventType.RELIEF_SCHEDULED)).isZero();
        } finally {
            out.stop();
        }
    }

    /** Long An: one package per household per 30 days; the cap counts again once the period has passed. */
    @Test
    void capsCountPerPeriodAndDeliveryNeedsTheRecipientCode() {
        Map<String, Object> weekly = programme("LA-BAD-01", "80", List.of("FOOD"), 1, 5);
        weekly.put("capPeriod", "WEEKLY");
        given().contentType(ContentType.JSON).body(weekly).post("/api/v1/programmes").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("capPeriod"));
        Map<String, Object> body = programme("LA-FOOD-01", "80", List.of("FOOD"), 1, 5);
        body.put("capPeriod", "P30D");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/programmes").then().statusCode(201)
                .body("capPeriod", equalTo("P30D"));
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            CallReceived first = call("80", "794", "27694", "0272 3800 111", Need.FOOD);
            produce(first);
            ReliefScheduled scheduled = awaitEvent(out, first.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            String code = issueCode(scheduled.deliveryId());
            given().contentType(ContentType.JSON).body(Map.of("deliveredBy", "MTTQ xã", "recipientCode", wrong(code)))
                    .post("/api/v1/deliveries/{id}/confirmation", scheduled.deliveryId()).then().statusCode(400)
                    .body("errors.field", hasItem("recipientCode"));
            for (int i = 2; i <= 5; i++) { // wrong codes are counted: nobody guesses one in a million
                given().contentType(ContentType.JSON)
                        .body(Map.of("deliveredBy", "MTTQ xã", "recipientCode", wrong(code)))
                        .post("/api/v1/deliveries/{id}/confirmation", scheduled.deliveryId()).then().statusCode(400);
            }
            given().contentType(ContentType.JSON).body(Map.of("deliveredBy", "MTTQ xã", "recipientCode", code))
                    .post("/api/v1/deliveries/{id}/confirmation", scheduled.deliveryId()).then().statusCode(409)
                    .contentType("application/problem+json");
            given().queryParam("caseId", first.caseId()).get("/api/v1/deliveries").then()
                    .body("[0].status", equalTo("SCHEDULED"));
            code = issueCode(scheduled.deliveryId());
            given().contentType(ContentType.JSON).body(Map.of("deliveredBy", "MTTQ xã", "recipientCode", code))
                    .post("/api/v1/deliveries/{id}/confirmation", scheduled.deliveryId()).then().statusCode(200)
                    .body("status", equalTo("DELIVERED")).body("deliveredAt", notNullValue());
            awaitEvent(out, first.caseId(), EventType.RELIEF_DELIVERED, ReliefDelivered.class);

            CallReceived again = call("80", "794", "27694", "0272 3800 111", Need.FOOD);
            produce(again);
            ReliefRefused capped = awaitRefusal(out, again.caseId(), "CAP_REACHED");
            assertThat(capped.detail()).contains("30 days");

            // A month later (the delivery moved back in time), the household may have the next package.
            QuarkusTransaction.requiringNew().run(() -> Delivery.getEntityManager()
                    .createNativeQuery("update delivery set delivered_at = now() - interval '31 days' where id = ?1")
                    .setParameter(1, scheduled.deliveryId()).executeUpdate());
            CallReceived nextMonth = call("80", "794", "27694", "0272 3800 111", Need.FOOD);
            produce(nextMonth);
            ReliefScheduled again2 = awaitEvent(out, nextMonth.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            assertThat(again2.householdId()).isEqualTo(scheduled.householdId());
            assertThat(count(out, first.caseId(), EventType.RELIEF_DELIVERED)).isEqualTo(1);
        } finally {
            out.stop();
        }
        // Calendar months are Vietnam's: 03:00 on 18 August in Vietnam is still August there.
        Programme monthly = new Programme();
        monthly.capPeriod = "MONTH";
        assertThat(monthly.periodStart(Instant.parse("2021-08-17T20:00:00Z")))
                .isEqualTo(Instant.parse("2021-07-31T17:00:00Z"));
    }

    /** Bến Tre: requests wait for the Red Cross's consignment and are served oldest first; totals are public. */
    @Test
    void consignmentsReleaseWaitingRequestsOldestFirstAndTotalsArePublic() {
        String benTre = "83";
        String ward = "28756";
        Map<String, Object> body = programme("BT-FOOD-01", benTre, List.of("FOOD"), 1, 0);
        body.put("lowStockThreshold", 5);
        post("/api/v1/programmes", body, 201);
        post("/api/v1/donors", Map.of("code", "VRC-BT", "name", "Hội Chữ thập đỏ tỉnh Bến Tre", "kind", "RED_CROSS"),
                201);
        post("/api/v1/donors", Map.of("code", "VRC-BT", "name", "Lặp", "kind", "RED_CROSS"), 409);
        given().contentType(ContentType.JSON).body(Map.of("code", "x", "name", "", "kind", "RED_CROSS"))
                .post("/api/v1/donors").then().statusCode(400).body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"));
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            CallReceived older = call(benTre, "829", ward, "0275 3822 001", Need.FOOD);
            produce(older);
            awaitRefusal(out, older.caseId(), "OUT_OF_STOCK");
            CallReceived newer = call(benTre, "829", ward, "0275 3822 002", Need.FOOD);
            produce(newer);
            awaitRefusal(out, newer.caseId(), "OUT_OF_STOCK");
            given().get("/api/v1/programmes/low-stock").then().statusCode(200)
                    .body("find { it.code == 'BT-FOOD-01' }.waiting", equalTo(2))
                    .body("find { it.code == 'BT-FOOD-01' }.lowStockThreshold", equalTo(5));

            given().contentType(ContentType.JSON)
                    .body(Map.of("donorCode", "VRC-BT", "programmeCode", "BT-FOOD-01", "quantity", 0))
                    .post("/api/v1/consignments").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("quantity")).body("errors.field", hasItem("expectedAt"));
            String expectedAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
            given().contentType(ContentType.JSON)
                    .body(Map.of("donorCode", "VRC-BT", "programmeCode", "BT-FOOD-01", "quantity", 1,
                            "expectedAt", expectedAt, "warehouseCode", "NO-SUCH-WAREHOUSE"))
                    .post("/api/v1/consignments").then().statusCode(400).body("errors.field", hasItem("warehouseCode"));
            post("/api/v1/warehouses", Map.of("code", "KHO-BT-" + ward, "name", "Kho phường", "provinceCode", benTre,
                    "districtCode", "829", "wardCode", ward), 201);
            given().contentType(ContentType.JSON)
                    .body(Map.of("donorCode", "NO-SUCH", "programmeCode", "BT-FOOD-01", "quantity", 1,
                            "expectedAt", expectedAt))
                    .post("/api/v1/consignments").then().statusCode(400).body("errors.field", hasItem("donorCode"));
            String consignment = given().contentType(ContentType.JSON)
                    .body(Map.of("donorCode", "VRC-BT", "programmeCode", "BT-FOOD-01", "quantity", 1,
                            "expectedAt", expectedAt, "warehouseCode", "KHO-BT-" + ward))
                    .post("/api/v1/consignments").then().statusCode(201).body("status", equalTo("EXPECTED"))
                    .body("warehouseCode", equalTo("KHO-BT-" + ward))
                    .extract().path("id");
            given().get("/api/v1/programmes/low-stock").then()
                    .body("find { it.code == 'BT-FOOD-01' }.expected", equalTo(1));
            // "When will it come?": the older request is the one the announced package will serve, the newer waits on.
            String promised = Instant.parse(expectedAt).plus(Duration.ofDays(2)).toString(); // + the 2-day lead time
            given().queryParam("caseId", older.caseId()).get("/api/v1/deliveries").then()
                    .body("[0].status", equalTo("WAITING")).body("[0].expectedBy", equalTo(promised));
            given().queryParam("caseId", newer.caseId()).get("/api/v1/deliveries").then()
                    .body("[0].status", equalTo("WAITING")).body("[0].expectedBy", nullValue());

            given().post("/api/v1/consignments/{id}/arrival", consignment).then().statusCode(200)
                    .body("status", equalTo("ARRIVED")).body("programmeStock", equalTo(0))
                    .body("receivedBy", equalTo("relief1"));
            awaitEvent(out, older.caseId(), EventType.RELIEF_SCHEDULED, ReliefScheduled.class);
            given().queryParam("caseId", newer.caseId()).get("/api/v1/deliveries").then()
                    .body("[0].status", equalTo("WAITING"));
            given().post("/api/v1/consignments/{id}/arrival", consignment).then().statusCode(409)
                    .contentType("application/problem+json");
            given().post("/api/v1/consignments/{id}/arrival", UUID.randomUUID()).then().statusCode(404);
            given().queryParam("provinceCode", benTre).get("/api/v1/programmes").then()
                    .body("find { it.code == 'BT-FOOD-01' }.stock", equalTo(0));

            rateLimit.forgetAll();
            given().auth().none().queryParam("provinceCode", benTre).get("/api/v1/public/totals").then()
                    .statusCode(200)
                    .body("programmes.find { it.code == 'BT-FOOD-01' }.scheduled", equalTo(1))
                    .body("programmes.find { it.code == 'BT-FOOD-01' }.waiting", equalTo(1))
                    .body("donors.find { it.code == 'VRC-BT' }.packagesArrived", equalTo(1))
                    .body("donors.find { it.code == 'VRC-BT' }.kind", equalTo("RED_CROSS"));
            given().auth().none().get("/api/v1/public/totals").then().statusCode(400)
                    .body("errors.field", hasItem("provinceCode"));

            String csv = given().auth().none().accept("text/csv").queryParam("wardCode", ward)
                    .get("/api/v1/public/deliveries").then().statusCode(200).contentType(containsString("text/csv"))
                    .extract().asString();
            List<String> lines = csv.lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).contains("ward_code,programme_code,programme_name,status,household");
            assertThat(lines.get(1)).contains("BT-FOOD-01", "WAITING").containsPattern("HGĐ-\\*{4}[0-9A-F]{4}");
            assertThat(csv).doesNotContain("02753822001", older.caseId().toString(), older.caseCode(), "Trần");
            given().auth().none().queryParam("wardCode", ward).get("/api/v1/public/deliveries").then()
                    .statusCode(200).contentType(ContentType.JSON).body("size()", equalTo(2));
        } finally {
            rateLimit.forgetAll();
            out.stop();
        }
    }

    /** Vĩnh Long: the team finds the family has no food; the package goes to the household that called. */
    @Test
    void dispatchFollowUpNeedsScheduleReliefForTheCallersHousehold() {
        String vinhLong = "86";
        String ward = "29551";
        post("/api/v1/programmes", programme("VL-FOOD-01", vinhLong, List.of("FOOD"), 1, 5), 201);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            CallReceived medical = call(vinhLong, "855", ward, "0270 3822 333", Need.MEDICAL_CONSULTATION);
            produce(medical);
            await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> CaseHousehold.findById(medical.caseId()) != null));

            DispatchCompleted done = new DispatchCompleted(medical.caseId(), medical.caseCode(), Instant.now(),
                    UUID.randomUUID(), UUID.randomUUID(), DispatchOutcome.NEEDS_RELIEF, null,
                    List.of(Need.MEDICAL_CONSULTATION), medical.location(), "Gia đình hết gạo");
            var record = CloudEventRecords.of(done);
            companion.produceStrings().fromRecords(record, record).awaitCompletion(PATIENCE); // redelivered
            ReliefScheduled scheduled = awaitEvent(out, medical.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            assertThat(scheduled.programmeCode()).isEqualTo("VL-FOOD-01");
            given().queryParam("caseId", medical.caseId()).get("/api/v1/deliveries").then()
                    .body("size()", equalTo(1)).body("[0].source", equalTo("DISPATCH"))
                    .body("[0].needs", equalTo(List.of("FOOD")));

            // Its household is the caller's: the same number asking for food now is a duplicate of it.
            CallReceived sameNumber = call(vinhLong, "855", ward, "0270 3822 333", Need.FOOD);
            produce(sameNumber);
            ReliefRefused duplicate = awaitRefusal(out, sameNumber.caseId(), "DUPLICATE");
            assertThat(duplicate.householdId()).isEqualTo(scheduled.householdId());
            assertThat(count(out, medical.caseId(), EventType.RELIEF_SCHEDULED)).isEqualTo(1);
        } finally {
            out.stop();
        }
    }

    /** Đồng Tháp: a call about a sick child, then the same household calls again, out of food: decided once. */
    @Test
    void reliefNeedsARepeatCallAddsAreDecidedOnceForTheCallersHousehold() {
        String dongThap = "87";
        post("/api/v1/programmes", programme("DT-FOOD-01", dongThap, List.of("FOOD"), 1, 5), 201);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            CallReceived medical = call(dongThap, "866", "29869", "0277 3822 444", Need.MEDICAL_CONSULTATION);
            produce(medical);
            await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> CaseHousehold.findById(medical.caseId()) != null));

            CaseNeedsChanged hungry = new CaseNeedsChanged(medical.caseId(), medical.caseCode(), Instant.now(),
                    List.of(Need.FOOD), List.of(Need.MEDICAL_CONSULTATION, Need.FOOD), medical.location(), 60);
            var record = CloudEventRecords.of(hungry);
            // Redelivered, and re-published under a new id: one package.
            companion.produceStrings().fromRecords(record, record, CloudEventRecords.of(hungry))
                    .awaitCompletion(PATIENCE);
            ReliefScheduled scheduled = awaitEvent(out, medical.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            assertThat(scheduled.programmeCode()).isEqualTo("DT-FOOD-01");
            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("caseId", medical.caseId())
                    .get("/api/v1/deliveries").then().body("size()", equalTo(1))
                    .body("[0].source", equalTo("REPEAT_CALL")).body("[0].needs", equalTo(List.of("FOOD"))));
            assertThat(count(out, medical.caseId(), EventType.RELIEF_SCHEDULED)).isEqualTo(1);
            assertThat(count(out, medical.caseId(), EventType.RELIEF_REFUSED)).isZero();
        } finally {
            out.stop();
        }
    }

    /**
     * An Giang: a ward goes into lockdown (red zone). When stock arrives, its waiting household is served before an
     * older request from a green ward, and the allocation plan lists the red ward first.
     */
    @Test
    void lockdownWardsAreServedFirstWhenStockArrives() {
        String anGiang = "89";
        post("/api/v1/programmes", programme("AG-FOOD-01", anGiang, List.of("FOOD"), 1, 0), 201);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            CallReceived green = call(anGiang, "883", "30280", "0296 3822 001", Need.FOOD); // older
            allocate(green);
            CallReceived locked = call(anGiang, "883", "30283", "0296 3822 002", Need.FOOD);
            allocate(locked);
            ZoneStatusChanged red = new ZoneStatusChanged(anGiang, "883", "30283", null, ZoneColour.RED,
                    Instant.now(), "bcd-angiang", "Phong tỏa theo Chỉ thị 16");
            var record = CloudEventRecords.of(red);
            // An older change arriving late never undoes the newer one.
            var stale = CloudEventRecords.of(new ZoneStatusChanged(anGiang, "883", "30283", null, ZoneColour.GREEN,
                    Instant.now().minus(Duration.ofHours(1)), "bcd-angiang", "cũ"));
            companion.produceStrings().fromRecords(record, stale).awaitCompletion(PATIENCE);
            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("provinceCode", anGiang)
                    .get("/api/v1/plans/allocation").then().statusCode(200)
                    .body("programmes[0].wards[0].wardCode", equalTo("30283"))
                    .body("programmes[0].wards[0].zoneColour", equalTo("RED")));

            given().contentType(ContentType.JSON).body(Map.of("quantity", 1))
                    .post("/api/v1/programmes/AG-FOOD-01/stock").then().statusCode(200);
            ReliefScheduled scheduled = awaitEvent(out, locked.caseId(), EventType.RELIEF_SCHEDULED,
                    ReliefScheduled.class);
            assertThat(scheduled.programmeCode()).isEqualTo("AG-FOOD-01");
            assertThat(count(out, green.caseId(), EventType.RELIEF_SCHEDULED)).isZero();
            given().queryParam("caseId", green.caseId()).get("/api/v1/deliveries").then()
                    .body("[0].status", equalTo("WAITING"));
        } finally {
            out.stop();
        }
    }

    /**
     * Cần Thơ: the Red Cross and the Fatherland Front both run a food programme. A family fed by one is not fed again by
     * the other in the same month, whether it calls from the same number or a neighbour's (same house); other needs are
     * no duplicate, and an officer can still override.
     */
    @Test
    void duplicatesAreFoundAcrossProgrammesAndDonorsForTheSameKindOfNeed() {
        String canTho = "92";
        String ninhKieu = "916";
        String ward = "31117";
        Map<String, Object> redCross = programme("CT-FOOD-RC", canTho, List.of("FOOD"), 1, 2);
        redCross.put("capPeriod", "MONTH");
        post("/api/v1/programmes", redCross, 201);
        Map<String, Object> front = programme("CT-FOOD-MT", canTho, List.of("FOOD", "CASH_SUPPORT"), 1, 5);
        front.put("capPeriod", "MONTH");
        post("/api/v1/programmes", front, 201);

        CallReceived first = call(canTho, ninhKieu, ward, "0292 3820 001", "Số 5 Đường Hòa Bình, KP.1", Need.FOOD);
        allocate(first);
        String firstHousehold = given().queryParam("caseId", first.caseId()).get("/api/v1/deliveries").then()
                .statusCode(200).body("[0].status", equalTo("SCHEDULED"))
                .body("[0].programmeCode", equalTo("CT-FOOD-RC")).extract().path("[0].householdId");
        CallReceived other = call(canTho, ninhKieu, ward, "0292 3820 009", Need.FOOD);
        allocate(other); // the Red Cross's last package
        given().queryParam("caseId", other.caseId()).get("/api/v1/deliveries").then()
                .body("[0].programmeCode", equalTo("CT-FOOD-RC")).body("[0].status", equalTo("SCHEDULED"));

        // The same number asks again: the Red Cross is empty, so the Front's programme would serve it.
        CallReceived again = call(canTho, ninhKieu, ward, "0292 3820 001", "Số 5 Đường Hòa Bình, KP.1", Need.FOOD);
        allocate(again);
        String detail = given().queryParam("caseId", again.caseId()).get("/api/v1/deliveries").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].status", equalTo("REFUSED"))
                .body("[0].reason", equalTo("DUPLICATE")).body("[0].programmeCode", equalTo("CT-FOOD-MT"))
                .body("[0].duplicateMatch", equalTo("PHONE")).body("[0].duplicateProgramme", equalTo("CT-FOOD-RC"))
                .extract().path("[0].detail");
        assertThat(detail).contains("CT-FOOD-RC", "FOOD");

        // Cash is another kind of need: the Front pays it to a household the Red Cross fed.
        CallReceived cash = call(canTho, ninhKieu, ward, "0292 3820 009", Need.CASH_SUPPORT);
        allocate(cash);
        given().queryParam("caseId", cash.caseId()).get("/api/v1/deliveries").then()
                .body("[0].programmeCode", equalTo("CT-FOOD-MT")).body("[0].status", equalTo("SCHEDULED"));

        // A neighbour's number, the same house written another way: the same family, reason shown with a masked ref.
        CallReceived neighbour = call(canTho, ninhKieu, ward, "0292 3820 002", "5 đ. hoa binh kp1", Need.FOOD);
        allocate(neighbour);
        var refused = given().queryParam("caseId", neighbour.caseId()).get("/api/v1/deliveries").then()
                .statusCode(200).body("[0].reason", equalTo("DUPLICATE"))
                .body("[0].duplicateMatch", equalTo("ADDRESS")).body("[0].duplicateOf", equalTo(firstHousehold))
                .body("[0].duplicateProgramme", equalTo("CT-FOOD-RC")).extract();
        String neighbourDetail = refused.path("[0].detail");
        assertThat(neighbourDetail).contains("HGĐ-****", "near-identical address", "CT-FOOD-RC")
                .doesNotContain("0292", "3820", "Hòa Bình", "hoa binh");

        // Two families after all (the officer checked): scheduled from the Front's stock, with who decided and why.
        given().contentType(ContentType.JSON)
                .body(Map.of("justification", "Hai hộ ở chung số nhà, đã xác minh với tổ trưởng khu vực"))
                .post("/api/v1/deliveries/{id}/override", refused.<String> path("[0].id")).then().statusCode(200)
                .body("status", equalTo("SCHEDULED")).body("programmeCode", equalTo("CT-FOOD-MT"))
                .body("reviewDecision", equalTo("OVERRIDDEN"));
    }

    /** Sóc Trăng: an alert each time an allocation brings stock to its threshold, not one per package below it. */
    @Test
    void lowStockIsAlertedOncePerCrossingAndGaugedPerProgramme() {
        Map<String, Object> body = programme("ST-FOOD-01", "94", List.of("FOOD"), 1, 3);
        body.put("lowStockThreshold", 1);
        post("/api/v1/programmes", body, 201);
        awaitGauge("ST-FOOD-01", "3.0");

        allocate(call("94", "941", "31507", "0299 3820 001", Need.FOOD)); // 2 left
        assertThat(alertStocks("ST-FOOD-01")).isEmpty();
        allocate(call("94", "941", "31507", "0299 3820 002", Need.FOOD)); // 1 left: crossed
        assertThat(alertStocks("ST-FOOD-01")).containsExactly(1);
        allocate(call("94", "941", "31507", "0299 3820 003", Need.FOOD)); // 0 left: still the same crossing
        assertThat(alertStocks("ST-FOOD-01")).containsExactly(1);
        given().get("/api/v1/programmes/low-stock").then().statusCode(200)
                .body("find { it.code == 'ST-FOOD-01' }.stock", equalTo(0));

        given().contentType(ContentType.JSON).body(Map.of("quantity", 2))
                .post("/api/v1/programmes/{code}/stock", "ST-FOOD-01").then().statusCode(200)
                .body("stock", equalTo(2)); // above the threshold again
        allocate(call("94", "941", "31507", "0299 3820 004", Need.FOOD)); // 1 left: a new crossing
        assertThat(alertStocks("ST-FOOD-01")).containsExactly(1, 1);
        given().queryParam("provinceCode", "94").get("/api/v1/alerts/low-stock").then().statusCode(200)
                .body("[0].programmeCode", equalTo("ST-FOOD-01")).body("[0].lowStockThreshold", equalTo(1))
                .body("[0].provinceCode", equalTo("94"));
        given().queryParam("provinceCode", "9").get("/api/v1/alerts/low-stock").then().statusCode(400)
                .contentType("application/problem+json");
        awaitGauge("ST-FOOD-01", "1.0");
    }

    /** Cà Mau: where the pending need goes short, ward by ward, once stock and announced consignments are counted. */
    @Test
    void allocationPlansShowPendingNeedAndShortfallPerWard() {
        String caMau = "96";
        post("/api/v1/programmes", programme("CM-FOOD-01", caMau, List.of("FOOD"), 1, 1), 201);
        post("/api/v1/donors", Map.of("code", "MTTQ-CM", "name", "Ủy ban MTTQ tỉnh Cà Mau", "kind",
                "FATHERLAND_FRONT"), 201);
        allocate(call(caMau, "964", "32002", "0290 3820 001", Need.FOOD)); // scheduled
        allocate(call(caMau, "964", "32002", "0290 3820 002", Need.FOOD)); // waiting, oldest
        allocate(call(caMau, "964", "32002", "0290 3820 003", Need.FOOD)); // waiting
        allocate(call(caMau, "966", "32035", "0290 3820 004", Need.FOOD)); // waiting, newest
        post("/api/v1/warehouses", Map.of("code", "KHO-CM-32002", "name", "Kho phường 32002", "provinceCode", caMau,
                "districtCode", "964", "wardCode", "32002"), 201);
        given().contentType(ContentType.JSON)
                .body(Map.of("donorCode", "MTTQ-CM", "programmeCode", "CM-FOOD-01", "quantity", 1, "expectedAt",
                        Instant.now().plus(Duration.ofDays(1)).toString(), "warehouseCode", "KHO-CM-32002"))
                .post("/api/v1/consignments").then().statusCode(201);

        given().queryParam("provinceCode", caMau).get("/api/v1/plans/allocation").then().statusCode(200)
                .body("provinceCode", equalTo(caMau))
                .body("programmes.size()", equalTo(1))
                .body("programmes[0].code", equalTo("CM-FOOD-01"))
                .body("programmes[0].stock", equalTo(0))
                .body("programmes[0].expected", equalTo(1))
                .body("programmes[0].waiting", equalTo(3))
                .body("programmes[0].scheduledNotDelivered", equalTo(1))
                .body("programmes[0].shortfall", equalTo(2))
                .body("programmes[0].warehouses.find { it.code == 'PROVINCE-96' }.stock", equalTo(0))
                .body("programmes[0].warehouses.find { it.code == 'KHO-CM-32002' }.expected", equalTo(1))
                .body("programmes[0].warehouses.find { it.code == 'KHO-CM-32002' }.wardCode", equalTo("32002"))
                .body("programmes[0].wards.find { it.wardCode == '32002' }.waiting", equalTo(2))
                .body("programmes[0].wards.find { it.wardCode == '32002' }.scheduledNotDelivered", equalTo(1))
                .body("programmes[0].wards.find { it.wardCode == '32002' }.expectedToWard", equalTo(1))
                .body("programmes[0].wards.find { it.wardCode == '32002' }.shortfall", equalTo(1))
                .body("programmes[0].wards.find { it.wardCode == '32035' }.districtCode", equalTo("966"))
                .body("programmes[0].wards.find { it.wardCode == '32035' }.shortfall", equalTo(1));

        // An officer of district 966 plans only its wards.
        given().auth().oauth2(ReliefFixtures.districtOfficer("relief-cm", caMau, "966"))
                .queryParam("provinceCode", caMau).get("/api/v1/plans/allocation").then().statusCode(200)
                .body("programmes[0].wards.wardCode", equalTo(List.of("32035")))
                .body("programmes[0].shortfall", equalTo(2));
        given().get("/api/v1/plans/allocation").then().statusCode(400).contentType("application/problem+json");
    }

    private static void createProgramme(String code, String provinceCode, List<String> needs, int cap, int stock) {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Gói lương thực " + code, "provinceCode", provinceCode,
                        "needs", needs,
                        "items", List.of(Map.of("itemType", "RICE", "quantity", 10, "unit", "kg"),
                                Map.of("itemType", "INSTANT_NOODLES", "quantity", 1, "unit", "thùng")),
                        "perHouseholdCap", cap, "stock", stock))
                .post("/api/v1/programmes").then().statusCode(201).body("stock", equalTo(stock))
                .body("active", equalTo(true));
    }


    /** Has the household's code sent again and returns it as the household's phone receives it. */
    private static String issueCode(UUID deliveryId) {
        return ProofOfDeliveryTest.resend(deliveryId);
    }

    private static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static ReliefRefused awaitRefusal(ConsumerTask<String, String> out, UUID caseId, String reason) {
        return await().atMost(PATIENCE).until(() -> out.stream()
                .filter(r -> r.key().equals(caseId.toString())
                        && EventType.RELIEF_REFUSED.ceType().equals(header(r, "ce_type")))
                .map(r -> (ReliefRefused) EventJson.fromJson(r.value(), EventType.RELIEF_REFUSED))
                .filter(e -> e.reason().equals(reason)).findFirst().orElse(null), e -> e != null);
    }



    /** Decides a call directly, as the intake consumer does, without waiting on the broker. */
    private void allocate(CallReceived call) {
        QuarkusTransaction.requiringNew().run(() -> allocator.onCallReceived(call));
    }

    private static List<Integer> alertStocks(String programmeCode) {
        return given().queryParam("programmeCode", programmeCode).get("/api/v1/alerts/low-stock").then()
                .statusCode(200).extract().jsonPath().getList("stock", Integer.class);
    }

    private static void awaitGauge(String programmeCode, String value) {
        String tag = "programme=\"" + programmeCode + "\"";
        await().atMost(PATIENCE).until(() -> given().get("/q/metrics").then().statusCode(200).extract().asString()
                .lines().anyMatch(l -> l.startsWith("hotline_relief_stock{") && l.contains(tag)
                        && l.endsWith("} " + value)));
    }

    private void produce(CallReceived call) {
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);
    }

    private static <T> T awaitEvent(ConsumerTask<String, String> out, UUID caseId, EventType type, Class<T> as) {
        ConsumerRecord<String, String> found = await().atMost(PATIENCE).until(() -> out.stream()
                .filter(r -> r.key().equals(caseId.toString()) && type.ceType().equals(header(r, "ce_type")))
                .findFirst().orElse(null), r -> r != null);
        return as.cast(EventJson.fromJson(found.value(), type));
    }

    private static long count(ConsumerTask<String, String> out, UUID caseId, EventType type) {
        return out.stream().filter(r -> r.key().equals(caseId.toString()))
                .filter(r -> type.ceType().equals(header(r, "ce_type"))).count();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

package vn.hotline1022.relief;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.relief.deliveries.Allocator;
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
        RestAssured.authentication = RestAssured.oauth2(TestTokens.user("relief1", Roles.RELIEF_OFFICER, Roles.OPS).sign());
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

    @Test
    void aHouseholdGetsItsPackageOnceWhoeverCalls() {
        createProgramme("BD-FOOD-01", SampleEvents.BINH_DUONG, List.of("FOOD"), 1, 5);
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            // SampleEvents always calls from +84912345678.
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

            String confirmation = """
                    {"deliveredBy": "MTTQ phường Phú Cường"}""";
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
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (CallReceived call : calls) {
                running.add(pool.submit(() -> {
                    start.await();
                    QuarkusTransaction.requiringNew().run(() -> allocator.onCallReceived(call));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
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

        given().contentType(ContentType.JSON).body(Map.of("deliveredBy", " "))
                .post("/api/v1/deliveries/{id}/confirmation", UUID.randomUUID()).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("deliveredBy"));
        given().contentType(ContentType.JSON).body(Map.of("deliveredBy", "Đoàn thanh niên"))
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

    /** A call from a given phone; SampleEvents always uses the same number. */
    private static CallReceived call(String province, String district, String ward, String phone, Need... needs) {
        UUID caseId = UUID.randomUUID();
        return new CallReceived(caseId, "HT-" + caseId.toString().substring(0, 8), Instant.now(), UUID.randomUUID(),
                ContactChannel.PHONE, new Caller("Trần Thị Bình", phone),
                new Location(province, district, ward, "Tổ 3, khu phố 2", null, null), List.of(needs), 3, Set.of(), 40,
                null, "agent-11");
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

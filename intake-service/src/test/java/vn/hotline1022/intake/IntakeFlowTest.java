package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.EscalationLevel;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.ReliefItem;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.events.dispatch.PatientHandedOver;
import vn.hotline1022.events.dispatch.PatientPickedUp;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.dispatch.TransportDispatched;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.intake.CaseNeedsChanged;
import vn.hotline1022.events.intake.RepeatCallLinked;
import vn.hotline1022.events.intake.WeeklyReportIssued;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.sla.SlaClock;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class IntakeFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String TODAY = DateTimeFormatter.ofPattern("yyyyMMdd").format(LocalDate.now(VIETNAM));
    private static final String PHU_LOI = "25744";
    private static final String QUYET_THANG = "03386"; // Lai Châu
    private static final String BIEN_HOA_TRANG_DAI = "25993"; // Đồng Nai
    private static final String TAN_AN = "25765";

    @BeforeAll
    static void signInAsAnAgent() {
        RestAssured.authentication = RestAssured.oauth2(TestTokens.user("agent-07", Roles.CALL_AGENT)
                .claim(CurrentUser.PROVINCE_CODES, List.of("74", "12", "75")).sign());
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    SlaClock slaClock;

    @Inject
    vn.hotline1022.intake.reports.WeeklyReportIssuer issuer;

    @Inject
    EntityManager em;

    @Test
    void aCallOpensACaseOnceAndItsTimelineGathersEveryServicesEvents() {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            UUID callId = UUID.randomUUID();
            String phone = uniquePhone();
            Map<String, Object> call = call(callId, SampleEvents.LAI_THIEU, List.of("HOSPITAL_ADMISSION", "FOOD"));
            call.put("caller", Map.of("name", "Nguyễn Thị Bình", "phone", spaced(phone)));
            String code = given().contentType(ContentType.JSON).body(call).post("/api/v1/calls").then()
                    .statusCode(201)
                    .body("code", matchesPattern("BD-" + TODAY + "-\\d{4}-[A-HJKMNP-Z2-9]{3}"))
                    .body("status", equalTo("OPEN"))
                    .body("location.districtCode", equalTo(SampleEvents.THUAN_AN))
                    .body("location.provinceCode", equalTo(SampleEvents.BINH_DUONG))
                    .body("caller.phone", equalTo(phone))
                    .body("priority", equalTo(90)) // admission 80 + two vulnerabilities
                    .body("priorityReasons.rule", equalTo(List.of("need HOSPITAL_ADMISSION", "vulnerable: ELDERLY",
                            "vulnerable: CHRONIC_ILLNESS")))
                    .body("priorityReasons.points", equalTo(List.of(80, 5, 5)))
                    .body("repeatCount", equalTo(1))
                    .body("linkedRepeatCall", equalTo(false))
                    .extract().path("code");
            ValidatableResponse read = given().get("/api/v1/cases/{code}", code).then().statusCode(200);
            UUID caseId = UUID.fromString(read.extract().path("id"));
            // Admission is an emergency need: 15 minutes to a first action, 5 hours to resolution.
            Instant opened = Instant.parse(read.extract().path("openedAt"));
            assertThat(Instant.parse(read.extract().<String> path("sla.firstActionDue")))
                    .isEqualTo(opened.plus(Duration.ofMinutes(15)));
            assertThat(Instant.parse(read.extract().<String> path("sla.resolutionDue")))
                    .isEqualTo(opened.plus(Duration.ofHours(5)));
            read.body("sla.escalationLevel", equalTo("WARD")).body("sla.overdue", equalTo(false));

            // The console retries after a timeout: same case, no second event.
            given().contentType(ContentType.JSON).body(call).post("/api/v1/calls").then().statusCode(200)
                    .body("code", equalTo(code)).body("repeatCount", equalTo(1));

            ConsumerRecord<String, String> published = await().atMost(PATIENCE).until(
                    () -> intake.stream().filter(r -> r.key().equals(caseId.toString())).findFirst().orElse(null),
                    r -> r != null);
            assertThat(header(published, "ce_type")).isEqualTo(EventType.CALL_RECEIVED.ceType());
            assertThat(header(published, "ce_source")).isEqualTo("/hotline1022/intake-service");
            CallReceived received = (CallReceived) EventJson.fromJson(published.value(), EventType.CALL_RECEIVED);
            assertThat(received.caseCode()).isEqualTo(code);
            assertThat(received.callId()).isEqualTo(callId);
            assertThat(received.caller().phone()).isEqualTo(phone);
            assertThat(received.location().wardCode()).isEqualTo(SampleEvents.LAI_THIEU);
            assertThat(received.needs()).containsExactly(Need.HOSPITAL_ADMISSION, Need.FOOD);

            // Downstream services answer; dispatch's event is delivered twice.
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            var dispatched = CloudEventRecords.of(new TeamDispatched(caseId, code, now, UUID.randomUUID(),
                    UUID.randomUUID(), "Tổ PƯN Lái Thiêu", "SAME_WARD", true, null, null));
            companion.produceStrings().fromRecords(dispatched, dispatched).awaitCompletion(PATIENCE);
            companion.produceStrings().fromRecords(
                    CloudEventRecords.of(new PatientReferred(caseId, code, now.plusMillis(1), UUID.randomUUID(),
                            UUID.randomUUID(), "Bệnh viện Đa khoa tỉnh Bình Dương", BedType.OXYGEN, Severity.SEVERE,
                            "SpO2 91%", now.plusSeconds(600), 1, null)),
                    CloudEventRecords.of(new ReliefScheduled(caseId, code, now.plusMillis(2), UUID.randomUUID(),
                            UUID.randomUUID(), "BD-FOOD-2021", List.of(new ReliefItem("RICE", 10, "kg")), null,
                            SampleEvents.LAI_THIEU, now.plusSeconds(7200))))
                    .awaitCompletion(PATIENCE);

            await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/cases/{code}", code).then()
                    .statusCode(200)
                    .body("status", equalTo("IN_PROGRESS"))
                    .body("timeline.type", equalTo(List.of("CallReceived", "TeamDispatched", "PatientReferred",
                            "ReliefScheduled")))
                    .body("timeline[1].summary", equalTo("Đã điều tổ Tổ PƯN Lái Thiêu (cùng phường/xã)"))
                    .body("timeline[1].summaryEn", equalTo("Team Tổ PƯN Lái Thiêu dispatched (SAME_WARD)"))
                    .body("timeline[3].source", equalTo("relief-service")));
            // The first decision stopped the first-action clock.
            String firstAction = given().get("/api/v1/cases/{code}", code).then().extract().path("sla.firstActionAt");
            assertThat(Instant.parse(firstAction)).isEqualTo(now);
            assertThat(intake.stream().filter(r -> r.key().equals(caseId.toString())).count()).isEqualTo(1);
        } finally {
            intake.stop();
        }
    }

    @Test
    void caseCodesAreNumberedPerProvinceAndLocalDay() {
        String first = openCase(SampleEvents.PHU_CUONG, List.of("INFORMATION"), uniquePhone());
        String second = openCase(SampleEvents.PHU_CUONG, List.of("INFORMATION"), uniquePhone());
        assertThat(first).matches("BD-" + TODAY + "-\\d{4}-[A-HJKMNP-Z2-9]{3}");
        assertThat(number(second)).isEqualTo(number(first) + 1);

        // A day past 9,999 cases in a province gets five digits: Lai Châu's day set back by 9,999 numbers.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into case_day_base (province_code, local_day, base)
                values ('12', ?1, coalesce(pg_sequence_last_value('case_number_12'), 0) - 9999)
                on conflict (province_code, local_day) do update set base = excluded.base
                """).setParameter(1, LocalDate.now(VIETNAM)).executeUpdate());
        assertThat(openCase(QUYET_THANG, List.of("FOOD"), uniquePhone()))
                .matches("LC-" + TODAY + "-10000-[A-HJKMNP-Z2-9]{3}");
    }

    @Test
    void entitiesAreWrittenInJdbcBatchesAsMessagingOrmSets() {
        assertThat(String.valueOf(em.getEntityManagerFactory().getProperties().get("hibernate.jdbc.batch_size")))
                .isEqualTo("50");
    }

    @Test
    void concurrentCallsOfOneProvinceGetDistinctNumbersWithoutWaitingForEachOther() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> codes = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                codes.add(pool.submit(() -> openCase(SampleEvents.PHU_CUONG, List.of("INFORMATION"), uniquePhone())));
            }
            List<Integer> numbers = new java.util.ArrayList<>();
            for (Future<String> code : codes) {
                numbers.add(number(code.get(1, java.util.concurrent.TimeUnit.MINUTES)));
            }
            // Distinct, and dense: no call's transaction rolled back, so no number was skipped.
            assertThat(numbers).doesNotHaveDuplicates();
            assertThat(java.util.Collections.max(numbers) - java.util.Collections.min(numbers)).isEqualTo(23);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDayBegunUnderTheFormerCounterRowContinuesAfterItsLastNumber() {
        // Đồng Nai's day as the former counter left it on upgrade: 41 cases numbered, no base yet.
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from case_day_base where province_code = '75' and local_day = ?1")
                    .setParameter(1, LocalDate.now(VIETNAM)).executeUpdate();
            em.createNativeQuery("""
                    insert into case_counter (province_code, local_day, last_number) values ('75', ?1, 41)
                    on conflict (province_code, local_day) do update set last_number = 41
                    """).setParameter(1, LocalDate.now(VIETNAM)).executeUpdate();
        });
        String first = openCase(BIEN_HOA_TRANG_DAI, List.of("INFORMATION"), uniquePhone());
        assertThat(first).matches("DN-" + TODAY + "-0042-[A-HJKMNP-Z2-9]{3}");
        assertThat(number(openCase(BIEN_HOA_TRANG_DAI, List.of("INFORMATION"), uniquePhone()))).isEqualTo(43);
    }

    @Test
    void concurrentCallsFromOnePhoneMakeOneCaseAndRepeatCallLinks() throws Exception {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            String phone = uniquePhone();
            // The same number as people type it.
            List<String> spellings = List.of(spaced(phone), "+84" + phone.substring(1), "84" + phone.substring(1),
                    phone.substring(0, 4) + "." + phone.substring(4, 7) + "." + phone.substring(7), phone,
                    "+84 " + phone.substring(1));
            List<String> needs = List.of("FOOD", "RENT_SUPPORT", "FOOD", "CASH_SUPPORT", "FOOD", "FOOD");
            List<Callable<ValidatableResponse>> calls = new ArrayList<>();
            for (int i = 0; i < spellings.size(); i++) {
                Map<String, Object> call = call(UUID.randomUUID(), TAN_AN, List.of(needs.get(i)));
                call.put("vulnerabilities", List.of());
                call.put("caller", Map.of("name", "Phạm Văn Hùng", "phone", spellings.get(i)));
                calls.add(() -> given().contentType(ContentType.JSON).body(call).post("/api/v1/calls").then());
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (Future<ValidatableResponse> f : pool.invokeAll(calls)) {
                statuses.add(f.get().extract().statusCode());
                codes.add(f.get().extract().path("code"));
            }
            assertThat(statuses).containsOnly(201, 200).filteredOn(s -> s == 201).hasSize(1);
            assertThat(codes).containsOnly(codes.get(0));

            ValidatableResponse c = given().get("/api/v1/cases/{code}", codes.get(0)).then().statusCode(200)
                    .body("repeatCount", equalTo(6))
                    .body("caller.phone", equalTo(phone))
                    .body("needs", hasItems("FOOD", "RENT_SUPPORT", "CASH_SUPPORT"))
                    // food 45 + five repeat calls, capped at 30
                    .body("priority", equalTo(75))
                    .body("priorityReasons.rule", hasItem("called 6 times"));
            UUID caseId = UUID.fromString(c.extract().path("id"));
            assertThat(c.extract().<List<String>> path("timeline.type"))
                    .filteredOn(t -> t.equals("RepeatCallLinked")).hasSize(5);

            // One call, five repeat calls, and the two of them that added a need (whichever came first, three needs).
            await().atMost(PATIENCE).until(() -> intake.stream().filter(r -> r.key().equals(caseId.toString()))
                    .count() == 8);
            List<ConsumerRecord<String, String>> events = intake.stream()
                    .filter(r -> r.key().equals(caseId.toString())).toList();
            assertThat(events).extracting(r -> header(r, "ce_type")).containsOnly(
                    EventType.CALL_RECEIVED.ceType(), EventType.REPEAT_CALL_LINKED.ceType(),
                    EventType.CASE_NEEDS_CHANGED.ceType())
                    .filteredOn(t -> t.equals(EventType.CALL_RECEIVED.ceType())).hasSize(1);
            assertThat(events).extracting(r -> header(r, "ce_type"))
                    .filteredOn(t -> t.equals(EventType.CASE_NEEDS_CHANGED.ceType())).hasSize(2);
            RepeatCallLinked last = events.stream()
                    .filter(r -> header(r, "ce_type").equals(EventType.REPEAT_CALL_LINKED.ceType()))
                    .map(r -> (RepeatCallLinked) EventJson.fromJson(r.value(), EventType.REPEAT_CALL_LINKED))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(last.repeatCount()).isEqualTo(6);
            assertThat(last.priority()).isEqualTo(75);
        } finally {
            pool.shutdownNow();
            intake.stop();
        }
    }

    @Test
    void aRepeatCallThatAddsANeedTellsTheServicesOnlyWhatIsNew() {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            Map<String, Object> first = call(UUID.randomUUID(), TAN_AN, List.of("FOOD"));
            String code = given().contentType(ContentType.JSON).body(first).post("/api/v1/calls").then()
                    .statusCode(201).extract().path("code");
            // The same phone again: now someone cannot breathe. Then again about food only.
            Map<String, Object> worse = new HashMap<>(first);
            worse.put("callId", UUID.randomUUID());
            worse.put("needs", List.of("EMERGENCY_TRANSPORT", "FOOD"));
            given().contentType(ContentType.JSON).body(worse).post("/api/v1/calls").then().statusCode(200);
            Map<String, Object> same = new HashMap<>(first);
            same.put("callId", UUID.randomUUID());
            given().contentType(ContentType.JSON).body(same).post("/api/v1/calls").then().statusCode(200);

            UUID caseId = UUID.fromString(given().get("/api/v1/cases/{code}", code).then().statusCode(200)
                    .body("timeline.type", hasItem("CaseNeedsChanged")).extract().path("id"));
            await().atMost(PATIENCE).until(() -> intake.stream().filter(r -> r.key().equals(caseId.toString()))
                    .count() == 4);
            List<CaseNeedsChanged> changes = intake.stream().filter(r -> r.key().equals(caseId.toString())
                    && header(r, "ce_type").equals(EventType.CASE_NEEDS_CHANGED.ceType()))
                    .map(r -> (CaseNeedsChanged) EventJson.fromJson(r.value(), EventType.CASE_NEEDS_CHANGED))
                    .toList();
            assertThat(changes).hasSize(1);
            assertThat(changes.get(0).addedNeeds()).containsExactly(Need.EMERGENCY_TRANSPORT);
            assertThat(changes.get(0).needs()).containsExactlyInAnyOrder(Need.FOOD, Need.EMERGENCY_TRANSPORT);
            assertThat(changes.get(0).priority()).isGreaterThanOrEqualTo(90);
            assertThat(changes.get(0).location().wardCode()).isEqualTo(TAN_AN);
        } finally {
            intake.stop();
        }
    }

    @Test
    void anotherPhoneAboutTheSameSpecificHouseholdAddressInTheWardLinksToTheOpenCase() throws Exception {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            int house = ThreadLocalRandom.current().nextInt(1, 100_000_000);
            String phone = uniquePhone();
            String first = household(SampleEvents.LAI_THIEU, "Số " + house + " Đường Nguyễn Văn Tiết, P. Lái Thiêu",
                    phone).statusCode(201).body("linkedRepeatCall", equalTo(false))
                    .body("linkedBy", nullValue()).extract().path("code");
            // A neighbour's phone, the same house spelled another way: the same case, and the answer says why.
            household(SampleEvents.LAI_THIEU, "so " + house + " nguyen van tiet", uniquePhone()).statusCode(200)
                    .body("code", equalTo(first)).body("linkedRepeatCall", equalTo(true))
                    .body("linkedBy", equalTo("HOUSEHOLD_ADDRESS")).body("repeatCount", equalTo(2))
                    .body("caller.phone", equalTo(phone));
            household(SampleEvents.LAI_THIEU, "Tổ 3", phone).statusCode(200).body("code", equalTo(first))
                    .body("linkedBy", equalTo("PHONE"));
            ValidatableResponse linked = given().get("/api/v1/cases/{code}", first).then().statusCode(200)
                    .body("repeatCount", equalTo(3));
            assertThat(linked.extract().<List<String>> path("timeline.summary"))
                    .anyMatch(t -> t.contains("(cuộc gọi thứ 2, cùng địa chỉ hộ gia đình, số điện thoại khác)"))
                    .anyMatch(t -> t.contains("(cuộc gọi thứ 3, cùng số điện thoại)"));
            assertThat(linked.extract().<List<String>> path("timeline.summaryEn"))
                    .anyMatch(t -> t.contains("(call 2, same household address, another phone)"))
                    .anyMatch(t -> t.contains("(call 3, same phone)"));

            // The same text in another ward is another household; a vague address never links.
            String elsewhere = household(SampleEvents.PHU_CUONG, "Số " + house + " Đường Nguyễn Văn Tiết",
                    uniquePhone()).statusCode(201).extract().path("code");
            assertThat(elsewhere).isNotEqualTo(first);
            String vague1 = household(SampleEvents.LAI_THIEU, "Tổ 3, Khu phố 2", uniquePhone()).statusCode(201)
                    .extract().path("code");
            String vague2 = household(SampleEvents.LAI_THIEU, "Tổ 3, Khu phố 2", uniquePhone()).statusCode(201)
                    .extract().path("code");
            assertThat(vague2).isNotEqualTo(vague1);

            // Six phones about one house at once (two of them twice): one case, the other calls linked to it.
            int other = ThreadLocalRandom.current().nextInt(1, 100_000_000);
            List<String> phones = List.of(uniquePhone(), uniquePhone(), uniquePhone(), uniquePhone());
            List<String> spellings = List.of(other + " Đường Cách Mạng Tháng Tám", "Số " + other
                    + " đường Cách Mạng Tháng Tám, P. Tân An", "sn " + other + " d. cach mang thang tam",
                    other + " CÁCH MẠNG THÁNG TÁM", "số nhà " + other + ", Cách Mạng Tháng Tám", other
                    + " cach mang thang tam, phuong Tan An");
            List<Callable<ValidatableResponse>> calls = new ArrayList<>();
            for (int i = 0; i < spellings.size(); i++) {
                String address = spellings.get(i);
                String caller = phones.get(i % phones.size());
                calls.add(() -> household(TAN_AN, address, caller));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (Future<ValidatableResponse> f : pool.invokeAll(calls)) {
                statuses.add(f.get().extract().statusCode());
                codes.add(f.get().extract().path("code"));
            }
            assertThat(statuses).containsOnly(201, 200).filteredOn(s -> s == 201).hasSize(1);
            assertThat(codes).containsOnly(codes.get(0));
            UUID caseId = UUID.fromString(given().get("/api/v1/cases/{code}", codes.get(0)).then().statusCode(200)
                    .body("repeatCount", equalTo(6)).extract().path("id"));
            await().atMost(PATIENCE).until(() -> intake.stream().filter(r -> r.key().equals(caseId.toString()))
                    .count() == 6);
            assertThat(intake.stream().filter(r -> r.key().equals(caseId.toString())).map(r -> header(r, "ce_type")))
                    .filteredOn(t -> t.equals(EventType.CALL_RECEIVED.ceType())).hasSize(1);
        } finally {
            pool.shutdownNow();
            intake.stop();
        }
    }

    @Test
    void zoneColoursAreKeptWithHistoryAndRedZonesRaisePriority() {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            String ops = TestTokens.user("ops-zones", Roles.OPS).claim(CurrentUser.PROVINCE_CODES, List.of("74"))
                    .sign();
            String ward = SampleEvents.HIEP_THANH;
            given().auth().oauth2(ops).contentType(ContentType.JSON)
                    .body(Map.of("colour", "ORANGE", "reason", "3 ca F0 trong khu phố"))
                    .put("/api/v1/zones/{ward}", ward).then().statusCode(200).body("colour", equalTo("ORANGE"));
            given().auth().oauth2(ops).contentType(ContentType.JSON)
                    .body(Map.of("colour", "RED", "reason", "phong tỏa"))
                    .put("/api/v1/zones/{ward}", ward).then().statusCode(200)
                    .body("colour", equalTo("RED")).body("districtCode", equalTo(SampleEvents.THU_DAU_MOT))
                    .body("changedBy", equalTo("ops-zones"));
            // The same colour again changes nothing.
            given().auth().oauth2(ops).contentType(ContentType.JSON).body(Map.of("colour", "RED"))
                    .put("/api/v1/zones/{ward}", ward).then().statusCode(200);

            given().queryParam("provinceCode", SampleEvents.BINH_DUONG).get("/api/v1/zones").then().statusCode(200)
                    .body("find { it.wardCode == '" + ward + "' }.colour", equalTo("RED"));
            given().get("/api/v1/zones/{ward}/history", ward).then().statusCode(200)
                    .body("colour", equalTo(List.of("ORANGE", "RED")))
                    .body("previous", equalTo(java.util.Arrays.asList(null, "ORANGE")));

            List<ZoneStatusChanged> changes = await().atMost(PATIENCE).until(() -> intake.stream()
                    .filter(r -> r.key().equals(ward))
                    .map(r -> (ZoneStatusChanged) EventJson.fromJson(r.value(), EventType.ZONE_STATUS_CHANGED))
                    .toList(), l -> l.size() == 2);
            assertThat(changes).extracting(ZoneStatusChanged::current).containsExactly(ZoneColour.ORANGE,
                    ZoneColour.RED);
            assertThat(changes.get(1).previous()).isEqualTo(ZoneColour.ORANGE);

            Map<String, Object> call = call(UUID.randomUUID(), ward, List.of("FOOD"));
            call.put("caller", Map.of("phone", uniquePhone()));
            call.put("vulnerabilities", List.of());
            given().contentType(ContentType.JSON).body(call).post("/api/v1/calls").then().statusCode(201)
                    .body("priority", equalTo(60)) // food 45 + red zone 15
                    .body("priorityReasons.rule", equalTo(List.of("need FOOD", "red zone")));

            // Bad input and unknown wards change nothing.
            problem(given().auth().oauth2(ops).contentType(ContentType.JSON).body(Map.of("colour", "PURPLE"))
                    .put("/api/v1/zones/{ward}", ward), 400);
            problem(given().auth().oauth2(ops).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                    .put("/api/v1/zones/{ward}", ward), 400).body("errors.field", hasItem("colour"));
            problem(given().auth().oauth2(ops).contentType(ContentType.JSON).body(Map.of("colour", "RED"))
                    .put("/api/v1/zones/{ward}", "99999"), 404);
            given().auth().oauth2(TestTokens.user("agent-z", Roles.CALL_AGENT).sign()).contentType(ContentType.JSON)
                    .body(Map.of("colour", "GREEN")).put("/api/v1/zones/{ward}", ward).then().statusCode(403);
            given().get("/api/v1/zones/{ward}/history", ward).then().body("size()", equalTo(2));
        } finally {
            intake.stop();
        }
    }

    @Test
    void aMissedClockEscalatesOncePerLevelEvenWhenChecksRace() throws Exception {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            String code = openCase(SampleEvents.LAI_THIEU, List.of("EMERGENCY_TRANSPORT"), uniquePhone());
            UUID caseId = caseId(code);
            // 20 minutes later nobody has acted: the stored clock says so, whichever instance looks.
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    update hotline_case set opened_at = opened_at - interval '20 minutes',
                        first_action_due = first_action_due - interval '20 minutes',
                        resolution_due = resolution_due - interval '20 minutes' where code = ?1
                    """).setParameter(1, code).executeUpdate());
            given().get("/api/v1/cases/overdue").then().statusCode(200)
                    .body("code", hasItem(code))
                    .body("find { it.code == '" + code + "' }.sla.overdue", equalTo(true));

            Instant now = Instant.now();
            // Three checks at once (three instances, or the scheduler racing a restart), then one more.
            List<Callable<Integer>> checks = List.of(() -> slaClock.escalateOverdue(now),
                    () -> slaClock.escalateOverdue(now), () -> slaClock.escalateOverdue(now));
            for (Future<Integer> f : pool.invokeAll(checks)) {
                f.get();
            }
            slaClock.escalateOverdue(now.plusSeconds(1));
            given().get("/api/v1/cases/{code}", code).then().body("sla.escalationLevel", equalTo("DISTRICT"));

            // Past the resolution deadline too: one more level, once.
            slaClock.escalateOverdue(now.plus(Duration.ofHours(6)));
            slaClock.escalateOverdue(now.plus(Duration.ofHours(6)));
            slaClock.escalateOverdue(now.plus(Duration.ofHours(48)));
            List<String> timeline = given().get("/api/v1/cases/{code}", code).then()
                    .body("sla.escalationLevel", equalTo("PROVINCE"))
                    // Waiting counts: transport 90 + 2 levels × 10, capped at 100.
                    .body("priority", equalTo(100))
                    .body("priorityReasons.rule", hasItem("overdue, escalated to the province level"))
                    .extract().path("timeline.type");
            assertThat(timeline).filteredOn(t -> t.equals("CaseEscalated")).hasSize(2);

            List<CaseEscalated> escalations = await().atMost(PATIENCE).until(() -> escalations(intake, caseId),
                    l -> l.size() == 2);
            assertThat(escalations).extracting(CaseEscalated::level).containsExactly(EscalationLevel.DISTRICT,
                    EscalationLevel.PROVINCE);
            assertThat(escalations.get(0).reason()).startsWith("no first action by");
            assertThat(escalations.get(1).reason()).contains("not resolved by");
            assertThat(escalations.get(0).needs()).containsExactly(Need.EMERGENCY_TRANSPORT);
            assertThat(escalations.get(0).location().wardCode()).isEqualTo(SampleEvents.LAI_THIEU);
        } finally {
            pool.shutdownNow();
            intake.stop();
        }
    }

    /**
     * "Escalates once and only once, also across a restart". A @QuarkusTest cannot restart its own application, and
     * the e2e kill-and-restart would need a minute-long scheduler wait; what a restart can do to a check is done here
     * instead, with the real SlaClock and database. SlaClock keeps nothing in memory between checks (no fields but
     * injected beans): the level reached is on the case row, so a new instance's check is just a check in a fresh
     * transaction reading that row. Two ways a restart meets an escalation: (1) the instance dies in the middle of
     * one — its transaction holds the row lock and is rolled back, so nothing was published and the level is not
     * raised; a check by another (or the restarted) instance skips the locked row meanwhile, then escalates once after
     * the rollback. (2) The new instance's first checks after a committed escalation, each in a new transaction and
     * with a later clock: nothing more until the next deadline is missed. Not proven here: a real process kill (the
     * database side of it is the rollback above).
     */
    @Test
    void anEscalationHappensOnceAcrossAnInstanceDyingMidCheckAndARestartedInstance() throws Exception {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        ExecutorService dying = Executors.newSingleThreadExecutor();
        try {
            String code = openCase(SampleEvents.PHU_CUONG, List.of("FOOD"), uniquePhone());
            UUID caseId = caseId(code);
            // Three hours on, no first action (hardship: 2 h); not yet past resolution (5 h).
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    update hotline_case set opened_at = opened_at - interval '3 hours',
                        first_action_due = first_action_due - interval '3 hours',
                        resolution_due = resolution_due - interval '3 hours' where code = ?1
                    """).setParameter(1, code).executeUpdate());
            Instant now = Instant.now();

            // (1) An instance has the row locked mid-escalation when it is killed.
            java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
            Future<?> victim = dying.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("select id from hotline_case where id = ?1 for update", UUID.class)
                        .setParameter(1, caseId).getSingleResult();
                em.createNativeQuery("update hotline_case set escalation_level = 1 where id = ?1")
                        .setParameter(1, caseId).executeUpdate();
                locked.countDown();
                await().atMost(PATIENCE).until(() -> killed.getCount() == 0);
                throw new IllegalStateException("killed"); // the database rolls back a dead instance's transaction
            }));
            await().atMost(PATIENCE).until(() -> locked.getCount() == 0);
            slaClock.escalateOverdue(now); // the other instance skips the locked row, it does not wait for it
            killed.countDown();
            assertThat(org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    victim::get)).hasRootCauseMessage("killed");
            given().get("/api/v1/cases/{code}", code).then().body("sla.escalationLevel", equalTo("WARD"));

            slaClock.escalateOverdue(now.plusSeconds(60));
            // (2) The restarted instance: no state but the row (each check is a new transaction, a new persistence
            // context), its checks later and later, all before the next deadline.
            for (int minutes : new int[] { 2, 3, 60 }) {
                slaClock.escalateOverdue(now.plus(Duration.ofMinutes(minutes)));
            }
            List<String> timeline = given().get("/api/v1/cases/{code}", code).then()
                    .body("sla.escalationLevel", equalTo("DISTRICT")).extract().path("timeline.type");
            assertThat(timeline).filteredOn(t -> t.equals("CaseEscalated")).hasSize(1);
            // Nothing more reaches the broker either (the outbox relays only committed rows).
            await().atMost(PATIENCE).until(() -> escalations(intake, caseId).size() == 1);
            await().during(Duration.ofSeconds(3)).atMost(PATIENCE).until(() -> escalations(intake, caseId).size() == 1);
            assertThat(escalations(intake, caseId).get(0).level()).isEqualTo(EscalationLevel.DISTRICT);
        } finally {
            dying.shutdownNow();
            intake.stop();
        }
    }

    @Test
    void theCitizenTracksTheCaseAndConfirmsWhetherHelpArrived() {
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            String phone = uniquePhone();
            String code = openCase(SampleEvents.PHU_CUONG, List.of("FOOD"), phone);
            UUID caseId = caseId(code);
            String intl = "+84" + phone.substring(1);

            given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", intl))
                    .post("/api/v1/public/cases/{code}/lookup", code).then()
                    .statusCode(200).body("code", equalTo(code)).body("status", equalTo("OPEN"))
                    .body("lastStep", startsWith("Nhận cuộc gọi tại"))
                    .body("caller", nullValue()).body("needs", nullValue())
                    // What is pending, in words, without the need codes.
                    .body("progress.text", equalTo(List.of("chờ xét duyệt cứu trợ")))
                    .body(not(org.hamcrest.Matchers.containsString("Nguyễn")));
            // Someone else's phone, an unknown code: the same 404.
            problem(given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", uniquePhone()))
                    .post("/api/v1/public/cases/{code}/lookup", code), 404);
            problem(given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", phone))
                    .post("/api/v1/public/cases/{code}/lookup", "BD-20200101-9999"), 404);
            problem(given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", "call me"))
                    .post("/api/v1/public/cases/{code}/lookup", code), 400).body("errors.field", hasItem("phone"));
            problem(given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", phone))
                    .post("/api/v1/public/cases/{code}/confirmation", code), 400)
                    .body("errors.field", hasItem("helped"));

            given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", phone, "helped", true))
                    .post("/api/v1/public/cases/{code}/confirmation", code).then().statusCode(200)
                    .body("status", equalTo("RESOLVED"));
            // Then "help has not come" after all: back in progress, counted as overdue and escalated.
            given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", phone, "helped", false))
                    .post("/api/v1/public/cases/{code}/confirmation", code).then().statusCode(200)
                    .body("status", equalTo("IN_PROGRESS"));
            given().get("/api/v1/cases/{code}", code).then().body("sla.reopenCount", equalTo(1))
                    .body("sla.overdue", equalTo(true));
            slaClock.escalateOverdue(Instant.now());
            given().get("/api/v1/cases/{code}", code).then().body("sla.escalationLevel", equalTo("DISTRICT"));

            given().auth().none().contentType(ContentType.JSON).body(Map.of("phone", spaced(phone), "helped", true))
                    .post("/api/v1/public/cases/{code}/confirmation", code).then().statusCode(200)
                    .body("status", equalTo("RESOLVED"))
                    .body("lastStep", equalTo("Người gọi xác nhận đã nhận được hỗ trợ"));
            given().get("/api/v1/cases/{code}", code).then().body("sla.resolvedAt", notNullValue())
                    .body("sla.overdue", equalTo(false));

            List<String> types = await().atMost(PATIENCE).until(() -> intake.stream()
                    .filter(r -> r.key().equals(caseId.toString())).map(r -> header(r, "ce_type")).toList(),
                    l -> l.size() == 5);
            assertThat(types).containsExactly(EventType.CALL_RECEIVED.ceType(), EventType.CASE_RESOLVED.ceType(),
                    EventType.CASE_REOPENED.ceType(), EventType.CASE_ESCALATED.ceType(),
                    EventType.CASE_RESOLVED.ceType());

            // Resolved: the next call from this phone is a new problem, a new case.
            String next = openCase(SampleEvents.PHU_CUONG, List.of("INFORMATION"), phone);
            assertThat(next).isNotEqualTo(code);
        } finally {
            intake.stop();
        }
    }

    @Test
    void workQueuesFilterPageAndSearchIgnoringDiacritics() {
        String phone = uniquePhone();
        Map<String, Object> call = call(UUID.randomUUID(), PHU_LOI, List.of("RENT_SUPPORT"));
        call.put("caller", Map.of("name", "Lê Thị Đào", "phone", spaced(phone)));
        call.put("location", Map.of("wardCode", PHU_LOI, "addressText", "Hẻm 12 đường Yersin, khu phố Đồng Chiêu"));
        String code = given().contentType(ContentType.JSON).body(call).post("/api/v1/calls").then().statusCode(201)
                .extract().path("code");

        for (String q : List.of("thu dau mot", "le thi dao", "Đào", "dong chieu yersin", "phu loi",
                "+84" + phone.substring(1), spaced(phone), code.toLowerCase())) {
            given().queryParam("q", q).get("/api/v1/cases").then().statusCode(200).body("code", hasItem(code));
        }
        given().queryParam("q", "yersin zzqx").get("/api/v1/cases").then().statusCode(200)
                .body("code", not(hasItem(code)));

        given().queryParam("districtCode", SampleEvents.THU_DAU_MOT).queryParam("wardCode", PHU_LOI)
                .queryParam("need", "RENT_SUPPORT").queryParam("status", "OPEN").queryParam("agentId", "agent-07")
                .queryParam("minPriority", 25).queryParam("overdue", false)
                .get("/api/v1/cases").then().statusCode(200).body("code", hasItem(code));
        given().queryParam("wardCode", PHU_LOI).queryParam("minPriority", 90).get("/api/v1/cases").then()
                .statusCode(200).body("code", not(hasItem(code)));
        given().queryParam("wardCode", PHU_LOI).queryParam("need", "FOOD").get("/api/v1/cases").then()
                .statusCode(200).body("code", not(hasItem(code)));

        // Paging: size 1, the total in a header.
        openCase(PHU_LOI, List.of("INFORMATION"), uniquePhone());
        var page0 = given().queryParam("wardCode", PHU_LOI).queryParam("size", 1).get("/api/v1/cases").then()
                .statusCode(200).body("size()", equalTo(1)).extract();
        int total = Integer.parseInt(page0.header("X-Total-Count"));
        assertThat(total).isGreaterThanOrEqualTo(2);
        String second = given().queryParam("wardCode", PHU_LOI).queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/cases").then().statusCode(200).extract().path("[0].code");
        assertThat(second).isNotEqualTo(page0.path("[0].code"));

        problem(given().queryParam("need", "TELEPORT").get("/api/v1/cases"), 400).body("errors.field", hasItem("need"));
        problem(given().queryParam("minPriority", 101).get("/api/v1/cases"), 400)
                .body("errors.field", hasItem("minPriority"));
        problem(given().queryParam("districtCode", "x").queryParam("size", 0).get("/api/v1/cases"), 400)
                .body("errors.field", hasItems("districtCode", "size"));
    }

    @Test
    void theWeeklyReportCountsCasesTimesBreachesAndRepeatCalls() {
        String phone = uniquePhone();
        String code = openCase(SampleEvents.PHU_CUONG, List.of("CASH_SUPPORT"), phone);
        assertThat(openCase(SampleEvents.PHU_CUONG, List.of("CASH_SUPPORT"), phone)).isEqualTo(code);
        String ops = TestTokens.user("ops-report", Roles.OPS).sign();
        String from = LocalDate.now(VIETNAM).minusDays(3).toString();

        given().auth().oauth2(ops).queryParam("from", from).get("/api/v1/reports/weekly").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("from", equalTo(from))
                .body("byNeed.CASH_SUPPORT", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("byDistrict.'718 Thủ Dầu Một'", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("byStatus.OPEN", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("repeatCalls", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("toFirstAction", notNullValue())
                .body("slaBreaches", notNullValue());
        String csv = given().auth().oauth2(ops).accept("text/csv").queryParam("from", from)
                .get("/api/v1/reports/weekly").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        assertThat(csv).startsWith("section,key,value\n").contains("need,CASH_SUPPORT,")
                .contains("total,repeat_call_rate,").contains("minutes_to_first_action,median,");
        // A week long ago: nothing in it.
        given().auth().oauth2(ops).queryParam("from", "2021-08-16").get("/api/v1/reports/weekly").then()
                .statusCode(200).body("cases", equalTo(0)).body("toFirstAction.median", nullValue());
        problem(given().auth().oauth2(ops).queryParam("from", "2021-02-30").get("/api/v1/reports/weekly"), 400)
                .body("errors.field", hasItem("from"));
        problem(given().auth().oauth2(ops).get("/api/v1/reports/weekly"), 400);
    }

    @Test
    void lastWeeksReportsAreIssuedOncePerAreaEvenByTwoInstancesAtOnce() throws Exception {
        // Two cases of Thủ Dầu Một (718) opened last Tuesday: the only cases of that week in this database.
        List<String> codes = List.of(openCase(SampleEvents.PHU_CUONG, List.of("FOOD"), uniquePhone()),
                openCase(SampleEvents.PHU_CUONG, List.of("MEDICAL_CONSULTATION"), uniquePhone()));
        Instant now = Instant.now();
        LocalDate lastTuesday = LocalDate.now(VIETNAM).with(java.time.temporal.TemporalAdjusters
                .previousOrSame(java.time.DayOfWeek.MONDAY)).minusWeeks(1).plusDays(1);
        Instant opened = lastTuesday.atTime(9, 30).atZone(VIETNAM).toInstant();
        QuarkusTransaction.requiringNew().run(() -> HotlineCase.getEntityManager()
                .createNativeQuery("update hotline_case set opened_at = ?1 where code in (?2, ?3)")
                .setParameter(1, opened).setParameter(2, codes.get(0)).setParameter(3, codes.get(1))
                .executeUpdate());
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            // The Monday job on two instances at the same moment, then once more (a restart): each area once.
            java.util.concurrent.Callable<Integer> mondayJob = () -> issuer.issueLastWeek(now);
            List<Future<Integer>> runs = instances.invokeAll(List.of(mondayJob, mondayJob));
            int issued = 0;
            for (Future<Integer> run : runs) {
                issued += run.get();
            }
            assertThat(issued).isEqualTo(2); // Bình Dương, and Thủ Dầu Một
            assertThat(issuer.issueLastWeek(now)).isZero();

            await().atMost(PATIENCE).until(() -> reports(intake).size() >= 2);
            List<WeeklyReportIssued> reports = reports(intake);
            assertThat(reports).extracting(r -> r.level() + " " + r.areaCode())
                    .containsExactlyInAnyOrder("PROVINCE 74", "DISTRICT 718");
            assertThat(reports).allSatisfy(r -> {
                assertThat(r.cases()).isEqualTo(2);
                assertThat(r.weekStart()).isEqualTo(lastTuesday.minusDays(1));
                assertThat(r.csv()).startsWith("section,key,value\n").contains("total,cases,2");
                assertThat(r.summary()).startsWith("Tuần ").contains("2 hồ sơ");
            });
            String ops = TestTokens.user("ops-weekly", Roles.OPS).sign();
            given().auth().oauth2(ops).get("/api/v1/reports/weekly/issued").then().statusCode(200)
                    .body("findAll { it.weekStart == '" + lastTuesday.minusDays(1) + "' }.areaCode",
                            hasItems("74", "718"));
        } finally {
            instances.shutdownNow();
            intake.stop();
        }
    }

    @Test
    void theTimelineFollowsThePatientToHospitalInVietnamese() {
        String code = openCase(TAN_AN, List.of("HOSPITAL_ADMISSION"), uniquePhone());
        UUID caseId = caseId(code);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        UUID transportId = UUID.randomUUID();
        UUID referralId = UUID.randomUUID();
        UUID teamId = UUID.randomUUID();
        UUID hospitalId = UUID.randomUUID();
        var dispatched = CloudEventRecords.of(new TransportDispatched(caseId, code, now, transportId, referralId,
                teamId, "TA-05", "Tổ PƯN Tân An", hospitalId, "74001", "Bệnh viện Đa khoa tỉnh Bình Dương",
                BedType.OXYGEN, now.minusSeconds(60)));
        // Dispatch's event is delivered twice: one timeline entry.
        companion.produceStrings().fromRecords(dispatched, dispatched,
                CloudEventRecords.of(new PatientPickedUp(caseId, code, now.plusMillis(1), transportId, referralId,
                        teamId, "74001")),
                CloudEventRecords.of(new PatientHandedOver(caseId, code, now.plusMillis(2), transportId, referralId,
                        teamId, hospitalId, "74001")))
                .awaitCompletion(PATIENCE);
        companion.produceStrings().fromRecords(CloudEventRecords.of(new PatientAdmitted(caseId, code,
                now.plusMillis(3), referralId, hospitalId, "74001", "Bệnh viện Đa khoa tỉnh Bình Dương",
                BedType.OXYGEN, now.plusMillis(2), PatientAdmitted.HANDED_OVER_BY_TEAM))).awaitCompletion(PATIENCE);

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/cases/{code}", code).then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("timeline.type", equalTo(List.of("CallReceived", "TransportDispatched", "PatientPickedUp",
                        "PatientHandedOver", "PatientAdmitted"))));
        ValidatableResponse read = given().get("/api/v1/cases/{code}", code).then();
        List<String> summaries = read.extract().path("timeline.summary");
        assertThat(summaries.get(1)).isEqualTo("Xe cứu thương TA-05 đang đến đón bệnh nhân đưa đến Bệnh viện Đa khoa"
                + " tỉnh Bình Dương (giường có ô-xy)");
        assertThat(summaries.get(2)).isEqualTo("Đã đón bệnh nhân, đang chuyển đến bệnh viện");
        assertThat(summaries.get(3)).isEqualTo("Đã bàn giao bệnh nhân cho bệnh viện 74001");
        assertThat(summaries.get(4)).isEqualTo("Bệnh viện Đa khoa tỉnh Bình Dương đã tiếp nhận bệnh nhân vào điều"
                + " trị (tổ vận chuyển bàn giao)");
        // The console's English switch has the same steps in English.
        List<String> english = read.extract().path("timeline.summaryEn");
        assertThat(english.get(1)).isEqualTo("Ambulance TA-05 on its way to take the patient to Bệnh viện Đa khoa"
                + " tỉnh Bình Dương (OXYGEN bed)");
        assertThat(english.get(4)).isEqualTo("Bệnh viện Đa khoa tỉnh Bình Dương admitted the patient (handed over by"
                + " the transport team)");
        // The transport was the first action on the case.
        String firstAction = given().get("/api/v1/cases/{code}", code).then().extract().path("sla.firstActionAt");
        assertThat(Instant.parse(firstAction)).isEqualTo(now);
    }

    private static List<WeeklyReportIssued> reports(ConsumerTask<String, String> intake) {
        return intake.stream().filter(r -> EventType.WEEKLY_REPORT_ISSUED.ceType().equals(header(r, "ce_type")))
                .map(r -> (WeeklyReportIssued) EventJson.fromJson(r.value(), EventType.WEEKLY_REPORT_ISSUED)).toList();
    }

    @Test
    void aQuestionAnsweredOnThePhoneIsResolvedAtOnceAndAViolationReportGoesToTheOfficials() {
        Map<String, Object> question = call(UUID.randomUUID(), TAN_AN, List.of("INFORMATION"));
        question.put("answeredOnCall", true);
        String code = given().contentType(ContentType.JSON).body(question).post("/api/v1/calls").then()
                .statusCode(201).extract().path("code");
        given().get("/api/v1/cases/{code}", code).then().statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("sla.firstActionAt", notNullValue())
                .body("sla.resolvedAt", notNullValue())
                .body("timeline.type", hasItems("CallReceived", "CaseResolved"));

        // Only a question can be answered on the phone: anything else needs a service to act.
        Map<String, Object> food = call(UUID.randomUUID(), TAN_AN, List.of("FOOD", "INFORMATION"));
        food.put("answeredOnCall", true);
        problem(given().contentType(ContentType.JSON).body(food).post("/api/v1/calls"), 400)
                .body("errors.field", hasItem("answeredOnCall"));

        Map<String, Object> violation = call(UUID.randomUUID(), TAN_AN, List.of("VIOLATION_REPORT"));
        violation.put("notes", "Quán karaoke vẫn mở cửa trong thời gian giãn cách");
        String reported = given().contentType(ContentType.JSON).body(violation).post("/api/v1/calls").then()
                .statusCode(201).extract().path("code");
        given().get("/api/v1/cases/{code}", reported).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("sla.firstActionAt", notNullValue())
                .body("timeline[0].summary",
                        org.hamcrest.Matchers.containsString("; đã chuyển cán bộ quận/huyện xác minh"))
                .body("timeline[0].summaryEn",
                        org.hamcrest.Matchers.containsString("sent to the district's officials"));
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndOpensNothing() {
        String before = given().queryParam("size", 1).get("/api/v1/cases").then().statusCode(200)
                .extract().header("X-Total-Count");

        Map<String, Object> bad = call(UUID.randomUUID(), "123", List.of());
        bad.put("householdSize", 0);
        bad.put("caller", Map.of("phone", "call me", "name", "x".repeat(201)));
        bad.put("notes", "n".repeat(2001));
        problem(given().contentType(ContentType.JSON).body(bad).post("/api/v1/calls"), 400)
                .body("errors.field", hasItems("location.wardCode", "needs", "householdSize", "caller.phone",
                        "caller.name", "notes"));

        // Malformed phones, one at a time.
        for (String phone : List.of("0123", "+1 415 555 0100", "0912 345 678 999", "84")) {
            Map<String, Object> call = call(UUID.randomUUID(), SampleEvents.LAI_THIEU, List.of("FOOD"));
            call.put("caller", Map.of("phone", phone));
            problem(given().contentType(ContentType.JSON).body(call).post("/api/v1/calls"), 400)
                    .body("errors.field", equalTo(List.of("caller.phone")));
        }

        // Well-formed but no such ward.
        problem(given().contentType(ContentType.JSON).body(call(UUID.randomUUID(), "99999", List.of("FOOD")))
                .post("/api/v1/calls"), 400).body("errors.field", hasItem("location.wardCode"));

        Map<String, Object> unknownNeed = call(UUID.randomUUID(), SampleEvents.LAI_THIEU, List.of("TELEPORT"));
        problem(given().contentType(ContentType.JSON).body(unknownNeed).post("/api/v1/calls"), 400);
        problem(given().contentType(ContentType.JSON).body("{\"channel\": ").post("/api/v1/calls"), 400);
        problem(given().contentType(ContentType.JSON).body("").post("/api/v1/calls"), 400);

        problem(given().get("/api/v1/cases/{code}", "BD-20210817-9999"), 404);
        problem(given().get("/api/v1/cases/{code}", "not-a-code"), 400);
        problem(given().queryParam("status", "LOST").get("/api/v1/cases"), 400);

        given().queryParam("size", 1).get("/api/v1/cases").then().statusCode(200)
                .header("X-Total-Count", equalTo(before));
    }

    @Test
    void referenceDataHealthAndOpenApiAreServed() {
        given().get("/api/v1/admin-units/provinces/{code}/districts", "74").then().statusCode(200)
                .body("name", hasItem("Thuận An"));
        given().get("/api/v1/admin-units/districts/{code}/wards", "725").then().statusCode(200)
                .body("find { it.code == '25966' }.name", equalTo("Lái Thiêu"));
        problem(given().get("/api/v1/admin-units/provinces/{code}/districts", "00"), 404);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", org.hamcrest.Matchers
                .hasKey("/api/v1/calls"));
    }

    private static List<CaseEscalated> escalations(ConsumerTask<String, String> intake, UUID caseId) {
        return intake.stream().filter(r -> r.key().equals(caseId.toString()))
                .filter(r -> EventType.CASE_ESCALATED.ceType().equals(header(r, "ce_type")))
                .map(r -> (CaseEscalated) EventJson.fromJson(r.value(), EventType.CASE_ESCALATED)).toList();
    }

    private static String openCase(String ward, List<String> needs, String phone) {
        Map<String, Object> call = call(UUID.randomUUID(), ward, needs);
        call.put("caller", Map.of("name", "Nguyễn Thị Bình", "phone", spaced(phone)));
        call.put("vulnerabilities", List.of());
        return given().contentType(ContentType.JSON).body(call).post("/api/v1/calls").then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("code");
    }

    /** A call from {@code phone} about {@code address} in {@code ward}, answered. */
    private static ValidatableResponse household(String ward, String address, String phone) {
        Map<String, Object> call = call(UUID.randomUUID(), ward, List.of("FOOD"));
        call.put("caller", Map.of("name", "Trần Văn Nam", "phone", spaced(phone)));
        call.put("location", Map.of("wardCode", ward, "addressText", address));
        call.put("vulnerabilities", List.of());
        return given().contentType(ContentType.JSON).body(call).post("/api/v1/calls").then();
    }

    private static UUID caseId(String code) {
        return UUID.fromString(given().get("/api/v1/cases/{code}", code).then().statusCode(200).extract().path("id"));
    }

    private static int number(String code) {
        return Integer.parseInt(code.split("-")[2]);
    }

    /** A mobile number no other test uses, e.g. 0931234567. */
    private static String uniquePhone() {
        return "093" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** "0931234567" as agents type it: "0931 234 567". */
    private static String spaced(String phone) {
        return phone.substring(0, 4) + " " + phone.substring(4, 7) + " " + phone.substring(7);
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status).contentType("application/problem+json");
    }

    private static Map<String, Object> call(UUID callId, String ward, List<String> needs) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", callId);
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Nguyễn Thị Bình", "phone", spaced(uniquePhone())));
        // A house number no other call uses: calls about one household address are linked into one case.
        call.put("location", Map.of("wardCode", ward, "addressText",
                ThreadLocalRandom.current().nextInt(1, 100_000_000) + " Đường Cách Mạng Tháng Tám"));
        call.put("needs", needs);
        call.put("householdSize", 4);
        call.put("vulnerabilities", List.of("ELDERLY", "CHRONIC_ILLNESS"));
        call.put("agentId", "agent-07");
        return call;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

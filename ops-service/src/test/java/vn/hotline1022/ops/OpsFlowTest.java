package vn.hotline1022.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.EscalationLevel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/** ops-service against the real broker and database: dead letters, lag and stalls, case traces, alerts. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class OpsFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final String ops = TestTokens.user("ops1", "ops").sign();

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    /** The live view the ops page reads: server-sent overview events, the first at once, then one per sample. */
    @Test
    void theOverviewStreamsAnEventPerSample() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + ops).build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try (var lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            // Two overview events with their data: the stream goes on, it is not one answer.
            List<String> events = CompletableFuture.supplyAsync(() -> lines.filter(l -> l.startsWith("data:"))
                    .limit(2).toList()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(events).hasSize(2).allSatisfy(data -> assertThat(data).contains("\"groups\"", "\"topics\""));
        }
        // EventSource cannot send the token: the stream is no less protected for it.
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(stream).header("Accept",
                "text/event-stream").build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    }

    /**
     * The ops page's throughput chart opens with the samples ops-service took before, not empty: the history holds the
     * latest sample with a new topic's rate in it, oldest first, never a dead-letter topic.
     */
    @Test
    void theFlowHistoryHoldsTheSamplesTakenForTheThroughputChart() {
        String topic = "hotline.test.history-" + UUID.randomUUID().toString().substring(0, 8);
        companion.produceStrings().fromRecords(List.of(new ProducerRecord<>(topic, "k", "1")))
                .awaitCompletion(Duration.ofSeconds(30));
        Instant produced = Instant.now();
        List<Map<String, Object>> points = await().atMost(WAIT).until(() -> given().auth().oauth2(ops)
                .get("/api/v1/flow/history").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>> getList("throughput"), p -> !p.isEmpty() && latest(p).containsKey(topic)
                        && !Instant.parse((String) p.get(p.size() - 1).get("at")).isBefore(produced));
        assertThat(points).hasSizeLessThanOrEqualTo(90);
        List<Instant> times = points.stream().map(p -> Instant.parse((String) p.get("at"))).toList();
        assertThat(times).isSorted().doesNotHaveDuplicates();
        assertThat(points).allSatisfy(p -> assertThat(rates(p).keySet()).noneMatch(t -> t.endsWith(".dlq")));
        assertThat(latest(points).get(topic)).isInstanceOf(Number.class);
    }

    @Test
    void anEventItsConsumerCouldNotHandleIsADeadLetterThatAReplayHandsBackOnce() throws Exception {
        // The consumer's database refuses escalations for a while (a broken migration, a full disk): three attempts,
        // then the dead-letter topic.
        sql("alter table signal add constraint refuse_escalations check (kind <> 'SLA_ESCALATIONS') not valid");
        CallReceived call = SampleEvents.callReceived(SampleEvents.THU_DAU_MOT, SampleEvents.PHU_CUONG,
                Need.EMERGENCY_TRANSPORT);
        CaseEscalated escalated = new CaseEscalated(call.caseId(), call.caseCode(), Instant.now(),
                EscalationLevel.DISTRICT, "FIRST_ACTION_OVERDUE", call.needs(), call.location(), 90);
        UUID eventId = UUID.randomUUID();
        publish(CloudEventRecords.of(eventId, escalated));

        JsonPath letter = await().atMost(WAIT).until(() -> given().auth().oauth2(ops)
                .queryParam("consumer", "ops-service").queryParam("type", "CaseEscalated")
                .get("/api/v1/dead-letters").then().statusCode(200).extract().jsonPath(),
                j -> j.getList("findAll { it.ceId == '" + eventId + "' }").size() == 1);
        String prefix = "find { it.ceId == '" + eventId + "' }.";
        String id = letter.getString(prefix + "id");
        assertThat(letter.getString(prefix + "status")).isEqualTo("NEW");
        assertThat(letter.getString(prefix + "originalTopic")).isEqualTo(Topics.INTAKE);
        assertThat(letter.getString(prefix + "deadLetterTopic")).isEqualTo("hotline.intake.events.ops-service.dlq");
        assertThat(letter.getString(prefix + "caseId")).isEqualTo(call.caseId().toString());
        assertThat(letter.getString(prefix + "error")).contains("failed 3 times").contains("refuse_escalations");
        assertThat(letter.getInt(prefix + "attempts")).isEqualTo(3);

        // The payload is shown, the address in it is not.
        JsonPath one = given().auth().oauth2(ops).get("/api/v1/dead-letters/{id}", id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(one.getString("payload")).contains("FIRST_ACTION_OVERDUE").doesNotContain("Cách Mạng");
        assertThat(one.getMap("headers")).containsEntry("ce_id", eventId.toString())
                .containsEntry("ce_type", "vn.hotline1022.intake.CaseEscalated.v1");

        // Fixed: the replay goes back to the topic with the same ce_id and the consumer handles it this time.
        sql("alter table signal drop constraint refuse_escalations");
        given().auth().oauth2(ops).post("/api/v1/dead-letters/{id}/replay", id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("REPLAYED"))
                .body("handledBy", org.hamcrest.Matchers.equalTo("ops1"));
        await().atMost(WAIT).until(() -> count("select count(*) from signal where kind = 'SLA_ESCALATIONS' "
                + "and subject = '" + SampleEvents.THU_DAU_MOT + "'") == 1);
        assertThat(count("select count(*) from messaging_inbox where event_id = '" + eventId + "'")).isEqualTo(1);
        // Nobody replays it twice, and a replayed letter cannot be discarded.
        given().auth().oauth2(ops).post("/api/v1/dead-letters/{id}/replay", id).then().statusCode(409);
        given().auth().oauth2(ops).contentType(ContentType.JSON).body(Map.of("reason", "dup"))
                .post("/api/v1/dead-letters/{id}/discard", id).then().statusCode(409);
    }

    @Test
    void aLetterThatCanNeverBeReadIsDiscardedWithItsReason() {
        ReferralExpired expired = new ReferralExpired(UUID.randomUUID(), "BD-20210817-0099", Instant.now(),
                UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "74001");
        UUID eventId = UUID.randomUUID();
        ProducerRecord<String, String> good = CloudEventRecords.of(eventId, expired);
        ProducerRecord<String, String> broken = new ProducerRecord<>(good.topic(), null, good.key(),
                "{\"caseId\": \"not a uuid, phone 0912345678\"", good.headers());
        publish(broken);

        String id = await().atMost(WAIT).until(() -> given().auth().oauth2(ops)
                .queryParam("topic", Topics.REFERRAL).get("/api/v1/dead-letters").then().statusCode(200)
                .extract().<String> path("find { it.ceId == '" + eventId + "' }.id"), v -> v != null);
        JsonPath one = given().auth().oauth2(ops).get("/api/v1/dead-letters/{id}", id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(one.getString("error")).contains("not a valid");
        assertThat(one.getInt("attempts")).isEqualTo(1);
        assertThat(one.getString("payload")).startsWith("(not JSON").doesNotContain("0912345678");

        given().auth().oauth2(ops).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post("/api/v1/dead-letters/{id}/discard", id).then().statusCode(400);
        given().auth().oauth2(ops).contentType(ContentType.JSON)
                .body(Map.of("reason", "Dữ liệu hỏng, đã báo nhóm referral (broken data)"))
                .post("/api/v1/dead-letters/{id}/discard", id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("DISCARDED"));
        given().auth().oauth2(ops).post("/api/v1/dead-letters/{id}/replay", id).then().statusCode(409);
        given().auth().oauth2(ops).queryParam("status", "DISCARDED").get("/api/v1/dead-letters").then()
                .statusCode(200).body("find { it.id == '" + id + "' }.handledBy", org.hamcrest.Matchers.equalTo("ops1"));
    }

    @Test
    void aConsumerThatStopsShowsGrowingLagTurnsStalledRaisesAnAlertAndRecovers() throws Exception {
        String topic = "hotline.test.stall-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "stall-probe-" + UUID.randomUUID().toString().substring(0, 8);
        ConsumerTask<String, String> alerts = companion.consumeStrings().fromTopics(Topics.OPS);
        companion.produceStrings().fromRecords(List.of(new ProducerRecord<>(topic, "k", "0")))
                .awaitCompletion(Duration.ofSeconds(30));
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            drain(consumer, 1);
            List<ProducerRecord<String, String>> waiting = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                waiting.add(new ProducerRecord<>(topic, "k", String.valueOf(i)));
            }
            companion.produceStrings().fromRecords(waiting).awaitCompletion(Duration.ofSeconds(30));
            // The consumer stops polling: lag 10, over the threshold of 3, then no progress for the stall window.
            await().atMost(WAIT).until(() -> state(group, topic), s -> "LAGGING".equals(s) || "STALLED".equals(s));
            await().atMost(WAIT).until(() -> state(group, topic), "STALLED"::equals);
            given().auth().oauth2(ops).get("/api/v1/consumer-groups").then().statusCode(200)
                    .body("find { it.group == '" + group + "' }.lag", org.hamcrest.Matchers.equalTo(10))
                    .body("find { it.group == '" + group + "' }.trend.size()", org.hamcrest.Matchers.greaterThan(1));
            String subject = group + " / " + topic;
            await().atMost(WAIT).until(() -> given().auth().oauth2(ops).queryParam("state", "OPEN")
                    .get("/api/v1/alerts").then().statusCode(200).extract()
                    .<String> path("find { it.rule == 'CONSUMER_STALLED' && it.subject == '" + subject + "' }.id"),
                    v -> v != null);
            await().atMost(WAIT).until(() -> alerts.getRecords().stream()
                    .anyMatch(r -> header(r, "ce_type").equals("vn.hotline1022.ops.OpsAlertRaised.v1")
                            && r.value().contains(subject)));

            // It resumes and catches up: OK again, the alert resolved and announced.
            drain(consumer, 10);
            await().atMost(WAIT).until(() -> state(group, topic), "OK"::equals);
            await().atMost(WAIT).until(() -> given().auth().oauth2(ops).queryParam("state", "RESOLVED")
                    .get("/api/v1/alerts").then().statusCode(200).extract()
                    .<String> path("find { it.rule == 'CONSUMER_STALLED' && it.subject == '" + subject + "' }.id"),
                    v -> v != null);
            await().atMost(WAIT).until(() -> alerts.getRecords().stream()
                    .anyMatch(r -> header(r, "ce_type").equals("vn.hotline1022.ops.OpsAlertResolved.v1")
                            && r.value().contains(subject)));
        } finally {
            alerts.close();
        }
        given().auth().oauth2(ops).get("/api/v1/topics").then().statusCode(200)
                .body("find { it.topic == '" + topic + "' }.endOffset", org.hamcrest.Matchers.equalTo(11));
        // Throughput: the messages that arrive after the sampler has seen the topic count towards its rate.
        companion.produceStrings().fromRecords(List.of(new ProducerRecord<>(topic, "k", "12"),
                new ProducerRecord<>(topic, "k", "13"))).awaitCompletion(Duration.ofSeconds(30));
        await().atMost(WAIT).until(() -> given().auth().oauth2(ops).get("/api/v1/topics").then().statusCode(200)
                .extract().<Float> path("find { it.topic == '" + topic + "' && it.endOffset == 13 }.ratePerSecond1m"),
                rate -> rate != null && rate > 0);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("hotline_ops_consumer_lag{group=\"" + group + "\",topic=\"" + topic + "\"}");
    }

    @Test
    void theTraceOfACaseListsItsEventsInOrderWithTheTimeFromTheCall() {
        UUID caseId = UUID.randomUUID();
        Instant called = Instant.now().minusSeconds(120);
        CallReceived sample = SampleEvents.callReceived(caseId, SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU, 90,
                Need.EMERGENCY_TRANSPORT);
        String code = "BD-" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "-0" + (100 + (int) (Math.random() * 899))
                + "-K7Q";
        CallReceived call = new CallReceived(caseId, code, called, sample.callId(), sample.channel(), sample.caller(),
                new Location("74", SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU, null, null, null), sample.needs(),
                2, sample.vulnerabilities(), 90, null, "agent-01");
        TeamDispatched dispatched = new TeamDispatched(caseId, code, called.plusMillis(1_500), UUID.randomUUID(),
                UUID.randomUUID(), "Tổ PƯN Lái Thiêu", "WARD", true, null, "TA-01");
        CaseEscalated escalated = new CaseEscalated(caseId, code, called.plusSeconds(60), EscalationLevel.DISTRICT,
                "RESOLUTION_OVERDUE", call.needs(), call.location(), 90);
        publish(CloudEventRecords.of(call));
        publish(CloudEventRecords.of(dispatched));
        publish(CloudEventRecords.of(escalated));
        // Another case's events on the same topics are not in it.
        publish(CloudEventRecords.of(SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU)));

        JsonPath trace = await().atMost(WAIT).until(() -> given().auth().oauth2(ops).queryParam("caseCode", code)
                .get("/api/v1/cases/trace").then().extract().jsonPath(),
                j -> j.getList("events") != null && j.getList("events").size() == 3);
        assertThat(trace.getString("caseId")).isEqualTo(caseId.toString());
        assertThat(trace.getList("events.eventName", String.class))
                .containsExactly("CallReceived", "TeamDispatched", "CaseEscalated");
        assertThat(trace.getList("events.sinceCallReceivedMs", Long.class)).containsExactly(0L, 1_500L, 60_000L);
        assertThat(trace.getList("events.topic", String.class))
                .containsExactly(Topics.INTAKE, Topics.DISPATCH, Topics.INTAKE);
        given().auth().oauth2(ops).get("/api/v1/cases/{id}/trace", caseId).then().statusCode(200)
                .body("events.size()", org.hamcrest.Matchers.equalTo(3));
        given().auth().oauth2(ops).queryParam("caseCode", "BD-20210101-0001-ZZZ").get("/api/v1/cases/trace").then()
                .statusCode(404);
    }

    @Test
    void tooManyEscalationsInADistrictExpiredReferralsOrFailedNoticesRaiseAlerts() {
        // Two escalations in Bến Cát (721) within the window (test threshold 2); one in Dầu Tiếng (722) is not enough.
        for (String district : List.of("721", "721", "722")) {
            CallReceived call = SampleEvents.callReceived(district, "25813", Need.EMERGENCY_TRANSPORT);
            publish(CloudEventRecords.of(new CaseEscalated(call.caseId(), call.caseCode(), Instant.now(),
                    EscalationLevel.DISTRICT, "FIRST_ACTION_OVERDUE", call.needs(),
                    new Location("74", district, "25813", null, null, null), 90)));
        }
        for (int i = 0; i < 2; i++) {
            publish(CloudEventRecords.of(new ReferralExpired(UUID.randomUUID(), "BD-20210817-01" + i, Instant.now(),
                    UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "74999")));
            publish(CloudEventRecords.of(new vn.hotline1022.events.notification.NotificationFailed(UUID.randomUUID(),
                    "BD-20210817-02" + i, Instant.now(), UUID.randomUUID(), "vn.hotline1022.dispatch.TeamDispatched.v1",
                    "CITIZEN", "ZALO", "Zalo OA answered HTTP 503")));
        }
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ops).queryParam("state", "OPEN")
                .get("/api/v1/alerts").then().statusCode(200)
                .body("find { it.rule == 'SLA_ESCALATIONS' && it.subject == '721' }.detail",
                        org.hamcrest.Matchers.containsString("SLA escalations"))
                .body("find { it.rule == 'REFERRAL_EXPIRIES' && it.subject == '74999' }.severity",
                        org.hamcrest.Matchers.equalTo("WARNING"))
                .body("find { it.rule == 'NOTIFICATION_FAILURES' && it.subject == 'ZALO' }.state",
                        org.hamcrest.Matchers.equalTo("OPEN")));
        given().auth().oauth2(ops).queryParam("state", "OPEN").get("/api/v1/alerts").then()
                .body("findAll { it.rule == 'SLA_ESCALATIONS' && it.subject == '722' }.size()",
                        org.hamcrest.Matchers.equalTo(0));
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("hotline_ops_alerts_open{rule=\"SLA_ESCALATIONS\"}");
    }

    @Test
    void aPatientWaitingForABedTooLongAlertsOpsUntilAHospitalIsAsked() {
        UUID caseId = UUID.randomUUID();
        publish(CloudEventRecords.of(new vn.hotline1022.events.referral.ReferralWaiting(caseId, "BD-20210817-0301",
                Instant.now(), UUID.randomUUID(), "NO_FREE_BED", vn.hotline1022.events.common.BedType.ICU,
                Instant.now().minus(Duration.ofMinutes(20)), "11", "094")));
        // Another patient started waiting just now: within the threshold (10 min in tests).
        publish(CloudEventRecords.of(new vn.hotline1022.events.referral.ReferralWaiting(UUID.randomUUID(),
                "BD-20210817-0302", Instant.now(), UUID.randomUUID(), "NO_FREE_BED",
                vn.hotline1022.events.common.BedType.ICU, Instant.now(), "11", "094")));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ops).queryParam("state", "OPEN")
                .get("/api/v1/alerts").then().statusCode(200)
                .body("find { it.rule == 'REFERRAL_WAITING' && it.subject == '11' }.detail",
                        org.hamcrest.Matchers.startsWith("1 người bệnh chờ giường")));
        // A bed freed: the case is put to a hospital, the alert is resolved.
        publish(CloudEventRecords.of(new vn.hotline1022.events.referral.PatientReferred(caseId, "BD-20210817-0301",
                Instant.now(), UUID.randomUUID(), UUID.randomUUID(), "BV Đa khoa tỉnh Điện Biên",
                vn.hotline1022.events.common.BedType.ICU, null, null, Instant.now().plusSeconds(600), 1, "11001")));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ops).queryParam("state", "RESOLVED")
                .get("/api/v1/alerts").then().statusCode(200)
                .body("find { it.rule == 'REFERRAL_WAITING' && it.subject == '11' }.state",
                        org.hamcrest.Matchers.equalTo("RESOLVED")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rates(Map<String, Object> point) {
        return (Map<String, Object>) point.get("rates");
    }

    private static Map<String, Object> latest(List<Map<String, Object>> points) {
        return rates(points.get(points.size() - 1));
    }

    private String state(String group, String topic) {
        return given().auth().oauth2(ops).get("/api/v1/consumer-groups").then().statusCode(200).extract()
                .path("find { it.group == '" + group + "' && it.topic == '" + topic + "' }.state");
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static void drain(KafkaConsumer<String, String> consumer, int records) {
        int[] seen = { 0 };
        await().atMost(WAIT).until(() -> {
            seen[0] += consumer.poll(Duration.ofMillis(200)).count();
            consumer.commitSync();
            return seen[0] >= records;
        });
    }

    private void publish(ProducerRecord<String, String> record) {
        companion.produceStrings().fromRecords(List.of(record)).awaitCompletion(Duration.ofSeconds(30));
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private long count(String query) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

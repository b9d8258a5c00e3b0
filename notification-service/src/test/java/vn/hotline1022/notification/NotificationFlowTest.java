package vn.hotline1022.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.RestAssured;
import io.restassured.common.mapper.TypeRef;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.notification.NotificationFailed;
import vn.hotline1022.events.notification.NotificationSent;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.notification.notices.NoticeRules;
import vn.hotline1022.notification.notices.NoticeTexts;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/** Citizens reached by SMS through a real local gateway, fed by events on the real broker, logged in the database. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(SmsGatewayResource.class)
@WithTestResource(OidcResource.class)
class NotificationFlowTest {

    @BeforeAll
    static void signIn() {
        RestAssured.authentication = RestAssured.oauth2(TestTokens.user("agent1", Roles.CALL_AGENT).sign());
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CONSUMER_GROUP = "notification-service";
    private static final String TEAM = "Tổ PƯN Lái Thiêu";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    NoticeTexts texts;

    @Inject
    DataSource dataSource;

    record View(UUID id, UUID caseId, String caseCode, String eventType, String recipientKind, String channel,
            String status, int attempts, String error, String text, Instant createdAt, Instant sentAt) {
    }

    @Test
    void theCitizenHearsOfTheCallAndOfTheTeamOnceEvenWhenEventsAreRedelivered() {
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.NOTIFICATION);
        try (CapturedLog log = CapturedLog.of("")) {
            CallReceived call = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                    Need.EMERGENCY_TRANSPORT);
            ProducerRecord<String, String> callRecord = CloudEventRecords.of(call);
            var callCopies = companion.produceStrings().fromRecords(callRecord, callRecord).awaitCompletion(PATIENCE);
            awaitNotifications(call.caseId(), 1);

            ProducerRecord<String, String> teamRecord = CloudEventRecords.of(teamDispatched(call));
            var teamCopies = companion.produceStrings().fromRecords(teamRecord, teamRecord).awaitCompletion(PATIENCE);
            awaitConsumed(callCopies.getLastRecord());
            awaitConsumed(teamCopies.getLastRecord());

            List<View> sent = notifications(call.caseId());
            assertThat(sent).extracting(View::eventType).containsExactly("CallReceived", "TeamDispatched");
            assertThat(sent).allSatisfy(n -> {
                assertThat(n.recipientKind()).isEqualTo("CITIZEN");
                assertThat(n.channel()).isEqualTo("SMS");
                assertThat(n.status()).isEqualTo("SENT");
                assertThat(n.attempts()).isEqualTo(1);
                assertThat(n.sentAt()).isNotNull();
            });
            assertThat(sent.get(0).text()).isEqualTo("Tổng đài 1022 đã nhận cuộc gọi của bạn. Mã hồ sơ: "
                    + call.caseCode() + ". Vui lòng đọc mã này khi gọi lại.");
            assertThat(sent.get(1).text())
                    .isEqualTo("1022: " + TEAM + " đang trên đường đến. Mã hồ sơ: " + call.caseCode() + ".");

            List<NotificationSent> events = awaitEvents(out, call.caseId(), EventType.NOTIFICATION_SENT, 2,
                    NotificationSent.class);
            assertThat(events).extracting(NotificationSent::sourceEventType)
                    .containsExactly(EventType.CALL_RECEIVED.ceType(), EventType.TEAM_DISPATCHED.ceType());
            assertThat(events).extracting(NotificationSent::notificationId)
                    .containsExactly(sent.get(0).id(), sent.get(1).id());
            assertThat(events).allSatisfy(e -> assertThat(e.channel()).isEqualTo("SMS"));

            // Nothing this service logged names the caller or their number.
            assertThat(log.all()).contains(call.caseCode()).doesNotContain(call.caller().phone())
                    .doesNotContain(call.caller().name());
        } finally {
            out.stop();
        }
    }

    @Test
    void aTeamDispatchedAheadOfItsCallIsKeptAndSentOnceTheContactArrives() throws Exception {
        CallReceived call = SampleEvents.callReceived(SampleEvents.THU_DAU_MOT, SampleEvents.PHU_CUONG,
                Need.EMERGENCY_TRANSPORT);
        companion.produceStrings().fromRecords(CloudEventRecords.of(teamDispatched(call))).awaitCompletion(PATIENCE);
        await().atMost(PATIENCE).until(() -> pendingFor(call.caseId()) == 1);
        assertThat(notifications(call.caseId())).isEmpty();

        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);

        List<View> sent = awaitNotifications(call.caseId(), 2);
        assertThat(sent).extracting(View::eventType).containsExactly("CallReceived", "TeamDispatched");
        assertThat(sent).extracting(View::status).containsOnly("SENT");
        assertThat(sent.get(1).text()).contains(TEAM).contains(call.caseCode());
        assertThat(pendingFor(call.caseId())).isZero();
    }

    @Test
    void aGatewayFailureIsRecordedAndPublishedWithoutTheMessage() {
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.NOTIFICATION);
        try {
            CallReceived sample = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU, Need.FOOD);
            CallReceived call = new CallReceived(sample.caseId(), sample.caseCode(), sample.occurredAt(),
                    sample.callId(), sample.channel(), new Caller("Trần Thị Bình", FakeSmsGateway.FAILING_PHONE),
                    sample.location(), sample.needs(), sample.householdSize(), sample.vulnerabilities(),
                    sample.priority(), sample.notes(), sample.agentId());
            companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);

            View failed = awaitNotifications(call.caseId(), 1).get(0);
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.error()).isEqualTo("SMS gateway answered HTTP 503");
            assertThat(failed.sentAt()).isNull();

            NotificationFailed event = awaitEvents(out, call.caseId(), EventType.NOTIFICATION_FAILED, 1,
                    NotificationFailed.class).get(0);
            assertThat(event.notificationId()).isEqualTo(failed.id());
            assertThat(event.error()).isEqualTo("SMS gateway answered HTTP 503");
            assertThat(event.channel()).isEqualTo("SMS");
            assertThat(event.sourceEventType()).isEqualTo(EventType.CALL_RECEIVED.ceType());
        } finally {
            out.stop();
        }
    }

    @Test
    void noticesAreWrittenInVietnameseAndEnglish() {
        CallReceived call = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU, Need.FOOD);
        TeamDispatched team = teamDispatched(call);
        var teamValues = NoticeRules.forType(EventType.TEAM_DISPATCHED).orElseThrow().values().apply(team);
        assertThat(texts.render(EventType.TEAM_DISPATCHED, "en", teamValues))
                .isEqualTo("1022: " + TEAM + " is on the way. Case code: " + call.caseCode() + ".");
        assertThat(texts.render(EventType.TEAM_DISPATCHED, "fr", teamValues)).startsWith("1022: " + TEAM + " đang");

        ReliefRefused refused = new ReliefRefused(call.caseId(), call.caseCode(), Instant.now(), UUID.randomUUID(),
                "BD-COVID-2021", "OUT_OF_STOCK", null, true);
        var refusedValues = NoticeRules.forType(EventType.RELIEF_REFUSED).orElseThrow().values().apply(refused);
        assertThat(texts.render(EventType.RELIEF_REFUSED, "vi", refusedValues)).isEqualTo("1022: Chưa thể hỗ trợ hồ sơ "
                + call.caseCode() + ": hàng hỗ trợ tạm hết. Yêu cầu vẫn được giữ và sẽ được xử lý khi có hàng.");
        assertThat(texts.render(EventType.RELIEF_REFUSED, "en", refusedValues)).isEqualTo("1022: Relief for case "
                + call.caseCode() + " cannot be given now: relief is out of stock. Your request is kept and will be"
                + " served when stock arrives.");
    }

    @Test
    void badQueriesAreRefusedWithFieldErrors() {
        given().get("/api/v1/notifications").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("caseId"));
        given().queryParam("caseId", "BD-20210817-0042").get("/api/v1/notifications").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("caseId"));
        given().queryParam("caseId", UUID.randomUUID()).get("/api/v1/notifications").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/notifications"));
    }

    private long pendingFor(UUID caseId) throws java.sql.SQLException {
        try (var c = dataSource.getConnection();
                var q = c.prepareStatement("select count(*) from pending_notice where case_id = ?")) {
            q.setObject(1, caseId);
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static TeamDispatched teamDispatched(CallReceived call) {
        return new TeamDispatched(call.caseId(), call.caseCode(), Instant.now(), UUID.randomUUID(), UUID.randomUUID(),
                TEAM, "SAME_WARD", true, null);
    }

    private static List<View> notifications(UUID caseId) {
        return given().queryParam("caseId", caseId).get("/api/v1/notifications").then().statusCode(200).extract()
                .as(new TypeRef<List<View>>() {
                });
    }

    private static List<View> awaitNotifications(UUID caseId, int count) {
        return await().atMost(PATIENCE).until(() -> notifications(caseId),
                found -> found.size() >= count && found.stream().noneMatch(n -> n.status().equals("SENDING")));
    }

    /** The consumer group has committed past {@code produced}: it and all before it in its partition were handled. */
    private void awaitConsumed(RecordMetadata produced) {
        TopicPartition partition = new TopicPartition(produced.topic(), produced.partition());
        await().atMost(PATIENCE).until(() -> {
            var committed = companion.consumerGroups().offsets(CONSUMER_GROUP, partition);
            return committed != null && committed.offset() > produced.offset();
        });
    }

    private static <T> List<T> awaitEvents(ConsumerTask<String, String> out, UUID caseId, EventType type, int count,
            Class<T> as) {
        List<ConsumerRecord<String, String>> found = await().atMost(PATIENCE).until(() -> out.stream()
                .filter(r -> caseId.toString().equals(r.key()) && type.ceType().equals(header(r, "ce_type")))
                .toList(), l -> l.size() >= count);
        return found.stream().map(r -> as.cast(EventJson.fromJson(r.value(), type))).toList();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

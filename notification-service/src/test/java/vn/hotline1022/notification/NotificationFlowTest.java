package vn.hotline1022.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.RestAssured;
import io.restassured.common.mapper.TypeRef;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.CaseEvent;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.BedType;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.EscalationLevel;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.ReliefItem;
import vn.hotline1022.events.common.Severity;
import vn.hotline1022.events.dispatch.DispatchQueued;
import vn.hotline1022.events.dispatch.TeamDispatched;
import vn.hotline1022.events.dispatch.TransportDispatched;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.notification.NotificationFailed;
import vn.hotline1022.events.notification.NotificationSent;
import vn.hotline1022.events.referral.PatientAdmitted;
import vn.hotline1022.events.referral.PatientReferred;
import vn.hotline1022.events.referral.ReferralExpired;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefRefused;
import vn.hotline1022.events.relief.RecipientCodeReissued;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.notification.notices.NoticeRules;
import vn.hotline1022.notification.notices.NoticeTexts;
import vn.hotline1022.testkit.CapturedLog;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * Events on the real broker become notices in the real database, sent through real local servers: SMS and Zalo to
 * citizens over HTTP, e-mail to officials and ops over SMTP (GreenMail), live to the console over SSE.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(LocalProvidersResource.class)
@WithTestResource(OidcResource.class)
class NotificationFlowTest {

    @BeforeAll
    static void signIn() {
        RestAssured.authentication = RestAssured.oauth2(TestTokens.user("agent1", Roles.CALL_AGENT)
                .claim("province_codes", List.of(SampleEvents.BINH_DUONG)).sign());
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CONSUMER_GROUP = "notification-service";
    private static final String TEAM = "Tổ PƯN Lái Thiêu";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    NoticeTexts texts;

    @Inject
    DataSource dataSource;

    FakeSmsGateway sms;
    FakeZaloApi zalo;
    GreenMail smtp;

    @TestHTTPResource("/api/v1/notifications/stream")
    URI streamUri;

    record View(UUID id, UUID caseId, String caseCode, String eventType, String recipientKind, String channel,
            String status, int attempts, String error, String text, Instant createdAt, Instant sentAt, boolean urgent,
            Instant nextAttemptAt, String providerId) {
    }

    @Test
    void theCitizenHearsOfTheCallAndOfTheTeamOnEachChannelOnceEvenWhenEventsAreRedelivered() throws Exception {
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.NOTIFICATION);
        try (CapturedLog log = CapturedLog.of("")) {
            CallReceived call = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                    Need.EMERGENCY_TRANSPORT);
            ProducerRecord<String, String> callRecord = CloudEventRecords.of(call);
            var callCopies = companion.produceStrings().fromRecords(callRecord, callRecord).awaitCompletion(PATIENCE);
            awaitNotifications(call.caseId(), 2);

            ProducerRecord<String, String> teamRecord = CloudEventRecords.of(teamDispatched(call));
            var teamCopies = companion.produceStrings().fromRecords(teamRecord, teamRecord).awaitCompletion(PATIENCE);
            awaitConsumed(callCopies.getLastRecord());
            awaitConsumed(teamCopies.getLastRecord());

            List<View> all = awaitNotifications(call.caseId(), 4);
            assertThat(all).hasSize(4);
            List<View> bySms = channel(all, "SMS");
            List<View> byZalo = channel(all, "ZALO");
            for (List<View> sent : List.of(bySms, byZalo)) {
                assertThat(sent).extracting(View::eventType).containsExactly("CallReceived", "TeamDispatched");
                assertThat(sent).allSatisfy(n -> {
                    assertThat(n.recipientKind()).isEqualTo("CITIZEN");
                    assertThat(n.status()).isEqualTo("SENT");
                    assertThat(n.attempts()).isEqualTo(1);
                    assertThat(n.urgent()).isTrue();
                    assertThat(n.sentAt()).isNotNull();
                });
                assertThat(sent.get(0).text()).isEqualTo("Tổng đài 1022 đã nhận cuộc gọi của bạn. Mã hồ sơ: "
                        + call.caseCode() + ". Vui lòng đọc mã này khi gọi lại.");
                assertThat(sent.get(1).text())
                        .isEqualTo("1022: " + TEAM + " đang trên đường đến. Mã hồ sơ: " + call.caseCode() + ".");
            }
            assertThat(bySms).allSatisfy(n -> assertThat(n.providerId()).startsWith("gw-"));
            assertThat(byZalo).allSatisfy(n -> assertThat(n.providerId()).startsWith("zns-"));

            // Zalo got the number without the plus, the OA token, the template and our reference.
            FakeZaloApi.Request toZalo = zalo.received().stream()
                    .filter(r -> r.body().contains(byZalo.get(1).id().toString())).findFirst().orElseThrow();
            assertThat(toZalo.accessToken()).isEqualTo(FakeZaloApi.ACCESS_TOKEN);
            JsonNode body = JSON.readTree(toZalo.body());
            assertThat(body.get("phone").asText()).isEqualTo("84912345678");
            assertThat(body.get("template_id").asText()).isEqualTo("hotline1022-notice");
            assertThat(body.at("/template_data/text").asText()).isEqualTo(byZalo.get(1).text());

            List<NotificationSent> events = awaitEvents(out, call.caseId(), EventType.NOTIFICATION_SENT, 4,
                    NotificationSent.class);
            assertThat(events).hasSize(4);
            assertThat(events.stream().filter(e -> e.channel().equals("SMS")).toList())
                    .extracting(NotificationSent::notificationId).containsExactly(bySms.get(0).id(), bySms.get(1).id());
            assertThat(events).extracting(NotificationSent::notificationId)
                    .containsExactlyInAnyOrderElementsOf(all.stream().map(View::id).toList());

            // Nothing this service logged names the caller or their number.
            assertThat(log.all()).contains(call.caseCode()).doesNotContain("912345678")
                    .doesNotContain(call.caller().name());
        } finally {
            out.stop();
        }
    }

    @Test
    void aTeamDispatchedAheadOfItsCallIsKeptAndSentOnceTheContactArrives() throws Exception {
        CallReceived call = SampleEvents.callReceived(SampleEvents.THU_DAU_MOT, SampleEvents.PHU_CUONG,
                Need.EMERGENCY_TRANSPORT);
        produce(teamDispatched(call));
        await().atMost(PATIENCE).until(() -> pendingFor(call.caseId()) == 1);
        assertThat(notifications(call.caseId())).isEmpty();

        produce(call);

        List<View> sent = awaitNotifications(call.caseId(), 4);
        for (String channel : List.of("SMS", "ZALO")) {
            List<View> onChannel = channel(sent, channel);
            assertThat(onChannel).extracting(View::eventType).containsExactly("CallReceived", "TeamDispatched");
            assertThat(onChannel).extracting(View::status).containsOnly("SENT");
            assertThat(onChannel.get(1).text()).contains(TEAM).contains(call.caseCode());
        }
        assertThat(pendingFor(call.caseId())).isZero();
    }

    @Test
    void aFlakyGatewayIsRetriedWithBackoffUntilTheMessageGoesOut() {
        CallReceived call = withPhone(SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                Need.FOOD), FakeSmsGateway.FLAKY_PHONE);
        produce(call);

        List<View> all = awaitNotifications(call.caseId(), 2);
        View bySms = channel(all, "SMS").get(0);
        assertThat(bySms.status()).isEqualTo("SENT");
        assertThat(bySms.attempts()).isEqualTo(3);
        assertThat(bySms.error()).isNull();
        assertThat(bySms.providerId()).startsWith("gw-");
        assertThat(sms.received()).filteredOn(r -> r.body().contains(bySms.id().toString())).hasSize(3);
        View byZalo = channel(all, "ZALO").get(0);
        assertThat(byZalo.status()).isEqualTo("SENT");
        assertThat(byZalo.attempts()).isEqualTo(1);
    }

    @Test
    void aPermanentFailureIsRecordedAndReportedWhileTheOtherChannelDelivers() throws Exception {
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.NOTIFICATION);
        try {
            CallReceived call = withPhone(SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                    Need.FOOD), FakeSmsGateway.FAILING_PHONE);
            produce(call);

            List<View> all = await().atMost(PATIENCE).until(() -> notifications(call.caseId()),
                    found -> found.stream().filter(n -> !n.status().equals("PENDING")).count() >= 3);
            View failed = channel(all, "SMS").get(0);
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.attempts()).isEqualTo(LocalProvidersResource.MAX_ATTEMPTS);
            assertThat(failed.error()).isEqualTo("SMS gateway answered HTTP 503");
            assertThat(failed.sentAt()).isNull();
            assertThat(sms.received()).filteredOn(r -> r.body().contains(failed.id().toString()))
                    .hasSize(LocalProvidersResource.MAX_ATTEMPTS);
            View byZalo = channel(all, "ZALO").get(0);
            assertThat(byZalo.eventType()).isEqualTo("CallReceived");
            assertThat(byZalo.status()).isEqualTo("SENT");

            NotificationFailed event = awaitEvents(out, call.caseId(), EventType.NOTIFICATION_FAILED, 1,
                    NotificationFailed.class).get(0);
            assertThat(event.notificationId()).isEqualTo(failed.id());
            assertThat(event.error()).isEqualTo("SMS gateway answered HTTP 503");
            assertThat(event.channel()).isEqualTo("SMS");
            assertThat(event.sourceEventType()).isEqualTo(EventType.CALL_RECEIVED.ceType());

            // Ops are told by e-mail, without the citizen's number.
            View toOps = awaitNotifications(call.caseId(), 3).stream().filter(n -> n.recipientKind().equals("OPS"))
                    .findFirst().orElseThrow();
            assertThat(toOps.eventType()).isEqualTo("NotificationFailed");
            assertThat(toOps.channel()).isEqualTo("EMAIL");
            assertThat(toOps.status()).isEqualTo("SENT");
            MimeMessage mail = awaitMail(LocalProvidersResource.OPS, call.caseCode());
            assertThat(mail.getSubject()).isEqualTo("[1022] " + call.caseCode() + " – NotificationFailed");
            assertThat(mail.getContent().toString()).contains("CallReceived").contains(call.caseCode())
                    .contains("CITIZEN").contains("SMS").contains("SMS gateway answered HTTP 503")
                    .doesNotContain(FakeSmsGateway.FAILING_PHONE).doesNotContain("900000503");
        } finally {
            out.stop();
        }
    }

    @Test
    void aCaseOpenedByTextIsNotAcknowledgedTwiceOnThatChannel() {
        // Intake's answer to the text already gave the code by SMS: only the Zalo acknowledgement is recorded.
        CallReceived c = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU, Need.FOOD);
        CallReceived texted = new CallReceived(c.caseId(), c.caseCode(), c.occurredAt(), c.callId(),
                vn.hotline1022.events.common.ContactChannel.SMS, c.caller(), c.location(), c.needs(),
                c.householdSize(), c.vulnerabilities(), c.priority(), c.notes(), c.agentId());
        produce(texted);
        List<View> acks = awaitNotifications(c.caseId(), 1);
        assertThat(acks).extracting(n -> n.recipientKind() + " " + n.channel()).containsExactly("CITIZEN ZALO");
        // A later step of that case is told on every channel, SMS included.
        produce(teamDispatched(texted));
        assertThat(awaitNotifications(c.caseId(), 3)).filteredOn(n -> n.eventType().equals("TeamDispatched"))
                .extracting(View::channel).containsExactlyInAnyOrder("SMS", "ZALO");
    }

    @Test
    void officialsHearOfEscalationsAndQueuesAndOpsOfExpiredReferrals() throws Exception {
        CallReceived call = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                Need.EMERGENCY_TRANSPORT);
        produce(call);
        // The escalation twice (a redelivery): still one e-mail per official.
        ProducerRecord<String, String> escalation = CloudEventRecords.of(new CaseEscalated(call.caseId(),
                call.caseCode(), Instant.now(), EscalationLevel.DISTRICT, "Không còn tổ rảnh trong phường",
                call.needs(), call.location(), 1));
        var escalations = companion.produceStrings().fromRecords(escalation, escalation).awaitCompletion(PATIENCE);
        produce(new ReferralExpired(call.caseId(), call.caseCode(), Instant.now(), UUID.randomUUID(),
                UUID.randomUUID(), Instant.now(), null));
        produce(teamDispatched(call));

        awaitConsumed(escalations.getLastRecord());
        List<View> all = awaitNotifications(call.caseId(), 7);
        assertThat(all).hasSize(7);
        Map<String, Set<String>> recipients = all.stream().collect(Collectors.groupingBy(View::eventType,
                Collectors.mapping(n -> n.recipientKind() + " " + n.channel(), Collectors.toSet())));
        assertThat(recipients).containsOnly(
                Map.entry("CallReceived", Set.of("CITIZEN SMS", "CITIZEN ZALO")),
                Map.entry("CaseEscalated", Set.of("OFFICIAL EMAIL")),
                Map.entry("ReferralExpired", Set.of("OPS EMAIL")),
                Map.entry("TeamDispatched", Set.of("CITIZEN SMS", "CITIZEN ZALO")));
        assertThat(all).filteredOn(n -> n.eventType().equals("CaseEscalated")).hasSize(2); // both Thuận An mailboxes
        assertThat(all).extracting(View::status).containsOnly("SENT");

        for (String official : List.of(LocalProvidersResource.THUAN_AN_WARD_OFFICIAL,
                LocalProvidersResource.THUAN_AN_DISTRICT_OFFICIAL)) {
            MimeMessage mail = awaitMail(official, call.caseCode() + " – CaseEscalated");
            assertThat(mail.getContent().toString().strip()).isEqualTo("Tổng đài 1022: hồ sơ " + call.caseCode()
                    + " được chuyển lên cấp quận/huyện (phường/xã 25966, quận/huyện 725). Lý do: Không còn tổ rảnh"
                    + " trong phường. Mức ưu tiên: 1. Nhu cầu: EMERGENCY_TRANSPORT. Đề nghị đơn vị tiếp nhận và xử lý.");
        }
        assertThat(awaitMail(LocalProvidersResource.OPS, call.caseCode() + " – ReferralExpired").getContent()
                .toString()).contains("quá hạn").contains(call.caseCode());
        View email = all.stream().filter(n -> n.channel().equals("EMAIL")).findFirst().orElseThrow();
        assertThat(email.providerId()).isEqualTo("<" + email.id() + "@notification.hotline1022.vn>");

        // A queue in Thủ Dầu Một: its official is told at once; the citizen once their call arrives.
        CallReceived other = SampleEvents.callReceived(SampleEvents.THU_DAU_MOT, SampleEvents.PHU_CUONG, Need.FOOD);
        produce(new DispatchQueued(other.caseId(), other.caseCode(), Instant.now(), other.needs(),
                SampleEvents.PHU_CUONG, SampleEvents.THU_DAU_MOT, 2, "NO_TEAM_AVAILABLE"));
        View queued = awaitNotifications(other.caseId(), 1, OPS).get(0); // no call yet: no place
        assertThat(queued.recipientKind()).isEqualTo("OFFICIAL");
        assertThat(queued.eventType()).isEqualTo("DispatchQueued");
        assertThat(awaitMail(LocalProvidersResource.THU_DAU_MOT_OFFICIAL, other.caseCode()).getContent().toString())
                .contains("đang chờ tổ phản ứng nhanh").contains("NO_TEAM_AVAILABLE");
        assertThat(pendingFor(other.caseId())).isEqualTo(1);
    }

    @Test
    void theConsoleStreamShowsNoticesAsTheyAreRecorded() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<Stream<String>> body = new AtomicReference<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        HttpRequest request = HttpRequest.newBuilder(streamUri)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + TestTokens.user("dispatcher1", Roles.DISPATCHER)
                        .claim("province_codes", List.of(SampleEvents.BINH_DUONG)).sign())
                .GET().build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAcceptAsync(response -> {
                    lines.add("HTTP " + response.statusCode() + " "
                            + response.headers().firstValue("content-type").orElse(""));
                    body.set(response.body());
                    response.body().forEach(lines::add);
                }, reader);
        try {
            // Calls keep coming until one is seen recorded live: the first may come before the stream is subscribed.
            List<CallReceived> calls = new ArrayList<>();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
                CallReceived call = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                        Need.FOOD);
                calls.add(call);
                produce(call);
                return calls.stream().anyMatch(c -> statuses(lines, c.caseId()).contains("PENDING"));
            });
            assertThat(lines.get(0)).startsWith("HTTP 200 text/event-stream");
            CallReceived seen = calls.stream().filter(c -> statuses(lines, c.caseId()).contains("PENDING"))
                    .findFirst().orElseThrow();
            // Recorded (PENDING), then sent (SENT): each as a JSON data line.
            await().atMost(PATIENCE).until(() -> statuses(lines, seen.caseId()).contains("SENT"));
            JsonNode first = dataFor(lines, seen.caseId()).get(0);
            assertThat(first.get("eventType").asText()).isEqualTo("CallReceived");
            assertThat(first.get("recipientKind").asText()).isEqualTo("CITIZEN");
            assertThat(first.get("caseCode").asText()).isEqualTo(seen.caseCode());
            assertThat(first.get("text").asText()).contains(seen.caseCode());
            assertThat(String.join("\n", lines)).doesNotContain("912345678");
        } finally {
            Stream<String> open = body.get();
            if (open != null) {
                open.close();
            }
            reader.shutdownNow();
        }
    }

    @Test
    void opsPreviewTemplatesInBothLanguages() {
        String ops = TestTokens.user("ops1", Roles.OPS).sign();
        given().auth().oauth2(ops).contentType("application/json").body(Map.of("teamName", "Tổ PƯN Dĩ An",
                "caseCode", "BD-20210817-0099"))
                .queryParam("language", "en")
                .post("/api/v1/templates/TeamDispatched/preview").then().statusCode(200)
                .body("text", equalTo("1022: Tổ PƯN Dĩ An is on the way. Case code: BD-20210817-0099."))
                .body("language", equalTo("en")).body("recipient", equalTo("CITIZEN"));
        given().auth().oauth2(ops).contentType("application/json").body("{}")
                .post("/api/v1/templates/TeamDispatched/preview").then().statusCode(200)
                .body("text", equalTo("1022: Tổ PƯN Lái Thiêu đang trên đường đến. Mã hồ sơ: BD-20210817-0042."));
        given().auth().oauth2(ops).contentType("application/json").body(Map.of("level", "PROVINCE"))
                .queryParam("recipient", "OFFICIAL").queryParam("language", "en")
                .post("/api/v1/templates/CaseEscalated/preview").then().statusCode(200)
                .body("text", org.hamcrest.Matchers.startsWith(
                        "Hotline 1022: case BD-20210817-0042 has been escalated to the province level"));

        given().auth().oauth2(ops).contentType("application/json").body("{}").queryParam("language", "fr")
                .post("/api/v1/templates/TeamDispatched/preview").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("language"));
        given().auth().oauth2(ops).contentType("application/json").body("{}")
                .post("/api/v1/templates/NoSuchEvent/preview").then().statusCode(404);
        given().auth().oauth2(ops).contentType("application/json").body("{}").queryParam("recipient", "OPS")
                .post("/api/v1/templates/TeamDispatched/preview").then().statusCode(404);
    }

    @Test
    void aCitizenWhoOptedOutIsNotSentNotices() throws Exception {
        // The form intake really publishes (the national one, see CallReceived's javadoc and its contract sample).
        String phone = "0900000777";
        CallReceived call = withPhone(SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                Need.FOOD), phone);
        produce(call);
        assertThat(awaitNotifications(call.caseId(), 2)).extracting(View::status).containsOnly("SENT");

        // A wrong case code is answered alike and changes nothing; the right one, typed the international way with
        // spaces, opts out.
        given().auth().none().contentType("application/json")
                .body(Map.of("phone", phone, "caseCode", "BD-20210817-XXXX"))
                .post("/api/v1/public/opt-out").then().statusCode(202);
        assertThat(optOuts()).isZero();
        given().auth().none().contentType("application/json")
                .body(Map.of("phone", "+84 900 000 777", "caseCode", call.caseCode()))
                .post("/api/v1/public/opt-out").then().statusCode(202);
        assertThat(optOuts()).isEqualTo(1);
        // Kept as a keyed hash: not the plain SHA-256 of any spelling of the number.
        for (String form : List.of("0900000777", "+84900000777", "84900000777")) {
            String unsalted = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(form.getBytes(StandardCharsets.UTF_8)));
            assertThat(count("select count(*) from citizen_opt_out where phone_hash = '" + unsalted + "'")).isZero();
        }
        given().auth().none().contentType("application/json").body(Map.of("phone", "not a number"))
                .post("/api/v1/public/opt-out").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("phone"));

        produce(new ReliefScheduled(call.caseId(), call.caseCode(), Instant.now(), UUID.randomUUID(),
                UUID.randomUUID(), "BD-COVID-2021", List.of(), 1_500_000L, SampleEvents.LAI_THIEU, Instant.now()));
        List<View> all = awaitNotifications(call.caseId(), 4);
        List<View> relief = all.stream().filter(n -> n.eventType().equals("ReliefScheduled")).toList();
        assertThat(relief).hasSize(2).allSatisfy(n -> {
            assertThat(n.status()).isEqualTo("SUPPRESSED");
            assertThat(n.error()).isEqualTo("citizen opted out");
            assertThat(n.attempts()).isZero();
        });
        assertThat(sms.received()).noneMatch(r -> r.body().contains(relief.get(0).id().toString()));
    }

    @Test
    void nonUrgentNoticesToOneCitizenAreRateLimited() {
        CallReceived call = withPhone(SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                Need.FOOD), "+84900000999");
        produce(call);
        awaitNotifications(call.caseId(), 2);
        for (int i = 0; i < 3; i++) {
            produce(new ReliefDelivered(call.caseId(), call.caseCode(), Instant.now(), UUID.randomUUID(),
                    UUID.randomUUID(), "BD-COVID-2021", "Hội Chữ thập đỏ Thuận An"));
        }
        // Two per window (test setting), the urgent acknowledgement not counted; the third waits for the window.
        List<View> relief = await().atMost(PATIENCE).until(
                () -> channel(notifications(call.caseId()), "SMS").stream()
                        .filter(n -> n.eventType().equals("ReliefDelivered")).toList(),
                found -> found.size() == 3 && found.stream().filter(n -> n.status().equals("SENT")).count() == 2
                        && found.stream().anyMatch(n -> n.nextAttemptAt() != null
                                && n.nextAttemptAt().isAfter(Instant.now().plus(Duration.ofMinutes(50)))));
        View held = relief.stream().filter(n -> n.status().equals("PENDING")).findFirst().orElseThrow();
        assertThat(held.attempts()).isZero();
        assertThat(held.urgent()).isFalse();
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
    void theCitizenIsToldTheAmbulanceIsComingAndThatThePatientWasAdmitted() throws Exception {
        CallReceived call = withPhone(SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                Need.HOSPITAL_ADMISSION), "0900000517");
        produce(call);
        awaitNotifications(call.caseId(), 2);
        UUID referralId = UUID.randomUUID();
        UUID hospitalId = UUID.randomUUID();
        String hospital = "Bệnh viện Đa khoa tỉnh Bình Dương";
        var transport = CloudEventRecords.of(new TransportDispatched(call.caseId(), call.caseCode(), Instant.now(),
                UUID.randomUUID(), referralId, UUID.randomUUID(), "TA-05", "Tổ PƯN Tân An", hospitalId, "74001",
                hospital, BedType.OXYGEN, Instant.now()));
        // Redelivered: told once.
        companion.produceStrings().fromRecords(transport, transport).awaitCompletion(PATIENCE);
        awaitNotifications(call.caseId(), 4);
        produce(new PatientAdmitted(call.caseId(), call.caseCode(), Instant.now(), referralId, hospitalId, "74001",
                hospital, BedType.OXYGEN, Instant.now(), PatientAdmitted.HANDED_OVER_BY_TEAM));

        List<View> bySms = channel(awaitNotifications(call.caseId(), 6), "SMS");
        assertThat(bySms).extracting(View::eventType)
                .containsExactly("CallReceived", "TransportDispatched", "PatientAdmitted");
        assertThat(bySms).allSatisfy(n -> assertThat(n.recipientKind()).isEqualTo("CITIZEN"));
        assertThat(bySms.get(1).text()).isEqualTo("1022: Xe cứu thương TA-05 đang đến đón bệnh nhân đến " + hospital
                + ". Xin chuẩn bị giấy tờ tùy thân. Mã hồ sơ: " + call.caseCode() + ".");
        assertThat(bySms.get(2).text()).isEqualTo("1022: Bệnh nhân đã được " + hospital
                + " tiếp nhận vào điều trị. Mã hồ sơ: " + call.caseCode() + ".");
        assertThat(notifications(call.caseId())).hasSize(6);

        var admittedValues = NoticeRules.forType(EventType.PATIENT_ADMITTED).orElseThrow().values()
                .apply(new PatientAdmitted(call.caseId(), call.caseCode(), Instant.now(), referralId, hospitalId,
                        "74001", null, BedType.GENERAL, Instant.now(), PatientAdmitted.RECORDED_BY_HOSPITAL));
        assertThat(texts.render(EventType.PATIENT_ADMITTED, "en", admittedValues)).isEqualTo(
                "1022: The patient has been admitted to the hospital. Case code: " + call.caseCode() + ".");
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

    /** In the %test directories of application.properties. */
    private static final String HOSPITAL_CODE = "74001";
    private static final String HOSPITAL_EMAIL = "tiep-nhan@bvdk-binhduong.test";
    private static final String HOSPITAL_PHONE = "+84274000001";
    private static final String TEAM_CODE = "TA-01";
    private static final String TEAM_PHONE = "+84274000101";

    @Test
    void hospitalsAreAskedForABedAndTeamsToldOfTheirDispatchByTheirCodes() throws Exception {
        CallReceived call = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                Need.EMERGENCY_TRANSPORT);
        produce(call);
        Instant deadline = Instant.parse("2021-08-17T03:46:10Z"); // 10:46 in Vietnam (UTC+7)
        produce(new PatientReferred(call.caseId(), call.caseCode(), Instant.now(), UUID.randomUUID(),
                UUID.randomUUID(), "Bệnh viện Đa khoa tỉnh Bình Dương", BedType.OXYGEN, Severity.SEVERE,
                "SpO2 89%", deadline, 1, HOSPITAL_CODE));
        produce(new TeamDispatched(call.caseId(), call.caseCode(), Instant.now(), UUID.randomUUID(),
                UUID.randomUUID(), TEAM, "SAME_WARD", true, null, TEAM_CODE));

        List<View> all = awaitNotifications(call.caseId(), 7);
        assertThat(all).hasSize(7);
        assertThat(all.stream().collect(Collectors.groupingBy(View::eventType,
                Collectors.mapping(n -> n.recipientKind() + " " + n.channel(), Collectors.toSet())))).containsOnly(
                        Map.entry("CallReceived", Set.of("CITIZEN SMS", "CITIZEN ZALO")),
                        Map.entry("PatientReferred", Set.of("HOSPITAL EMAIL", "HOSPITAL SMS")),
                        Map.entry("TeamDispatched", Set.of("CITIZEN SMS", "CITIZEN ZALO", "TEAM SMS")));
        assertThat(all).extracting(View::status).containsOnly("SENT");

        // The hospital: urgent, with the deadline in Vietnam time, and nothing about the caller.
        String toHospital = "Tổng đài 1022 – KHẨN: đề nghị tiếp nhận người bệnh chuyển viện, hồ sơ " + call.caseCode()
                + ". Loại giường: OXYGEN. Mức độ: SEVERE. Vui lòng trả lời trước 10:46 17/08/2021 (giờ Việt Nam)"
                + " trên hệ thống 1022; quá hạn, người bệnh sẽ được chuyển đến bệnh viện khác.";
        MimeMessage mail = awaitMail(HOSPITAL_EMAIL, call.caseCode() + " – PatientReferred");
        assertThat(mail.getContent().toString().strip()).isEqualTo(toHospital);
        View hospitalSms = all.stream().filter(n -> n.recipientKind().equals("HOSPITAL") && n.channel().equals("SMS"))
                .findFirst().orElseThrow();
        assertThat(hospitalSms.urgent()).isTrue();
        JsonNode smsToHospital = smsBody(hospitalSms);
        assertThat(smsToHospital.get("to").asText()).isEqualTo(HOSPITAL_PHONE);
        assertThat(smsToHospital.get("text").asText()).isEqualTo(toHospital)
                .doesNotContain(call.caller().name()).doesNotContain(call.caller().phone()).doesNotContain("SpO2");

        View teamSms = all.stream().filter(n -> n.recipientKind().equals("TEAM")).findFirst().orElseThrow();
        JsonNode smsToTeam = smsBody(teamSms);
        assertThat(smsToTeam.get("to").asText()).isEqualTo(TEAM_PHONE);
        assertThat(smsToTeam.get("text").asText()).isEqualTo("Tổng đài 1022: " + TEAM + " được điều động cho hồ sơ "
                + call.caseCode() + ". Mở ứng dụng 1022 để xem địa chỉ và nhu cầu.");

        // The referral expires: ops as before, and the hospital learns it need not answer.
        produce(new ReferralExpired(call.caseId(), call.caseCode(), Instant.now(), UUID.randomUUID(),
                UUID.randomUUID(), deadline, HOSPITAL_CODE));
        List<View> expired = await().atMost(PATIENCE).until(() -> notifications(call.caseId()).stream()
                .filter(n -> n.eventType().equals("ReferralExpired")).toList(),
                l -> l.size() >= 3 && l.stream().noneMatch(n -> n.status().equals("PENDING")));
        assertThat(expired).extracting(n -> n.recipientKind() + " " + n.channel())
                .containsExactlyInAnyOrder("OPS EMAIL", "HOSPITAL EMAIL", "HOSPITAL SMS");
        assertThat(awaitMail(HOSPITAL_EMAIL, call.caseCode() + " – ReferralExpired").getContent().toString())
                .contains("quá hạn").contains("10:46 17/08/2021").contains("không cần trả lời");

        // Codes nobody configured: the citizen hears of the team, the hospital and the team get nothing.
        CallReceived other = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                Need.EMERGENCY_TRANSPORT);
        produce(other);
        RecordMetadata referred = companion.produceStrings().fromRecords(CloudEventRecords.of(new PatientReferred(
                other.caseId(), other.caseCode(), Instant.now(), UUID.randomUUID(), UUID.randomUUID(), "Bệnh viện X",
                BedType.ICU, Severity.CRITICAL, null, deadline, 1, "79999"))).awaitCompletion(PATIENCE)
                .getLastRecord();
        produce(new TeamDispatched(other.caseId(), other.caseCode(), Instant.now(), UUID.randomUUID(),
                UUID.randomUUID(), TEAM, "SAME_WARD", true, null, "XX-99"));
        awaitConsumed(referred);
        List<View> others = awaitNotifications(other.caseId(), 4);
        assertThat(others).extracting(n -> n.eventType() + " " + n.recipientKind() + " " + n.channel())
                .containsExactlyInAnyOrder("CallReceived CITIZEN SMS", "CallReceived CITIZEN ZALO",
                        "TeamDispatched CITIZEN SMS", "TeamDispatched CITIZEN ZALO");
    }

    private JsonNode smsBody(View notice) throws Exception {
        FakeSmsGateway.Request request = await().atMost(PATIENCE).until(() -> sms.received().stream()
                .filter(r -> r.body().contains(notice.id().toString())).findFirst().orElse(null), r -> r != null);
        return JSON.readTree(request.body());
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/notifications"));
    }

    @Test
    void onCallOpsAreMailedWhenAnOpsAlertOpensAndWhenItIsResolved() throws Exception {
        UUID alertId = UUID.randomUUID();
        String subject = "relief-service / hotline.intake.events";
        var raised = CloudEventRecords.of(new vn.hotline1022.events.ops.OpsAlertRaised(alertId, Instant.now(),
                "CONSUMER_STALLED", subject, "CRITICAL", "1240 sự kiện chờ (1240 events waiting)"));
        // Twice, as a redelivery would: one mail.
        companion.produceStrings().fromRecords(raised, raised).awaitCompletion(PATIENCE);
        companion.produceStrings().fromRecords(CloudEventRecords.of(new vn.hotline1022.events.ops.OpsAlertResolved(
                alertId, Instant.now(), "CONSUMER_STALLED", subject, Instant.now().minusSeconds(300))))
                .awaitCompletion(PATIENCE);

        assertThat(awaitMail(LocalProvidersResource.OPS, "OPS-CONSUMER_STALLED – OpsAlertRaised").getContent()
                .toString()).contains("CONSUMER_STALLED (CRITICAL)").contains(subject).contains("1240 sự kiện chờ");
        assertThat(awaitMail(LocalProvidersResource.OPS, "OPS-CONSUMER_STALLED – OpsAlertResolved").getContent()
                .toString()).contains("đã hết cảnh báo").contains(subject);
        List<View> notices = awaitNotifications(alertId, 2, OPS);
        assertThat(notices).extracting(View::eventType).containsExactlyInAnyOrder("OpsAlertRaised", "OpsAlertResolved");
        assertThat(notices).extracting(n -> n.recipientKind() + " " + n.channel()).containsOnly("OPS EMAIL");
    }

    @Test
    void theDistrictsOfficialsLearnThatAPatientWaitsForABed() throws Exception {
        CallReceived call = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                Need.HOSPITAL_ADMISSION);
        produce(call);
        produce(new vn.hotline1022.events.referral.ReferralWaiting(call.caseId(), call.caseCode(), Instant.now(),
                UUID.randomUUID(), "NO_FREE_BED", vn.hotline1022.events.common.BedType.ICU, Instant.now(), "74",
                SampleEvents.THUAN_AN));
        String text = awaitMail(LocalProvidersResource.THUAN_AN_DISTRICT_OFFICIAL,
                call.caseCode() + " – ReferralWaiting").getContent().toString();
        assertThat(text).contains("đang chờ giường ICU").contains(call.caseCode())
                .doesNotContain(call.caller().phone()).doesNotContain(call.caller().name());
        assertThat(awaitNotifications(call.caseId(), 4)).filteredOn(n -> n.eventType().equals("ReferralWaiting"))
                .extracting(n -> n.recipientKind() + " " + n.channel()).containsOnly("OFFICIAL EMAIL").hasSize(2);
    }

    @Test
    void aDistrictsWeeklyReportIsMailedToItsOfficialsWithTheCsvAttached() throws Exception {
        UUID reportId = UUID.randomUUID();
        String csv = "section,key,value\nperiod,from,2021-08-16\ntotal,cases,412\n";
        var report = CloudEventRecords.of(new vn.hotline1022.events.intake.WeeklyReportIssued(reportId, Instant.now(),
                "DISTRICT", SampleEvents.THUAN_AN, java.time.LocalDate.parse("2021-08-16"), 412,
                "Tuần 16/08/2021–22/08/2021: 412 hồ sơ, 57 vượt hạn, 12 chuyển cấp.", csv));
        companion.produceStrings().fromRecords(report, report).awaitCompletion(PATIENCE); // redelivered: mailed once
        MimeMessage mail = awaitMail(LocalProvidersResource.THUAN_AN_DISTRICT_OFFICIAL,
                "REPORT-725-2021-08-16 – WeeklyReportIssued");
        jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) mail.getContent();
        String body = null;
        String attached = null;
        for (int i = 0; i < parts.getCount(); i++) {
            var part = parts.getBodyPart(i);
            if ("hotline1022-725-2021-08-16.csv".equals(part.getFileName())) {
                attached = new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } else {
                body = part.getContent().toString();
            }
        }
        assertThat(attached).isEqualTo(csv);
        assertThat(body).contains("báo cáo tuần từ 16/08/2021 của quận/huyện 725").contains("412 hồ sơ");
        assertThat(awaitNotifications(reportId, 2, OPS)).extracting(n -> n.recipientKind() + " " + n.channel())
                .containsExactly("OFFICIAL EMAIL", "OFFICIAL EMAIL");
    }

    @Test
    void aViolationReportIsHandedToTheDistrictsOfficials() throws Exception {
        CallReceived report = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                Need.VIOLATION_REPORT);
        produce(report);
        String text = awaitMail(LocalProvidersResource.THUAN_AN_WARD_OFFICIAL, report.caseCode() + " – CallReceived")
                .getContent().toString();
        assertThat(text).contains("phản ánh vi phạm").contains("phường/xã " + SampleEvents.LAI_THIEU)
                .contains(report.notes()).doesNotContain(report.caller().phone());
        assertThat(awaitNotifications(report.caseId(), 4)).extracting(n -> n.recipientKind() + " " + n.channel())
                .containsExactlyInAnyOrder("CITIZEN SMS", "CITIZEN ZALO", "OFFICIAL EMAIL", "OFFICIAL EMAIL");
    }

    private void produce(CaseEvent event) {
        companion.produceStrings().fromRecords(CloudEventRecords.of(event)).awaitCompletion(PATIENCE);
    }

    private MimeMessage awaitMail(String to, String subjectPart) {
        return await().atMost(PATIENCE).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> sentTo(m, to) && subject(m).contains(subjectPart)).findFirst().orElse(null),
                m -> m != null);
    }

    private static boolean sentTo(MimeMessage m, String to) {
        try {
            Address[] recipients = m.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().contains(to));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private static List<JsonNode> dataFor(List<String> lines, UUID caseId) {
        List<JsonNode> found = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("data:") && line.contains(caseId.toString())) {
                try {
                    found.add(JSON.readTree(line.substring(5).strip()));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return found;
    }

    private static List<String> statuses(List<String> lines, UUID caseId) {
        return dataFor(lines, caseId).stream().map(n -> n.get("status").asText()).toList();
    }

    private long optOuts() throws java.sql.SQLException {
        return count("select count(*) from citizen_opt_out");
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

    private long count(String sql) throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var q = c.prepareStatement(sql); var rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static CallReceived withPhone(CallReceived sample, String phone) {
        return new CallReceived(sample.caseId(), sample.caseCode(), sample.occurredAt(), sample.callId(),
                sample.channel(), new Caller("Trần Thị Bình", phone), sample.location(), sample.needs(),
                sample.householdSize(), sample.vulnerabilities(), sample.priority(), sample.notes(), sample.agentId());
    }

    private static TeamDispatched teamDispatched(CallReceived call) {
        return new TeamDispatched(call.caseId(), call.caseCode(), Instant.now(), UUID.randomUUID(), UUID.randomUUID(),
                TEAM, "SAME_WARD", true, null, null);
    }

    @Test
    void theCitizenIsTextedTheReceiptCodeReliefWillAskFor() throws Exception {
        CallReceived call = SampleEvents.callReceived(SampleEvents.THU_DAU_MOT, SampleEvents.PHU_CUONG, Need.FOOD);
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);
        UUID deliveryId = UUID.randomUUID();
        companion.produceStrings().fromRecords(CloudEventRecords.of(new ReliefScheduled(call.caseId(),
                call.caseCode(), Instant.now(), deliveryId, UUID.randomUUID(), "BD-FOOD-01",
                List.of(new ReliefItem("RICE", 10, "kg")), null, SampleEvents.PHU_CUONG, null)))
                .awaitCompletion(PATIENCE);

        String secret = ConfigProvider.getConfig().getValue("hotline.recipient-code-secret", String.class);
        String expected = RecipientCode.derive(secret, deliveryId);
        List<View> relief = await().atMost(PATIENCE).until(() -> notifications(call.caseId()).stream()
                .filter(n -> n.eventType().equals("ReliefScheduled") && n.status().equals("SENT")).toList(),
                found -> !channel(found, "SMS").isEmpty());
        // Only the household's phone gets the code; the delivery log staff read shows it masked.
        assertThat(relief).allSatisfy(n -> assertThat(n.text()).contains("Mã nhận hàng: ******")
                .doesNotContain(expected));
        View sent = channel(relief, "SMS").get(0);
        assertThat(sms.received()).anySatisfy(r -> assertThat(r.body()).contains(sent.id().toString())
                .contains("Mã nhận hàng: " + expected));
        assertThat(count("select count(*) from notification where text like '%" + expected + "%'")).isZero();

        // A re-send (the officer's request, via relief): a new code, to the household only, the old one not repeated.
        companion.produceStrings().fromRecords(CloudEventRecords.of(new RecipientCodeReissued(call.caseId(),
                call.caseCode(), Instant.now(), deliveryId, 1))).awaitCompletion(PATIENCE);
        String second = RecipientCode.derive(secret, deliveryId, 1);
        assertThat(second).isNotEqualTo(expected);
        List<View> again = await().atMost(PATIENCE).until(() -> notifications(call.caseId()).stream()
                .filter(n -> n.eventType().equals("RecipientCodeReissued") && n.status().equals("SENT")).toList(),
                found -> !channel(found, "SMS").isEmpty());
        assertThat(again).allSatisfy(n -> assertThat(n.text()).contains("******").doesNotContain(second));
        View resent = channel(again, "SMS").get(0);
        assertThat(sms.received()).anySatisfy(r -> assertThat(r.body()).contains(resent.id().toString())
                .contains("Mã nhận hàng mới cho hồ sơ " + call.caseCode() + ": " + second));
    }

    private static List<View> channel(List<View> views, String channel) {
        return views.stream().filter(n -> n.channel().equals(channel)).toList();
    }

    private static List<View> notifications(UUID caseId) {
        return given().queryParam("caseId", caseId).get("/api/v1/notifications").then().statusCode(200).extract()
                .as(new TypeRef<List<View>>() {
                });
    }

    /** Notices with no place (ops alerts, reports, a case whose call is not here yet) are read by ops. */
    private static final String OPS = TestTokens.user("ops1", Roles.OPS).sign();

    private static List<View> awaitNotifications(UUID caseId, int count, String token) {
        return await().atMost(PATIENCE).until(() -> given().auth().oauth2(token).queryParam("caseId", caseId)
                .get("/api/v1/notifications").then().statusCode(200).extract().as(new TypeRef<List<View>>() {
                }), found -> found.size() >= count && found.stream().noneMatch(n -> n.status().equals("PENDING")));
    }

    /** At least {@code count} notices, none still waiting to be sent. */
    private static List<View> awaitNotifications(UUID caseId, int count) {
        return await().atMost(PATIENCE).until(() -> notifications(caseId),
                found -> found.size() >= count && found.stream().noneMatch(n -> n.status().equals("PENDING")));
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

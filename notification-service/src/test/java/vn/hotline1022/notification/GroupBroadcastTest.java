package vn.hotline1022.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.HotlineEvent;
import vn.hotline1022.events.common.EscalationLevel;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.common.ZoneColour;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.intake.CaseEscalated;
import vn.hotline1022.events.intake.DailySummaryIssued;
import vn.hotline1022.events.intake.ZoneStatusChanged;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.messaging.sql.SqlValues;
import vn.hotline1022.notification.channels.WebhookChannel;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;

/**
 * Broadcasts to group channels (GroupsResource): zone changes and SLA breaches go at once to the groups that cover the
 * ward — the steering committee's Zalo group and the ward team's signed webhook — and nowhere else; a failing webhook is
 * retried like any notice; a district's daily summary waits out the quiet hours. Every broadcast is in the delivery log.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
@WithTestResource(GroupsResource.class)
class GroupBroadcastTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZALO = "/v3.0/oa/group/message";
    private static final String LAI_THIEU_HOOK = "/hooks/lai-thieu";

    FakeGroupChannels channels;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    EntityManager em;

    @Test
    void aZoneChangeGoesAtOnceToTheGroupsThatCoverItsWard() throws Exception {
        String reason = "Ổ dịch mới " + UUID.randomUUID();
        produce(new ZoneStatusChanged(SampleEvents.BINH_DUONG, SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU,
                ZoneColour.ORANGE, ZoneColour.RED, Instant.now(), "bcd-74", reason));

        FakeGroupChannels.Received zalo = await().atMost(PATIENCE).until(() -> mentioning(ZALO, reason),
                found -> found.size() == 1).get(0);
        assertThat(zalo.accessToken()).isEqualTo(FakeGroupChannels.ACCESS_TOKEN);
        JsonNode message = JSON.readTree(zalo.body());
        assertThat(message.path("recipient").path("group_id").asText()).isEqualTo("g-bcd-74");
        assertThat(message.path("message").path("text").asText())
                .contains("phường/xã 25966", "vùng đỏ", "trước đó: vùng cam", reason);

        FakeGroupChannels.Received hook = await().atMost(PATIENCE).until(() -> mentioning(LAI_THIEU_HOOK, reason),
                found -> found.size() == 1).get(0);
        // Signed as the group's secret says, over the attempt's timestamp and the exact body: checked here with
        // HMAC-SHA256; the timestamp is now, so a receiver refusing old ones refuses a replay.
        assertThat(hook.signature()).isEqualTo(WebhookChannel.signature(GroupsResource.WEBHOOK_SECRET,
                hook.timestamp() + "." + hook.body()));
        assertThat(Long.parseLong(hook.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        assertThat(hook.signature()).as("the body alone is not what is signed")
                .isNotEqualTo(WebhookChannel.signature(GroupsResource.WEBHOOK_SECRET, hook.body()));
        assertThat(JSON.readTree(hook.body()).path("group").asText()).isEqualTo("to-covid-lai-thieu");
        assertThat(hook.delivery()).isEqualTo(JSON.readTree(hook.body()).path("notificationId").asText());

        // Thuận An's daily-figures group does not follow zone changes; the group with no areas hears nothing.
        assertThat(mentioning("/hooks/thuan-an", reason)).isEmpty();
        assertThat(mentioning("/hooks/no-area", reason)).isEmpty();
        assertThat(log(reason)).containsExactlyInAnyOrder("ban-chi-dao-74 ZALO_GROUP SENT",
                "to-covid-lai-thieu WEBHOOK SENT");

        // A change in Thủ Dầu Một: the steering committee only.
        String elsewhere = "Giãn cách " + UUID.randomUUID();
        produce(new ZoneStatusChanged(SampleEvents.BINH_DUONG, SampleEvents.THU_DAU_MOT, SampleEvents.PHU_CUONG,
                null, ZoneColour.YELLOW, Instant.now(), "bcd-74", elsewhere));
        await().atMost(PATIENCE).until(() -> mentioning(ZALO, elsewhere).size() == 1);
        assertThat(log(elsewhere)).containsExactly("ban-chi-dao-74 ZALO_GROUP SENT");
    }

    @Test
    void anSlaBreachReachesTheWardsGroupsAndAFailingWebhookIsRetried() {
        channels.failNext(2);
        CallReceived call = SampleEvents.callReceived(SampleEvents.THUAN_AN, SampleEvents.LAI_THIEU, Need.FOOD);
        produce(new CaseEscalated(call.caseId(), call.caseCode(), Instant.now(), EscalationLevel.DISTRICT,
                "first action overdue", List.of(Need.FOOD), call.location(), 40));

        await().atMost(PATIENCE).until(() -> log(call.caseCode()).containsAll(List.of(
                "ban-chi-dao-74 ZALO_GROUP SENT", "to-covid-lai-thieu WEBHOOK SENT")));
        // Two 503s, then delivered: three attempts, one notice.
        assertThat(attempts(call.caseCode(), "to-covid-lai-thieu")).isEqualTo(3);
        assertThat(mentioning(LAI_THIEU_HOOK, call.caseCode())).hasSize(3)
                .extracting(FakeGroupChannels.Received::delivery).containsOnly(
                        mentioning(LAI_THIEU_HOOK, call.caseCode()).get(0).delivery());
        assertThat(mentioning(ZALO, call.caseCode()).get(0).body()).contains("quá hạn xử lý", "quận/huyện");
    }

    @Test
    void aDistrictsDailySummaryWaitsOutTheQuietHours() {
        LocalDate day = LocalDate.of(2021, 8, 17).plusDays(java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(1000));
        DailySummaryIssued summary = new DailySummaryIssued(UUID.randomUUID(), Instant.now(), SampleEvents.BINH_DUONG,
                SampleEvents.THUAN_AN, day, 96, 61, 14, 3, "Ngày " + day + ": 96 hồ sơ");
        ProducerRecord<String, String> record = CloudEventRecords.of(summary);
        companion.produceStrings().fromRecords(record, record).awaitCompletion(PATIENCE); // delivered twice
        String code = "SUMMARY-" + SampleEvents.THUAN_AN + "-" + day;

        await().atMost(PATIENCE).until(() -> log(code).size() == 2);
        assertThat(log(code)).containsExactlyInAnyOrder("ban-chi-dao-74 ZALO_GROUP PENDING",
                "thuan-an-hang-ngay WEBHOOK PENDING");
        // Held until the quiet hours end (in two hours), not attempted; nothing posted meanwhile.
        Instant heldUntil = await().atMost(PATIENCE).until(() -> nextAttempt(code),
                at -> at != null && at.isAfter(Instant.now().plus(Duration.ofHours(1))));
        assertThat(heldUntil).isBefore(Instant.now().plus(Duration.ofHours(3)));
        assertThat(attempts(code, "thuan-an-hang-ngay")).isZero();
        assertThat(mentioning("/hooks/thuan-an", "96 hồ sơ")).noneMatch(r -> r.body().contains(day.toString()));
    }

    private void produce(HotlineEvent event) {
        companion.produceStrings().fromRecords(CloudEventRecords.of(event)).awaitCompletion(PATIENCE);
    }

    private List<FakeGroupChannels.Received> mentioning(String path, String text) {
        return channels.received(path).stream().filter(r -> r.body().contains(text)).toList();
    }

    /** The group rows of the delivery log whose subject or text names {@code text}: "group channel status". */
    @SuppressWarnings("unchecked")
    private List<String> log(String text) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select recipient_address || ' ' || channel || ' ' || status from notification
                 where recipient_kind = 'GROUP' and (case_code = ?1 or text like ?2)
                """).setParameter(1, text).setParameter(2, "%" + text + "%").getResultList());
    }

    private int attempts(String caseCode, String group) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select attempts from notification where case_code = ?1 and recipient_address = ?2")
                .setParameter(1, caseCode).setParameter(2, group).getSingleResult()).intValue());
    }

    private Instant nextAttempt(String caseCode) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object at = em.createNativeQuery("select min(next_attempt_at) from notification where case_code = ?1")
                    .setParameter(1, caseCode).getSingleResult();
            return at == null ? null : SqlValues.instant(at);
        });
    }
}

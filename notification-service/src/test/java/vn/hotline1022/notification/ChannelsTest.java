package vn.hotline1022.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hotline1022.notification.channels.ConsoleChannel;
import vn.hotline1022.notification.channels.DeliveryException;
import vn.hotline1022.notification.channels.OutgoingNotice;
import vn.hotline1022.notification.channels.SmsChannel;
import vn.hotline1022.notification.channels.ZaloChannel;
import vn.hotline1022.notification.notices.QuietHours;
import vn.hotline1022.infra.Ports;
import vn.hotline1022.testkit.CapturedLog;

/** The channels on their own: SMS against a real local HTTP server, the console against the real log manager. */
class ChannelsTest {

    private static final String PHONE = "+84912345678";
    private static final String TEXT = "1022: Tổ PƯN Lái Thiêu đang trên đường đến. Mã hồ sơ: BD-20210817-0042.";

    private final FakeSmsGateway gateway = new FakeSmsGateway();

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void smsIsPostedAsJsonWithTheKeyAndTheGatewayIdIsKept() throws Exception {
        UUID id = UUID.randomUUID();
        String providerId = sms(Duration.ofSeconds(2)).send(notice(id, PHONE));

        assertThat(providerId).startsWith("gw-");
        assertThat(gateway.received()).hasSize(1);
        assertThat(gateway.received().get(0).authorization()).isEqualTo("Bearer " + FakeSmsGateway.API_KEY);
        JsonNode body = new ObjectMapper().readTree(gateway.received().get(0).body());
        assertThat(body.get("to").asText()).isEqualTo(PHONE);
        assertThat(body.get("text").asText()).isEqualTo(TEXT);
        assertThat(body.get("reference").asText()).isEqualTo(id.toString());

        // The national form intake puts on CallReceived reaches the gateway in E.164 too.
        sms(Duration.ofSeconds(2)).send(notice(UUID.randomUUID(), "0912345678"));
        assertThat(new ObjectMapper().readTree(gateway.received().get(1).body()).get("to").asText()).isEqualTo(PHONE);
    }

    @Test
    void aRefusingGatewayGivesAnErrorWithoutTheNumberOrTheText() {
        SmsChannel sms = sms(Duration.ofSeconds(2));
        assertThatThrownBy(() -> sms.send(notice(UUID.randomUUID(), FakeSmsGateway.FAILING_PHONE)))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("SMS gateway answered HTTP 503");
        assertThatThrownBy(() -> new SmsChannel(gateway.url(), Optional.of("wrong"), Duration.ofSeconds(2))
                .send(notice(UUID.randomUUID(), PHONE)))
                .hasMessage("SMS gateway answered HTTP 401");
    }

    @Test
    void aSlowOrUnreachableGatewayFailsWithinTheTimeout() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> sms(Duration.ofMillis(300)).send(notice(UUID.randomUUID(), FakeSmsGateway.SLOW_PHONE)))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("SMS gateway did not answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

        SmsChannel nowhere = new SmsChannel(URI.create("http://127.0.0.1:" + Ports.free() + "/sms"), Optional.empty(),
                Duration.ofSeconds(1));
        assertThatThrownBy(() -> nowhere.send(notice(UUID.randomUUID(), PHONE)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageStartingWith("SMS gateway unreachable");
        assertThatThrownBy(() -> sms(Duration.ofSeconds(1)).send(notice(UUID.randomUUID(), null)))
                .hasMessage("no phone number for this case");
    }

    @Test
    void theConsoleLogsTheNoticeButNeverThePhoneNumber() {
        try (CapturedLog log = CapturedLog.of(ConsoleChannel.class.getName())) {
            new ConsoleChannel().send(notice(UUID.randomUUID(), PHONE));

            assertThat(log.lines()).hasSize(1);
            assertThat(log.all()).contains("BD-20210817-0042").contains(TEXT).contains("+84*****678")
                    .doesNotContain(PHONE).doesNotContain("912345678");
        }
    }

    @Test
    void zaloGetsTheNumberWithoutPlusAndTheTokenAndItsRefusalsBecomeErrors() throws Exception {
        try (FakeZaloApi api = new FakeZaloApi()) {
            UUID id = UUID.randomUUID();
            ZaloChannel zalo = new ZaloChannel(api.url(), Optional.of(FakeZaloApi.ACCESS_TOKEN), "tpl-1",
                    Duration.ofSeconds(2));
            assertThat(zalo.send(notice(id, PHONE))).startsWith("zns-");
            JsonNode body = new ObjectMapper().readTree(api.received().get(0).body());
            assertThat(body.get("phone").asText()).isEqualTo("84912345678");
            assertThat(body.get("template_id").asText()).isEqualTo("tpl-1");
            assertThat(body.get("tracking_id").asText()).isEqualTo(id.toString());
            assertThat(body.at("/template_data/text").asText()).isEqualTo(TEXT);
            // The national form intake sends: still the international number without the plus.
            zalo.send(notice(UUID.randomUUID(), "0912345678"));
            assertThat(new ObjectMapper().readTree(api.received().get(1).body()).get("phone").asText())
                    .isEqualTo("84912345678");

            assertThatThrownBy(() -> zalo.send(notice(UUID.randomUUID(), FakeZaloApi.BLOCKED_PHONE)))
                    .isInstanceOf(DeliveryException.class).hasMessage("Zalo refused the message (error -118)");
            assertThatThrownBy(() -> new ZaloChannel(api.url(), Optional.of("stale"), "tpl-1", Duration.ofSeconds(2))
                    .send(notice(UUID.randomUUID(), PHONE))).hasMessage("Zalo refused the message (error -124)");
            assertThatThrownBy(() -> new ZaloChannel(api.url(), Optional.empty(), "tpl-1", Duration.ofSeconds(2))
                    .send(notice(UUID.randomUUID(), PHONE))).hasMessage("Zalo access token not configured");
        }
    }

    @Test
    void quietHoursSpanMidnightInVietnamTime() {
        ZoneId vn = ZoneId.of("Asia/Ho_Chi_Minh");
        LocalTime start = LocalTime.of(21, 30);
        LocalTime end = LocalTime.of(6, 30);
        Instant lateEvening = ZonedDateTime.of(2021, 8, 17, 23, 0, 0, 0, vn).toInstant();
        Instant earlyMorning = ZonedDateTime.of(2021, 8, 18, 5, 0, 0, 0, vn).toInstant();
        Instant morning = ZonedDateTime.of(2021, 8, 18, 6, 30, 0, 0, vn).toInstant();
        Instant afternoon = ZonedDateTime.of(2021, 8, 18, 15, 0, 0, 0, vn).toInstant();
        assertThat(QuietHours.endIfQuiet(lateEvening, start, end, vn)).isEqualTo(morning);
        assertThat(QuietHours.endIfQuiet(earlyMorning, start, end, vn)).isEqualTo(morning);
        assertThat(QuietHours.endIfQuiet(morning, start, end, vn)).isNull();
        assertThat(QuietHours.endIfQuiet(afternoon, start, end, vn)).isNull();
        // 16:00 UTC is 23:00 in Vietnam: the zone, not the server's clock, decides.
        assertThat(QuietHours.endIfQuiet(Instant.parse("2021-08-17T16:00:00Z"), start, end, vn))
                .isEqualTo(Instant.parse("2021-08-17T23:30:00Z"));
        // A window within one day.
        assertThat(QuietHours.endIfQuiet(afternoon, LocalTime.of(12, 0), LocalTime.of(16, 0), vn))
                .isEqualTo(ZonedDateTime.of(2021, 8, 18, 16, 0, 0, 0, vn).toInstant());
    }

    @Test
    void addressesAreMaskedForLogs() {
        assertThat(OutgoingNotice.mask(PHONE)).isEqualTo("+84*****678");
        assertThat(OutgoingNotice.mask("lai-thieu@thuanan.binhduong.gov.vn")).isEqualTo("l***@thuanan.binhduong.gov.vn");
        assertThat(new OutgoingNotice(UUID.randomUUID(), "BD-1", "s", "ops@hotline1022.vn", TEXT).toString())
                .doesNotContain("ops@").doesNotContain(TEXT);
    }

    private SmsChannel sms(Duration timeout) {
        return new SmsChannel(gateway.url(), Optional.of(FakeSmsGateway.API_KEY), timeout);
    }

    private static OutgoingNotice notice(UUID id, String phone) {
        return new OutgoingNotice(id, "BD-20210817-0042", phone, TEXT);
    }
}

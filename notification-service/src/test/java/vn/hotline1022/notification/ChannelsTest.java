package vn.hotline1022.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
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
import vn.hotline1022.testkit.Ports;

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

    private SmsChannel sms(Duration timeout) {
        return new SmsChannel(gateway.url(), Optional.of(FakeSmsGateway.API_KEY), timeout);
    }

    private static OutgoingNotice notice(UUID id, String phone) {
        return new OutgoingNotice(id, "BD-20210817-0042", phone, TEXT);
    }
}

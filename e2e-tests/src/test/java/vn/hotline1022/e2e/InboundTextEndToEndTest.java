package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.localstack.LocalStack;
import vn.hotline1022.testkit.FakeSmsGateway;

/**
 * A text to 1022 with the whole system: an SMS gateway (test-kit's FakeSmsGateway, Twilio's webhook format, signed
 * with this install's auth token) posts "1022 CAPCUU <ward>"; the answer carries the case code, the case is a call's
 * on the channel SMS with the sender's phone, dispatch acts on it (a team sent, or the case queued for the next free
 * one), and the sender tracks it with the code and the phone.
 */
@ExtendWith(SharedStack.class)
class InboundTextEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern CODE = Pattern.compile("BD-\\d{8}-\\d{4,}-[A-HJKMNP-Z2-9]{3}");
    private static final String PHU_CUONG = "25747"; // Thủ Dầu Một, Bình Dương

    private static LocalStack stack;

    @BeforeAll
    static void stack() {
        stack = SharedStack.stack();
    }

    @Test
    void aTextBecomesACaseThatDispatchActsOnAndTheSenderTracks() {
        String intake = stack.url("intake-service");
        String webhook = intake + "/webhooks/sms";
        FakeSmsGateway gateway = new FakeSmsGateway(stack.secrets().get("HOTLINE_INTAKE_SMS_AUTH_TOKEN"), webhook);
        String phone = "093" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
        Map<String, String> text = FakeSmsGateway.text("+84" + phone.substring(1), "1022 CAPCUU " + PHU_CUONG + " 2");

        String reply = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(text)
                .header("X-Twilio-Signature", gateway.signature(text)).post(webhook).then().statusCode(200)
                .contentType("application/xml").extract().asString();
        Matcher m = CODE.matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        String code = m.group();

        var detail = given().auth().oauth2(stack.token("admin1")).get(intake + "/api/v1/cases/{code}", code).then()
                .statusCode(200).extract();
        assertThat(detail.<String> path("channel")).isEqualTo("SMS");
        assertThat(detail.<String> path("caller.phone")).isEqualTo(phone);
        assertThat(detail.<List<String>> path("needs")).containsExactly("EMERGENCY_TRANSPORT");
        UUID caseId = UUID.fromString(detail.path("id"));

        List<ConsumerRecord<String, String>> dispatch = await().atMost(PATIENCE).until(
                () -> CaseEvents.read(stack.kafkaBootstrapServers(), caseId).stream()
                        .filter(r -> r.topic().equals(Topics.DISPATCH)).toList(),
                found -> !found.isEmpty());
        assertThat(new String(dispatch.get(0).headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isIn(EventType.TEAM_DISPATCHED.ceType(), EventType.DISPATCH_QUEUED.ceType());

        // The sender tracks it with the code the text answered and the phone, without signing in.
        given().contentType("application/json").body(Map.of("phone", phone))
                .post(intake + "/api/v1/public/cases/{code}/lookup", code).then().statusCode(200)
                .body("code", org.hamcrest.Matchers.equalTo(code));
        // The same text delivered again by the gateway: the same answer, no second case.
        String again = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(text)
                .header("X-Twilio-Signature", gateway.signature(text)).post(webhook).then().statusCode(200)
                .extract().asString();
        assertThat(again).isEqualTo(reply);
    }
}

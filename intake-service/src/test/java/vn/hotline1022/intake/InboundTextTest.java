package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.testkit.FakeSmsGateway;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * Texts to 1022 through a fake SMS gateway that speaks Twilio's webhook format (test-kit's FakeSmsGateway; TwiML
 * answers): a keyword text becomes a case like a call, a second delivery is answered alike and
 * opens nothing, a forged one is refused, free text waits for a callback with a code, a flood from one phone is not
 * acted on.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class InboundTextTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String TOKEN = "test-sms-auth-token";
    private static final String PUBLIC_URL = "https://hotline1022.example/webhooks/sms";
    private static final String AGENT = TestTokens.user("agent-sms", Roles.CALL_AGENT)
            .claim(CurrentUser.PROVINCE_CODES, List.of("74")).sign();
    private static final FakeSmsGateway GATEWAY = new FakeSmsGateway(TOKEN, PUBLIC_URL);
    private static final Pattern CODE = Pattern.compile("[A-Z]{1,4}-\\d{8}-\\d{4,}-[A-HJKMNP-Z2-9]{3}");

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    EntityManager em;

    @Test
    void aKeywordTextBecomesACaseLikeACallAndItsSecondDeliveryOpensNothing() {
        String phone = uniquePhone();
        String sid = messageId();
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            // As phones send it: international form, Vietnamese marks, lower case.
            String reply = gateway(sid, "+84" + phone.substring(1), "1022 lương thực " + SampleEvents.LAI_THIEU + " 4")
                    .then().statusCode(200).contentType("application/xml")
                    .body("Response.Message", containsString("đã tiếp nhận")).extract().asString();
            String code = code(reply);

            ConsumerRecord<String, String> published = await().atMost(PATIENCE).until(() -> intake.stream()
                    .filter(r -> r.value() != null && r.value().contains(code)).findFirst().orElse(null),
                    r -> r != null);
            CallReceived call = (CallReceived) EventJson.fromJson(published.value(), EventType.CALL_RECEIVED);
            assertThat(call.channel()).isEqualTo(ContactChannel.SMS);
            assertThat(call.caller().phone()).isEqualTo(phone);
            assertThat(call.needs()).containsExactly(Need.FOOD);
            assertThat(call.location().wardCode()).isEqualTo(SampleEvents.LAI_THIEU);
            assertThat(call.householdSize()).isEqualTo(4);
            given().auth().oauth2(AGENT).get("/api/v1/cases/{code}", code).then().statusCode(200)
                    .body("channel", equalTo("SMS"));

            // The gateway delivers the same message again: the same answer, no second case or call.
            String again = gateway(sid, "+84" + phone.substring(1), "1022 lương thực " + SampleEvents.LAI_THIEU + " 4")
                    .then().statusCode(200).extract().asString();
            assertThat(again).isEqualTo(reply);
            assertThat(count("select count(*) from case_call cc join hotline_case c on c.id = cc.case_id "
                    + "where c.code = ?1", code)).isEqualTo(1);

            // A new text from the same phone joins the open case.
            gateway(messageId(), phone, "1022 TIENNHA " + SampleEvents.LAI_THIEU).then().statusCode(200)
                    .body("Response.Message", containsString("gộp vào hồ sơ đang xử lý " + code));
        } finally {
            intake.stop();
        }
    }

    @Test
    void aForgedOrUnsignedTextIsRefusedAndChangesNothing() {
        String phone = uniquePhone();
        Map<String, String> form = fields(messageId(), phone, "1022 LUONGTHUC " + SampleEvents.LAI_THIEU);
        // Signed with another token, and for another URL: both refused.
        post(form, new FakeSmsGateway("someone-elses-token", PUBLIC_URL).signature(form)).then().statusCode(403)
                .contentType("application/problem+json");
        post(form, new FakeSmsGateway(TOKEN, "https://attacker.example/webhooks/sms").signature(form)).then().statusCode(403);
        post(form, null).then().statusCode(403);
        // A body changed after signing.
        String signature = GATEWAY.signature(form);
        form.put("Body", "1022 CAPCUU " + SampleEvents.LAI_THIEU);
        post(form, signature).then().statusCode(403);
        assertThat(count("select count(*) from hotline_case where caller_phone = ?1", phone)).isZero();
    }

    @Test
    void freeTextAndUnknownWardsWaitForACallbackWithACode() {
        String phone = uniquePhone();
        String first = gateway(messageId(), phone, "Nhà tôi hết gạo rồi, giúp với").then().statusCode(200)
                .body("Response.Message", containsString("sẽ gọi lại số này")).extract().asString();
        String code = code(first);
        gateway(messageId(), phone, "").then().statusCode(200)
                .body("Response.Message", containsString("1022 LUONGTHUC"));
        // A keyword it does not know, NUL and markup: more words for the same callback, never echoed as markup.
        gateway(messageId(), phone, "1022 PIZZA " + SampleEvents.LAI_THIEU).then().statusCode(200)
                .body("Response.Message", containsString("thêm vào yêu cầu gọi lại " + code));
        gateway(messageId(), phone, "<Response>\u0000").then().statusCode(200)
                .body("Response.Message", containsString("thêm vào yêu cầu gọi lại " + code));
        assertThat(count("select count(*) from hotline_case where caller_phone = ?1", phone)).isZero();
        Object[] callback = (Object[]) em.createNativeQuery("select status, message_count, message, channel"
                + " from callback_request where code = ?1").setParameter(1, code).getSingleResult();
        assertThat(callback[0]).isEqualTo("PENDING_CALLBACK");
        assertThat(((Number) callback[1]).intValue()).isEqualTo(3);
        assertThat((String) callback[2]).isEqualTo("Nhà tôi hết gạo rồi, giúp với\n1022 PIZZA "
                + SampleEvents.LAI_THIEU + "\n<Response>");
        assertThat(callback[3]).isEqualTo("SMS");
        // A ward code that does not exist: told so, and an agent calls back to find the place.
        String unknownWard = gateway(messageId(), uniquePhone(), "1022 LUONGTHUC 99999").then().statusCode(200)
                .body("Response.Message", containsString("Không có phường/xã mã 99999")).extract().asString();
        assertThat(count("select count(*) from callback_request where code = ?1 and status = 'PENDING_CALLBACK'",
                code(unknownWard))).isEqualTo(1);
        // Not a message id, no sender: field errors.
        post(fieldsSigned("x", phone, "hi")).then().statusCode(400).body("errors.field", equalTo(List.of("MessageSid")));
        Map<String, String> noSender = fields(messageId(), phone, "hi");
        noSender.remove("From");
        post(noSender, GATEWAY.signature(noSender)).then().statusCode(400)
                .body("errors.field", equalTo(List.of("From")));
    }

    @Test
    void aPhoneTextingOverAndOverIsAnsweredButNotActedOnPastItsHourlyBudget() {
        String phone = uniquePhone();
        // Three texts an hour are acted on (the first opens, the next two join); the fourth is only answered.
        for (int i = 0; i < 3; i++) {
            gateway(messageId(), phone, "1022 HOI " + SampleEvents.LAI_THIEU).then().statusCode(200)
                    .body("Response.Message", containsString("Tổng đài 1022"));
        }
        gateway(messageId(), phone, "1022 CAPCUU " + SampleEvents.LAI_THIEU).then().statusCode(200)
                .body("Response.Message", containsString("nhiều tin nhắn từ số này"));
        assertThat(count("select count(*) from case_call cc join hotline_case c on c.id = cc.case_id "
                + "where c.caller_phone = ?1", phone)).isEqualTo(3);
    }

    private static Response gateway(String sid, String from, String body) {
        return post(fieldsSigned(sid, from, body));
    }

    private static Map<String, String> fieldsSigned(String sid, String from, String body) {
        Map<String, String> form = fields(sid, from, body);
        form.put("__signature", GATEWAY.signature(form));
        return form;
    }

    private static Response post(Map<String, String> signed) {
        Map<String, String> form = new LinkedHashMap<>(signed);
        String signature = form.remove("__signature");
        return post(form, signature);
    }

    private static Response post(Map<String, String> form, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.post("/webhooks/sms");
    }

    private static Map<String, String> fields(String sid, String from, String body) {
        return FakeSmsGateway.text(sid, from, body);
    }

    private long count(String sql, String parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

    private static String code(String reply) {
        Matcher m = CODE.matcher(reply);
        assertThat(m.find()).as("a case code in " + reply).isTrue();
        return m.group();
    }

    private static String messageId() {
        return FakeSmsGateway.text("", "").get("MessageSid");
    }

    private static String uniquePhone() {
        return "097" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }
}

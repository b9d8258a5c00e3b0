package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
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
import vn.hotline1022.intake.callbacks.Callbacks;
import vn.hotline1022.testkit.FakeSmsGateway;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * The agents' callback queue (chờ gọi lại): free text to 1022 waits there with the code its sender was told; the agent
 * who calls back opens the case with that code, or ends the callback; the phone and the message are then erased. Only
 * agents of the callback's province see or act on it.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class CallbackTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final FakeSmsGateway GATEWAY = new FakeSmsGateway("test-sms-auth-token",
            "https://hotline1022.example/webhooks/sms");
    private static final Pattern CODE = Pattern.compile("[A-Z]{1,4}-\\d{8}-\\d{4,}-[A-HJKMNP-Z2-9]{3}");
    private static final String AGENT = agentOf(SampleEvents.BINH_DUONG);
    private static final String AGENT_ELSEWHERE = agentOf("12");
    private static final String AGENT_WITHOUT_PROVINCE = TestTokens.user("agent-cb-none", Roles.CALL_AGENT).sign();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    EntityManager em;

    @Inject
    Callbacks callbacks;

    @Test
    void theCaseOpenedFromACallbackKeepsTheCodeItsSenderWasTold() {
        String phone = uniquePhone();
        String code = text(phone, "Cho hỏi nhà tôi 5 người hết gạo, ở Lái Thiêu");
        track(code, phone).then().statusCode(200).body("status", equalTo("PENDING_CALLBACK"))
                .body("lastStep", containsString("chờ tổng đài viên gọi lại"));
        // Ops see the queue: at least this one waiting in Bình Dương (CallbackGauges).
        await().atMost(PATIENCE).until(() -> metric("hotline_intake_callbacks_waiting") >= 1);
        assertThat(metric("hotline_intake_callbacks_oldest_seconds")).isGreaterThanOrEqualTo(0);

        // The queue of the agent's province holds it, with what to call and what was written; no other list does.
        given().auth().oauth2(AGENT).get("/api/v1/callbacks").then().statusCode(200)
                .body("find { it.code == '" + code + "' }.phone", equalTo(phone))
                .body("find { it.code == '" + code + "' }.channel", equalTo("SMS"))
                .body("find { it.code == '" + code + "' }.message", containsString("hết gạo"));
        given().auth().oauth2(AGENT_ELSEWHERE).get("/api/v1/callbacks").then().statusCode(200)
                .body("code", not(hasItem(code)));
        given().auth().oauth2(AGENT_WITHOUT_PROVINCE).get("/api/v1/callbacks").then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(TestTokens.user("dispatcher-cb", Roles.DISPATCHER)
                .claim(CurrentUser.PROVINCE_CODES, List.of(SampleEvents.BINH_DUONG)).sign())
                .get("/api/v1/callbacks").then().statusCode(403);

        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            // Another province's agent cannot act on it; the call must be for the phone that wrote.
            openCase(AGENT_ELSEWHERE, code, phone).then().statusCode(404);
            openCase(AGENT, code, uniquePhone()).then().statusCode(400)
                    .body("errors.field", equalTo(List.of("caller.phone")));
            // The phone in its international form is the same phone.
            UUID callId = UUID.randomUUID();
            openCase(AGENT, code, "+84" + phone.substring(1), callId).then().statusCode(201)
                    .body("code", equalTo(code)).body("channel", equalTo("SMS"));
            // The console retrying the same call gets its case; another call for the done callback is refused.
            openCase(AGENT, code, phone, callId).then().statusCode(200).body("code", equalTo(code));
            openCase(AGENT, code, phone).then().statusCode(409);

            ConsumerRecord<String, String> published = await().atMost(PATIENCE).until(() -> intake.stream()
                    .filter(r -> r.value() != null && r.value().contains(code)).findFirst().orElse(null),
                    r -> r != null);
            CallReceived call = (CallReceived) EventJson.fromJson(published.value(), EventType.CALL_RECEIVED);
            assertThat(call.caseCode()).isEqualTo(code);
            assertThat(call.channel()).isEqualTo(ContactChannel.SMS);
            assertThat(call.caller().phone()).isEqualTo(phone);
            assertThat(call.needs()).containsExactly(Need.FOOD);
        } finally {
            intake.stop();
        }
        Object[] row = (Object[]) em.createNativeQuery("select status, phone, message, case_code, handled_by"
                + " from callback_request where code = ?1").setParameter(1, code).getSingleResult();
        assertThat(row).containsExactly("CASE_OPENED", null, null, code, "agent-cb-" + SampleEvents.BINH_DUONG);
        given().auth().oauth2(AGENT).get("/api/v1/callbacks").then().body("code", not(hasItem(code)));
        track(code, phone).then().statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void aCallbackEndedWithoutACaseIsErasedAndItsCodeStillAnswers() {
        String phone = uniquePhone();
        String code = text(phone, "Alo alo");
        given().auth().oauth2(AGENT).contentType("application/json").body(Map.of("outcome", "MAYBE"))
                .post("/api/v1/callbacks/{code}/close", code).then().statusCode(400);
        given().auth().oauth2(AGENT).contentType("application/json").body(Map.of("outcome", "UNREACHABLE"))
                .post("/api/v1/callbacks/{code}/close", "not-a-code").then().statusCode(400);
        given().auth().oauth2(AGENT_ELSEWHERE).contentType("application/json").body(Map.of("outcome", "UNREACHABLE"))
                .post("/api/v1/callbacks/{code}/close", code).then().statusCode(404);
        given().auth().oauth2(AGENT).contentType("application/json").body(Map.of("outcome", "UNREACHABLE"))
                .post("/api/v1/callbacks/{code}/close", code).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("outcome", equalTo("UNREACHABLE"))
                .body("phone", equalTo(null)).body("message", equalTo(null));
        Object[] row = (Object[]) em.createNativeQuery("select status, phone, message from callback_request"
                + " where code = ?1").setParameter(1, code).getSingleResult();
        assertThat(row).containsExactly("CLOSED", null, null);
        track(code, phone).then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("lastStep", containsString("không liên lạc được"));
        track(code, uniquePhone()).then().statusCode(404);
        // A new message from the phone starts a new callback with a new code.
        String again = text(phone, "Alo, gọi lại giúp");
        assertThat(again).isNotEqualTo(code);
        // Only intake expires a callback.
        given().auth().oauth2(AGENT).contentType("application/json").body(Map.of("outcome", "EXPIRED"))
                .post("/api/v1/callbacks/{code}/close", again).then().statusCode(400)
                .body("errors.field", equalTo(List.of("outcome")));
    }

    @Test
    void aCallbackNobodyAnswersExpiresAndIsErased() {
        String phone = uniquePhone();
        String code = text(phone, "Có ai không, gọi tôi với");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update callback_request set received_at = now() - interval '8 days' where code = ?1")
                .setParameter(1, code).executeUpdate());
        assertThat(callbacks.expire(Instant.now())).isGreaterThanOrEqualTo(1);
        Object[] row = (Object[]) em.createNativeQuery("select status, outcome, phone, message from callback_request"
                + " where code = ?1").setParameter(1, code).getSingleResult();
        assertThat(row).containsExactly("CLOSED", "EXPIRED", null, null);
        track(code, phone).then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("lastStep", containsString("quá hạn chờ gọi lại"));
        // A young one stays.
        String young = text(uniquePhone(), "Gọi lại giúp tôi");
        callbacks.expire(Instant.now());
        given().auth().oauth2(AGENT).get("/api/v1/callbacks").then().body("code", hasItem(young));
    }

    private static io.restassured.response.Response openCase(String token, String code, String phone) {
        return openCase(token, code, phone, UUID.randomUUID());
    }

    private static io.restassured.response.Response openCase(String token, String code, String phone, UUID callId) {
        return given().auth().oauth2(token).contentType("application/json").body(Map.of(
                "callId", callId.toString(), "channel", "PHONE",
                "caller", Map.of("name", "Người nhắn tin", "phone", phone),
                "location", Map.of("wardCode", SampleEvents.LAI_THIEU, "addressText", "Khu phố 2"),
                "needs", List.of("FOOD"), "householdSize", 5))
                .post("/api/v1/callbacks/{code}/case", code);
    }

    /** Bình Dương's value of a gauge on /q/metrics, or -1 when absent. */
    private static double metric(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*province=\"74\"[^}]*} (\\S+)$")
                .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static io.restassured.response.Response track(String code, String phone) {
        return given().contentType("application/json").body(Map.of("phone", phone))
                .post("/api/v1/public/cases/{code}/lookup", code);
    }

    /** Texts the hotline through the gateway; the case code of the answer. */
    private static String text(String phone, String body) {
        Matcher m = CODE.matcher(reply(phone, body));
        assertThat(m.find()).isTrue();
        return m.group();
    }

    private static String reply(String phone, String body) {
        Map<String, String> form = FakeSmsGateway.text(phone, body);
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                .header("X-Twilio-Signature", GATEWAY.signature(form)).post("/webhooks/sms")
                .then().statusCode(200).extract().asString();
    }

    private static String agentOf(String province) {
        return TestTokens.user("agent-cb-" + province, Roles.CALL_AGENT)
                .claim(CurrentUser.PROVINCE_CODES, List.of(province)).sign();
    }

    private static String uniquePhone() {
        return "086" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }
}

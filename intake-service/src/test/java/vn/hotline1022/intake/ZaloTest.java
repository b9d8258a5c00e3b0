package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
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
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;

/**
 * Messages to the hotline's Zalo Official Account, posted as Zalo posts them and answered through a fake OA API on a
 * real port (FakeZaloOa): a keyword message with a phone becomes a case on channel ZALO and its answer, with the code,
 * goes back to the Zalo user once however often the event is delivered; free text with a phone waits for a callback;
 * forged, foreign and stale events are refused; an answer Zalo does not take is retried, then given up.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
@WithTestResource(ZaloOaResource.class)
class ZaloTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern CODE = Pattern.compile("[A-Z]{1,4}-\\d{8}-\\d{4,}-[A-HJKMNP-Z2-9]{3}");

    FakeZaloOa oa;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    EntityManager em;

    @Test
    void aKeywordMessageBecomesACaseAndItsAnswerGoesBackOnceHoweverOftenZaloDelivers() {
        String phone = uniquePhone();
        String user = userId();
        String messageId = messageId();
        String event = FakeZaloOa.textEvent(user, messageId, "1022 oxy " + SampleEvents.LAI_THIEU + " 3 "
                + phone.substring(0, 4) + " " + phone.substring(4, 7) + " " + phone.substring(7), 0);
        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            post(event, FakeZaloOa.signature(event)).then().statusCode(200).body("received", equalTo(true));
            FakeZaloOa.Sent answer = await().atMost(PATIENCE).until(() -> sentTo(user), s -> s.size() == 1).get(0);
            assertThat(answer.accessToken()).isEqualTo(FakeZaloOa.ACCESS_TOKEN);
            assertThat(answer.text()).contains("đã tiếp nhận");
            String code = code(answer.text());

            ConsumerRecord<String, String> published = await().atMost(PATIENCE).until(() -> intake.stream()
                    .filter(r -> r.value() != null && r.value().contains(code)).findFirst().orElse(null),
                    r -> r != null);
            CallReceived call = (CallReceived) EventJson.fromJson(published.value(), EventType.CALL_RECEIVED);
            assertThat(call.channel()).isEqualTo(ContactChannel.ZALO);
            assertThat(call.caller().phone()).isEqualTo(phone);
            assertThat(call.needs()).containsExactly(Need.OXYGEN_SUPPORT);
            assertThat(call.householdSize()).isEqualTo(3);

            // Zalo retries the same event (it did not see our 200): acted on once, answered once.
            post(event, FakeZaloOa.signature(event)).then().statusCode(200);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> sentTo(user).size() == 1);
            assertThat(count("select count(*) from case_call cc join hotline_case c on c.id = cc.case_id"
                    + " where c.code = ?1", code)).isEqualTo(1);
            // The Zalo user id is not kept once the answer is sent.
            Object[] row = (Object[]) em.createNativeQuery("select reply_to, reply_sent_at from inbound_text"
                    + " where provider = 'zalo' and message_id = ?1").setParameter(1, messageId).getSingleResult();
            assertThat(row[0]).isNull();
            assertThat(row[1]).isNotNull();
        } finally {
            intake.stop();
        }
    }

    /**
     * A Zalo message only names a phone: when that phone already has an open case, the message must not join it nor
     * name its code (code and phone are all the public tracking asks): it waits for an agent's callback to the phone,
     * under a code of its own.
     */
    @Test
    void aMessageNamingAnotherPersonsPhoneNeverJoinsOrNamesTheirCase() {
        String phone = uniquePhone();
        String owner = userId();
        String first = FakeZaloOa.textEvent(owner, messageId(), "1022 luong thuc " + SampleEvents.LAI_THIEU + " 2 "
                + phone, 0);
        post(first, FakeZaloOa.signature(first)).then().statusCode(200);
        String theirCase = code(await().atMost(PATIENCE).until(() -> sentTo(owner), s -> s.size() == 1).get(0).text());
        assertThat(count("select count(*) from hotline_case where code = ?1", theirCase)).isEqualTo(1);

        String stranger = userId();
        String probe = FakeZaloOa.textEvent(stranger, messageId(), "1022 tien nha " + SampleEvents.LAI_THIEU + " "
                + phone, 0);
        post(probe, FakeZaloOa.signature(probe)).then().statusCode(200);
        String answer = await().atMost(PATIENCE).until(() -> sentTo(stranger), s -> s.size() == 1).get(0).text();
        assertThat(answer).doesNotContain(theirCase).contains("gọi lại");
        String callback = code(answer);
        assertThat(count("select count(*) from callback_request where code = ?1 and status = 'PENDING_CALLBACK'",
                callback)).isEqualTo(1);
        assertThat(count("select count(*) from case_call cc join hotline_case c on c.id = cc.case_id"
                + " where c.code = ?1", theirCase)).as("no call joined their case").isEqualTo(1);
    }

    @Test
    void freeTextWithAPhoneWaitsForACallbackAndWithoutOneIsAskedForIt() {
        String phone = uniquePhone();
        String user = userId();
        String event = FakeZaloOa.textEvent(user, messageId(), "Nhà tôi 4 người F0, hết thuốc. Số tôi "
                + phone + " ạ", 0);
        post(event, FakeZaloOa.signature(event)).then().statusCode(200);
        String answer = await().atMost(PATIENCE).until(() -> sentTo(user), s -> s.size() == 1).get(0).text();
        assertThat(answer).contains("sẽ gọi lại số này");
        Object[] callback = (Object[]) em.createNativeQuery("select channel, phone, status from callback_request"
                + " where code = ?1").setParameter(1, code(answer)).getSingleResult();
        assertThat(callback).containsExactly("ZALO", phone, "PENDING_CALLBACK");

        String anonymous = userId();
        String noPhone = FakeZaloOa.textEvent(anonymous, messageId(), "Cứu với, nhà tôi hết gạo", 0);
        post(noPhone, FakeZaloOa.signature(noPhone)).then().statusCode(200);
        assertThat(await().atMost(PATIENCE).until(() -> sentTo(anonymous), s -> s.size() == 1).get(0).text())
                .contains("cần số điện thoại").doesNotContainPattern(CODE.pattern());
    }

    @Test
    void forgedForeignAndStaleEventsAreRefusedAndChangeNothing() {
        String phone = uniquePhone();
        String user = userId();
        String event = FakeZaloOa.textEvent(user, messageId(), "1022 CAPCUU " + SampleEvents.LAI_THIEU + " " + phone,
                0);
        post(event, FakeZaloOa.signature(event, "someone-elses-key")).then().statusCode(403)
                .contentType("application/problem+json");
        post(event, null).then().statusCode(403);
        post(event.replace("CAPCUU", "NHAPVIEN"), FakeZaloOa.signature(event)).then().statusCode(403);
        String foreign = event.replace(FakeZaloOa.APP_ID, "1111111111");
        post(foreign, FakeZaloOa.signature(foreign)).then().statusCode(403);
        String stale = FakeZaloOa.textEvent(user, messageId(), "1022 CAPCUU " + SampleEvents.LAI_THIEU + " " + phone,
                Duration.ofHours(7).toMillis());
        post(stale, FakeZaloOa.signature(stale)).then().statusCode(403);
        String future = FakeZaloOa.textEvent(user, messageId(), "1022 CAPCUU " + SampleEvents.LAI_THIEU + " " + phone,
                -Duration.ofHours(1).toMillis());
        post(future, FakeZaloOa.signature(future)).then().statusCode(403);
        // Malformed: field errors, nothing stored.
        post("not json", "mac=00").then().statusCode(400).body("errors.field", equalTo(List.of("body")));
        String badId = FakeZaloOa.textEvent(user, "id\u0000with-nul", "1022 CAPCUU " + SampleEvents.LAI_THIEU, 0);
        post(badId, FakeZaloOa.signature(badId)).then().statusCode(400)
                .body("errors.field", equalTo(List.of("message.msg_id")));
        // Other events (a follow) are acknowledged and ignored.
        String follow = event.replace("user_send_text", "follow");
        post(follow, FakeZaloOa.signature(follow)).then().statusCode(200).body("received", equalTo(false));
        assertThat(count("select count(*) from hotline_case where caller_phone = ?1", phone)).isZero();
        assertThat(sentTo(user)).isEmpty();
    }

    @Test
    void oneZaloAccountCannotOpenCallbacksForAListOfNumbers() {
        String user = userId();
        List<String> phones = List.of(uniquePhone(), uniquePhone(), uniquePhone(), uniquePhone());
        for (String phone : phones) {
            String event = FakeZaloOa.textEvent(user, messageId(), "Gọi giúp số " + phone, 0);
            post(event, FakeZaloOa.signature(event)).then().statusCode(200);
        }
        // Three acted on (the hourly budget of an account), the fourth only answered.
        List<FakeZaloOa.Sent> answers = await().atMost(PATIENCE).until(() -> sentTo(user), s -> s.size() == 4);
        assertThat(answers).filteredOn(a -> a.text().contains("sẽ gọi lại")).hasSize(3);
        assertThat(answers).filteredOn(a -> a.text().contains("nhiều tin nhắn từ tài khoản này")).hasSize(1);
        assertThat(count("select count(*) from callback_request where phone = ?1", phones.get(3))).isZero();
    }

    @Test
    void anAnswerZaloDoesNotTakeIsRetriedAndAtLastGivenUp() {
        String user = userId();
        String messageId = messageId();
        oa.failNext(1);
        String event = FakeZaloOa.textEvent(user, messageId, "1022 HOI " + SampleEvents.LAI_THIEU + " "
                + uniquePhone(), 0);
        post(event, FakeZaloOa.signature(event)).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> sentTo(user).size() == 1);
        assertThat(attempts(messageId)).isEqualTo(2);

        String unlucky = userId();
        String lost = messageId();
        oa.failNext(100);
        try {
            String second = FakeZaloOa.textEvent(unlucky, lost, "Alo " + uniquePhone(), 0);
            post(second, FakeZaloOa.signature(second)).then().statusCode(200);
            await().atMost(PATIENCE).until(() -> attempts(lost) == 3);
        } finally {
            oa.failNext(0);
        }
        Object[] row = (Object[]) em.createNativeQuery("select reply_to, reply_sent_at from inbound_text"
                + " where provider = 'zalo' and message_id = ?1").setParameter(1, lost).getSingleResult();
        assertThat(row).containsExactly(null, null); // given up, and the user id erased
    }

    private static Response post(String body, String signature) {
        var request = given().auth().none().contentType("application/json; charset=UTF-8").body(body);
        if (signature != null) {
            request.header("X-ZEvent-Signature", signature);
        }
        return request.post("/webhooks/zalo");
    }

    private List<FakeZaloOa.Sent> sentTo(String user) {
        return oa.sent().stream().filter(s -> user.equals(s.userId())).toList();
    }

    /** From Awaitility's thread too: in a transaction of its own. */
    private int attempts(String messageId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select reply_attempts from inbound_text where provider = 'zalo'"
                + " and message_id = ?1").setParameter(1, messageId).getResultStream().findFirst().orElse(0))
                .intValue());
    }

    private long count(String sql, String parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

    private static String code(String text) {
        Matcher m = CODE.matcher(text);
        assertThat(m.find()).as("a case code in " + text).isTrue();
        return m.group();
    }

    private static String userId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, 9_000_000_000_000_000L));
    }

    private static String messageId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String uniquePhone() {
        return "083" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }
}

package vn.hotline1022.relief;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.events.relief.RecipientCodeReissued;
import vn.hotline1022.events.relief.ReliefDelivered;
import vn.hotline1022.events.relief.ReliefScheduled;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.relief.deliveries.Delivery;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * Proof of delivery cannot be forged by the officer confirming it: the receipt code reaches only the household's
 * phone (through notification-service), the API never returns it, and a delivery without a code needs a second
 * officer. Hà Giang (02) is this test's own province.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class ProofOfDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String HA_GIANG = "02";
    private static final String DISTRICT = "024";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private static boolean programmeCreated;

    @BeforeEach
    void signIn() {
        ReliefFixtures.signInAsOfficer();
        if (programmeCreated) {
            return;
        }
        programmeCreated = true;
        given().contentType(ContentType.JSON)
                .body(ReliefFixtures.programme("HG-FOOD-01", HA_GIANG, List.of("FOOD"), 1, 20))
                .post("/api/v1/programmes").then().statusCode(201);
    }

    /** Has the household's code sent again (as if the last send was an hour ago) and returns the code it receives. */
    static String resend(UUID deliveryId) {
        QuarkusTransaction.requiringNew().run(() -> Delivery.getEntityManager().createNativeQuery(
                "update delivery set recipient_code_sent_at = now() - interval '1 hour' where id = ?1")
                .setParameter(1, deliveryId).executeUpdate());
        int round = given().post("/api/v1/deliveries/{id}/recipient-code/resend", deliveryId).then()
                .statusCode(202).body("recipientCode", nullValue()).extract().path("recipientCodeResends");
        return RecipientCode.derive(secret(), deliveryId, round);
    }

    @Test
    void theCodeIsNeverServedToStaffAndAResendRevealsNothing() {
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            ReliefScheduled scheduled = schedule(out, "0219 3860 001");
            UUID id = scheduled.deliveryId();
            String first = RecipientCode.derive(secret(), id);
            // The old way to get a code is gone; nothing in a delivery's view holds one.
            given().post("/api/v1/deliveries/{id}/recipient-code", id).then().statusCode(404);
            String view = given().queryParam("caseId", scheduled.caseId()).get("/api/v1/deliveries").then()
                    .statusCode(200).extract().asString();
            assertThat(view).doesNotContain(first);

            // Just texted: too soon to send again, and nothing is sent.
            given().post("/api/v1/deliveries/{id}/recipient-code/resend", id).then().statusCode(429)
                    .contentType("application/problem+json");
            String second = resend(id);
            assertThat(second).isNotEqualTo(first);
            RecipientCodeReissued reissued = awaitEvent(out, scheduled.caseId(), EventType.RECIPIENT_CODE_REISSUED,
                    RecipientCodeReissued.class);
            assertThat(reissued.deliveryId()).isEqualTo(id);
            assertThat(reissued.round()).isEqualTo(1);
            assertThat(out.stream().filter(r -> r.key().equals(scheduled.caseId().toString())))
                    .noneMatch(r -> r.value().contains(first) || r.value().contains(second));

            // The first code stopped working; the new one proves the delivery.
            given().contentType(ContentType.JSON).body(Map.of("deliveredBy", "MTTQ xã", "recipientCode", first))
                    .post("/api/v1/deliveries/{id}/confirmation", id).then().statusCode(400)
                    .body("errors.field", hasItem("recipientCode"));
            given().contentType(ContentType.JSON).body(Map.of("deliveredBy", "MTTQ xã", "recipientCode", second))
                    .post("/api/v1/deliveries/{id}/confirmation", id).then().statusCode(200)
                    .body("status", equalTo("DELIVERED"));
        } finally {
            out.stop();
        }
    }

    @Test
    void resendsAreCapped() {
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            UUID id = schedule(out, "0219 3860 002").deliveryId();
            for (int i = 1; i <= 3; i++) {
                resend(id);
            }
            QuarkusTransaction.requiringNew().run(() -> Delivery.getEntityManager().createNativeQuery(
                    "update delivery set recipient_code_sent_at = now() - interval '1 day' where id = ?1")
                    .setParameter(1, id).executeUpdate());
            given().post("/api/v1/deliveries/{id}/recipient-code/resend", id).then().statusCode(429)
                    .body("detail", org.hamcrest.Matchers.containsString("second officer"));
        } finally {
            out.stop();
        }
    }

    @Test
    void withoutACodeASecondOfficerMustApprove() {
        ConsumerTask<String, String> out = companion.consumeStrings().fromTopics(Topics.RELIEF);
        try {
            ReliefScheduled scheduled = schedule(out, "0219 3860 003");
            UUID id = scheduled.deliveryId();
            String first = officer("relief-hg-a");
            String second = officer("relief-hg-b");
            given().auth().oauth2(first).post("/api/v1/deliveries/{id}/confirmation-without-code/approval", id)
                    .then().statusCode(409);
            given().auth().oauth2(first).contentType(ContentType.JSON).body(Map.of("deliveredBy", "MTTQ xã",
                    "reason", "short")).post("/api/v1/deliveries/{id}/confirmation-without-code", id).then()
                    .statusCode(400).body("errors.field", hasItem("reason"));
            given().auth().oauth2(first).contentType(ContentType.JSON).body(Map.of("deliveredBy", "MTTQ xã",
                    "reason", "Người nhận mất điện thoại, đã đối chiếu CCCD"))
                    .post("/api/v1/deliveries/{id}/confirmation-without-code", id).then().statusCode(200)
                    .body("status", equalTo("SCHEDULED")).body("withoutCode.requestedBy", equalTo("relief-hg-a"));
            // The officer who asked cannot approve it too.
            given().auth().oauth2(first).post("/api/v1/deliveries/{id}/confirmation-without-code/approval", id)
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(second).post("/api/v1/deliveries/{id}/confirmation-without-code/approval", id)
                    .then().statusCode(200).body("status", equalTo("DELIVERED"))
                    .body("deliveredBy", equalTo("MTTQ xã"))
                    .body("withoutCode.requestedBy", equalTo("relief-hg-a"))
                    .body("withoutCode.approvedBy", equalTo("relief-hg-b"))
                    .body("withoutCode.reason", equalTo("Người nhận mất điện thoại, đã đối chiếu CCCD"))
                    .body("withoutCode.approvedAt", not(nullValue()));
            ReliefDelivered delivered = awaitEvent(out, scheduled.caseId(), EventType.RELIEF_DELIVERED,
                    ReliefDelivered.class);
            assertThat(delivered.deliveryId()).isEqualTo(id);
        } finally {
            out.stop();
        }
    }

    private ReliefScheduled schedule(ConsumerTask<String, String> out, String phone) {
        CallReceived call = ReliefFixtures.call(HA_GIANG, DISTRICT, "00721", phone, Need.FOOD);
        companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);
        return awaitEvent(out, call.caseId(), EventType.RELIEF_SCHEDULED, ReliefScheduled.class);
    }

    private static String officer(String username) {
        return TestTokens.user(username, Roles.RELIEF_OFFICER).claim("province_codes", List.of(HA_GIANG)).sign();
    }

    private static String secret() {
        return ConfigProvider.getConfig().getValue("hotline.recipient-code-secret", String.class);
    }

    static <T> T awaitEvent(ConsumerTask<String, String> out, UUID caseId, EventType type, Class<T> as) {
        ConsumerRecord<String, String> found = await().atMost(PATIENCE).until(() -> out.stream()
                .filter(r -> r.key().equals(caseId.toString()) && type.ceType().equals(header(r, "ce_type")))
                .findFirst().orElse(null), r -> r != null);
        return as.cast(EventJson.fromJson(found.value(), type));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

package vn.hotline1022.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.intake.PhoneConfirmationRequested;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * A web request's phone (intake's PhoneConfirmationRequested, no case yet) is texted its confirmation code through
 * the real local SMS gateway: the code is derived here, reaches only the gateway, and the delivery log keeps neither
 * the code nor, once sent, the whole number.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(LocalProvidersResource.class)
@WithTestResource(OidcResource.class)
class PhoneConfirmationNoticeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    // A request has no place yet: its notices are for ops (and admins), not for any area's agents.
    private static final String AGENT = TestTokens.user("ops1", Roles.OPS).sign();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "hotline.recipient-code-secret")
    String secret;

    FakeSmsGateway sms;

    @Test
    void theRequestsPhoneIsTextedItsCodeWhichTheLogNeverShows() throws Exception {
        UUID requestId = UUID.randomUUID();
        String phone = "0913" + "%06d".formatted(ThreadLocalRandom.current().nextInt(1_000_000));
        Instant now = Instant.now();
        companion.produceStrings().fromRecords(CloudEventRecords.of(new PhoneConfirmationRequested(requestId, now,
                phone, now.plus(Duration.ofMinutes(10))))).awaitCompletion(PATIENCE);
        String code = RecipientCode.phoneConfirmation(secret, requestId);

        List<Map<String, Object>> sent = await().atMost(PATIENCE).until(() -> notices(requestId),
                found -> found.stream().anyMatch(n -> "SMS".equals(n.get("channel")) && "SENT".equals(n.get("status"))));
        Map<String, Object> bySms = sent.stream().filter(n -> "SMS".equals(n.get("channel"))).findFirst()
                .orElseThrow();
        assertThat(bySms).containsEntry("recipientKind", "REQUESTER").containsEntry("urgent", true)
                .containsEntry("eventType", "PhoneConfirmationRequested");
        assertThat(sent).allSatisfy(n -> assertThat((String) n.get("text")).contains("******").doesNotContain(code));
        assertThat(sms.received()).anySatisfy(r -> assertThat(r.body()).contains(bySms.get("id").toString())
                .contains("+84" + phone.substring(1)).contains("mã xác nhận yêu cầu của bạn là " + code));

        assertThat(count("select count(*) from notification where text like ?", "%" + code + "%")).isZero();
        // Sent: the delivery log no longer holds the whole number.
        assertThat(count("select count(*) from notification where case_id = ? and recipient_address = ?", requestId,
                phone)).isZero();
        assertThat(count("select count(*) from notification where case_id = ?", requestId)).isPositive();
    }

    private static List<Map<String, Object>> notices(UUID subject) {
        return given().auth().oauth2(AGENT).queryParam("caseId", subject).get("/api/v1/notifications").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    private long count(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

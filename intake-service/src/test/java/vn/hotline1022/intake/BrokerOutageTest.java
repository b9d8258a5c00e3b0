package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.CurrentUser;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.infra.KafkaBroker;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/**
 * Kafka is away: intake still takes calls (201), stays ready (its readiness shows the events waiting in the outbox and
 * the relay's failure), and every call's CallReceived reaches the topic once the broker is back.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class BrokerOutageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int CALLS = 6;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void callsAreTakenDuringABrokerOutageAndAllDeliveredAfterIt() {
        String token = TestTokens.user("agent-31", Roles.CALL_AGENT)
                .claim(CurrentUser.PROVINCE_CODES, List.of("74", "12", "75")).sign();
        // The service has connected its consumers before the outage, as in production.
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        KafkaBroker broker = KafkaBroker.shared();
        List<String> codes = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 0; i < CALLS; i++) {
                codes.add(given().auth().oauth2(token).contentType(ContentType.JSON).body(call())
                        .post("/api/v1/calls").then().statusCode(201).extract().path("code"));
            }
            // The relay has tried and failed: still ready, and the health says what waits and why.
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'outbox' }.data.pending", greaterThanOrEqualTo(CALLS))
                    .body("checks.find { it.name == 'outbox' }.data.lastError", notNullValue()));
            // Liveness stays honest too: the consumers are waiting for the broker, not broken.
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            broker.start();
        }

        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        try {
            Set<String> delivered = await().atMost(PATIENCE).until(() -> callsReceived(intake.getRecords(), codes),
                    found -> found.size() == CALLS);
            assertThat(delivered).containsExactlyInAnyOrderElementsOf(codes);
            // Each exactly once, although the relay failed several times while the broker was away.
            assertThat(intake.getRecords().stream().filter(r -> isCallReceived(r)
                    && codes.contains(caseCode(r)))).hasSize(CALLS);
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'outbox' }.data.pending", equalTo(0)));
        } finally {
            intake.stop();
        }
    }

    private static Set<String> callsReceived(List<ConsumerRecord<String, String>> records, List<String> codes) {
        return records.stream().filter(BrokerOutageTest::isCallReceived).map(BrokerOutageTest::caseCode)
                .filter(codes::contains).collect(Collectors.toSet());
    }

    private static boolean isCallReceived(ConsumerRecord<String, String> r) {
        var h = r.headers().lastHeader("ce_type");
        return h != null && EventType.CALL_RECEIVED.ceType().equals(new String(h.value(), StandardCharsets.UTF_8));
    }

    private static String caseCode(ConsumerRecord<String, String> r) {
        return ((CallReceived) EventJson.fromJson(r.value(), EventType.CALL_RECEIVED)).caseCode();
    }

    private static Map<String, Object> call() {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        // As the console sends it: spaced digits.
        String phone = "094" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
        call.put("caller", Map.of("name", "Trần Văn An", "phone",
                phone.substring(0, 4) + " " + phone.substring(4, 7) + " " + phone.substring(7)));
        call.put("location", Map.of("wardCode", SampleEvents.LAI_THIEU, "addressText",
                ThreadLocalRandom.current().nextInt(1, 100_000_000) + " Đường Nguyễn Trãi"));
        call.put("needs", List.of("FOOD"));
        call.put("householdSize", 3);
        call.put("agentId", "agent-31");
        return call;
    }
}

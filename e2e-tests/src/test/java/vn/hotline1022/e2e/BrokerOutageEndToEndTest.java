package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import vn.hotline1022.localstack.LocalStack;

/**
 * The broker goes away with the whole system running: intake keeps taking calls and every service stays ready (the
 * outbox holds the events); when the broker is back, each call reaches the other services and is decided once.
 * The calls come from Lai Châu (no demo team or stock there), so the shared demo teams stay free for other tests.
 */
@ExtendWith(SharedStack.class)
class BrokerOutageEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String LAI_CHAU_WARD = "03386";

    private final LocalStack stack = SharedStack.stack();

    @Test
    void callsTakenDuringAnOutageAreAllDecidedAfterIt() {
        // Lai Châu is outside the demo agents' province: an administrator takes these calls.
        String token = stack.token("admin1");
        List<UUID> cases = new ArrayList<>();
        stack.kafka().stop();
        try {
            for (int i = 0; i < 4; i++) {
                cases.add(UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON).body(call())
                        .post(stack.url("intake-service") + "/api/v1/calls").then().statusCode(201).extract()
                        .path("id")));
            }
            for (String service : LocalStack.SERVICES.keySet()) {
                assertThat(stack.service(service).isReady()).as(service + " ready while Kafka is away").isTrue();
            }
        } finally {
            stack.kafka().start();
        }

        String bootstrap = stack.kafkaBootstrapServers();
        for (UUID caseId : cases) {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                Map<String, Long> events = CaseEvents.countByName(bootstrap, caseId);
                assertThat(events).as(caseId + " after the outage").containsEntry("CallReceived", 1L);
                assertThat(events.getOrDefault("DispatchQueued", 0L) + events.getOrDefault("TeamDispatched", 0L))
                        .as("dispatch decisions").isEqualTo(1);
                assertThat(events.getOrDefault("ReliefRefused", 0L) + events.getOrDefault("ReliefScheduled", 0L))
                        .as("relief decisions").isEqualTo(1);
            });
        }
    }

    private static Map<String, Object> call() {
        String phone = "098" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Tòng Văn Lả", "phone",
                phone.substring(0, 4) + " " + phone.substring(4, 7) + " " + phone.substring(7)));
        call.put("location", Map.of("wardCode", LAI_CHAU_WARD, "addressText",
                ThreadLocalRandom.current().nextInt(1, 100_000_000) + " Bản Hon"));
        call.put("needs", List.of("MEDICAL_CONSULTATION", "FOOD"));
        call.put("householdSize", 3);
        call.put("agentId", "agent-e2e");
        return call;
    }
}

package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import vn.hotline1022.localstack.LocalStack;

/**
 * The broker goes away with the whole system running: intake keeps taking calls and every service stays ready (the
 * outbox holds the events); when the broker is back, each call reaches the other services and is decided once.
 * The calls come from outside the demo province ({@link OutsideCalls}).
 */
@ExtendWith(SharedStack.class)
class BrokerOutageEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final LocalStack stack = SharedStack.stack();

    @Test
    void callsTakenDuringAnOutageAreAllDecidedAfterIt() {
        String token = stack.token(OutsideCalls.TAKEN_BY);
        List<UUID> cases = new ArrayList<>();
        stack.kafka().stop();
        try {
            for (int i = 0; i < 4; i++) {
                cases.add(UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(OutsideCalls.call("Tòng Văn Lả", "Bản Hon"))
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
}

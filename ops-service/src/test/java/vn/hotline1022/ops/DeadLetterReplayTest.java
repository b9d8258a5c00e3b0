package vn.hotline1022.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.events.EventJson;
import vn.hotline1022.events.EventType;
import vn.hotline1022.events.Topics;
import vn.hotline1022.events.intake.CaseResolved;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * A dead letter is a claim, not a record: one forged onto a dead-letter topic, saying it came from intake's topic, is
 * shown with the topic its dead-letter topic really belongs to and is never replayed, since the record it names is not
 * on that topic as it says. (The genuine letter's replay is in OpsFlowTest.)
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class DeadLetterReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private final String ops = TestTokens.user("ops1", "ops").sign();

    @Test
    void aForgedLetterIsShownWithItsTrueTopicAndNeverReplayed() {
        UUID caseId = UUID.randomUUID();
        // A closure "from intake", written to referral's dead-letter topic by someone who may write there.
        forge(Topics.dlq(Topics.REFERRAL, "ops-service"), caseId, "0", "0");
        // The same on intake's own dead-letter topic, naming an offset intake's topic never had.
        forge(Topics.dlq(Topics.INTAKE, "ops-service"), caseId, "0", "999999");

        List<String> ids = await().atMost(WAIT).until(() -> given().auth().oauth2(ops)
                .queryParam("type", "CaseResolved").get("/api/v1/dead-letters").then().statusCode(200).extract()
                .jsonPath().<String> getList("findAll { it.caseId == '" + caseId + "' }.id"), l -> l.size() == 2);
        List<String> topics = given().auth().oauth2(ops).queryParam("type", "CaseResolved")
                .get("/api/v1/dead-letters").then().extract().jsonPath()
                .getList("findAll { it.caseId == '" + caseId + "' }.originalTopic");
        assertThat(topics).as("the topic each dead-letter topic belongs to, not the header's claim")
                .containsExactlyInAnyOrder(Topics.REFERRAL, Topics.INTAKE);

        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE, Topics.REFERRAL);
        try {
            for (String id : ids) {
                given().auth().oauth2(ops).post("/api/v1/dead-letters/{id}/replay", id).then().statusCode(409)
                        .contentType("application/problem+json");
                given().auth().oauth2(ops).get("/api/v1/dead-letters/{id}", id).then().statusCode(200)
                        .body("status", org.hamcrest.Matchers.equalTo("NEW"));
            }
            // Nothing about the case was published anywhere.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> intake.stream().noneMatch(r -> caseId.toString().equals(r.key())));
        } finally {
            intake.stop();
        }
    }

    private void forge(String deadLetterTopic, UUID caseId, String partition, String offset) {
        CaseResolved forged = new CaseResolved(caseId, "BD-20211001-0001", Instant.now(), "OFFICIAL", "forged");
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_id", UUID.randomUUID().toString());
        header(headers, "ce_type", EventType.CASE_RESOLVED.ceType());
        header(headers, "ce_source", "/hotline1022/intake-service");
        header(headers, "ce_specversion", "1.0");
        header(headers, "dead-letter-topic", Topics.INTAKE);
        header(headers, "dead-letter-partition", partition);
        header(headers, "dead-letter-offset", offset);
        header(headers, "dead-letter-reason", "forged");
        companion.produceStrings().fromRecords(List.of(new ProducerRecord<>(deadLetterTopic, null, caseId.toString(),
                EventJson.toJson(forged), headers))).awaitCompletion(WAIT);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

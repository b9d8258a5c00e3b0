package vn.hotline1022.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import vn.hotline1022.commons.security.Roles;
import vn.hotline1022.events.common.Caller;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.events.common.Location;
import vn.hotline1022.events.common.Need;
import vn.hotline1022.events.intake.CallReceived;
import vn.hotline1022.messaging.cloudevents.CloudEventRecords;
import vn.hotline1022.testkit.AreaMatrix;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.TestTokens;

/**
 * A case's notices are read in its area only — the list and the live stream — and a stream ends when the token that
 * opened it expires. Province 77, used by no other notification test.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(LocalProvidersResource.class)
@WithTestResource(OidcResource.class)
class NoticeScopeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String HERE = TestTokens.user("agent77", Roles.CALL_AGENT).claim("province_codes", List.of("77"))
            .sign();
    private static final String ELSEWHERE = TestTokens.user("agent74", Roles.CALL_AGENT)
            .claim("province_codes", List.of("74")).sign();
    private static final String NOWHERE = TestTokens.user("agent-none", Roles.CALL_AGENT).sign();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @TestHTTPResource("/api/v1/notifications/stream")
    URI streamUri;

    @Test
    void anotherAreasNoticesAreNeitherListedNorStreamedAndAStreamEndsWithItsToken() throws Exception {
        List<String> here = new CopyOnWriteArrayList<>();
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> hereStream = open(HERE, here);
        // This one's token expires in 4 s: its stream must end by itself then.
        Instant opened = Instant.now();
        CompletableFuture<Void> shortStream = open(TestTokens.user("agent74b", Roles.CALL_AGENT)
                .claim("province_codes", List.of("74")).expiresIn(Duration.ofSeconds(4)).sign(), elsewhere);
        try {
            CallReceived call = new CallReceived(UUID.randomUUID(), "VT-20211001-0777", Instant.now(),
                    UUID.randomUUID(), ContactChannel.PHONE, new Caller("Lê Thị Bảy", "0987650777"),
                    new Location("77", "747", "26500", "Hẻm 7", null, null), List.of(Need.FOOD), 1, Set.of(), 20,
                    null, "agent-77");
            companion.produceStrings().fromRecords(CloudEventRecords.of(call)).awaitCompletion(PATIENCE);
            await().atMost(PATIENCE).until(() -> given().auth().oauth2(HERE).queryParam("caseId", call.caseId())
                    .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath().getList("$").size() > 0);
            await().atMost(PATIENCE).until(() -> here.stream().anyMatch(l -> l.contains(call.caseCode())));

            for (String outsider : List.of(ELSEWHERE, NOWHERE)) {
                given().auth().oauth2(outsider).queryParam("caseId", call.caseId()).get("/api/v1/notifications")
                        .then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
            }
            // The matrix: every operation of the OpenAPI document, by every role, with another area's token.
            assertThat(AreaMatrix.forService()
                    .outsider(Map.of("province_codes", List.of("74")))
                    .insider(Map.of("province_codes", List.of("77")))
                    .marker(call.caseCode()).marker("0987650777")
                    .roles("GET /api/v1/notifications", "call-agent", "dispatcher", "ops")
                    .query("GET /api/v1/notifications", "caseId=" + call.caseId())
                    .notAreaBound("GET /api/v1/notifications/stream", "read as text/event-stream by this test above")
                    .notAreaBound("POST /api/v1/templates/{eventName}/preview", "a template: no case, no person")
                    .notAreaBound("POST /api/v1/public/opt-out", "a public door: 202 whatever it matched")
                    .violations()).isEmpty();
            shortStream.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(Duration.between(opened, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(elsewhere).first().asString().startsWith("HTTP 200");
            assertThat(String.join("\n", elsewhere)).doesNotContain(call.caseCode());
        } finally {
            hereStream.cancel(true);
        }
    }

    /** Opens the stream with {@code token}; its status, then every line, go to {@code lines}. Done when it ends. */
    private CompletableFuture<Void> open(String token, List<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(streamUri).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    lines.add("HTTP " + response.statusCode());
                    response.body().forEach(lines::add);
                });
    }
}

package vn.hotline1022.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
import vn.hotline1022.events.intake.DailySummaryIssued;
import vn.hotline1022.intake.cases.HotlineCase;
import vn.hotline1022.intake.reports.DailySummaryIssuer;
import vn.hotline1022.testkit.KafkaResource;
import vn.hotline1022.testkit.OidcResource;
import vn.hotline1022.testkit.PostgresResource;
import vn.hotline1022.testkit.SampleEvents;
import vn.hotline1022.testkit.TestTokens;

/** The day's summary of each district with cases (DailySummaryIssued), issued once even by two instances at once. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(OidcResource.class)
class DailySummaryTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** A day no other test opens cases on. */
    private static final LocalDate DAY = LocalDate.of(2021, 9, 9);

    @Inject
    DailySummaryIssuer issuer;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void eachDistrictsDayIsSummarisedOnce() throws Exception {
        String agent = TestTokens.user("agent-daily", Roles.CALL_AGENT)
                .claim(CurrentUser.PROVINCE_CODES, List.of("74", "12", "75")).sign();
        List<String> codes = new ArrayList<>();
        for (String need : List.of("FOOD", "RENT_SUPPORT", "INFORMATION")) {
            codes.add(given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of(
                    "callId", UUID.randomUUID().toString(), "channel", "PHONE",
                    "caller", Map.of("phone", "081" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000))),
                    "location", Map.of("wardCode", SampleEvents.PHU_CUONG), "needs", List.of(need)))
                    .post("/api/v1/calls").then().statusCode(201).extract().path("code"));
        }
        // Opened that evening (Vietnam time); one of them resolved since.
        Instant opened = DAY.atTime(18, 5).atZone(VIETNAM).toInstant();
        QuarkusTransaction.requiringNew().run(() -> {
            var em = HotlineCase.getEntityManager();
            em.createNativeQuery("update hotline_case set opened_at = ?1 where code in (?2, ?3, ?4)")
                    .setParameter(1, opened).setParameter(2, codes.get(0)).setParameter(3, codes.get(1))
                    .setParameter(4, codes.get(2)).executeUpdate();
            em.createNativeQuery("update hotline_case set status = 'RESOLVED' where code = ?1")
                    .setParameter(1, codes.get(2)).executeUpdate();
        });

        ConsumerTask<String, String> intake = companion.consumeStrings().fromTopics(Topics.INTAKE);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Instant now = Instant.now();
            java.util.concurrent.Callable<Integer> eveningJob = () -> issuer.issue(DAY, now);
            int issued = 0;
            for (Future<Integer> run : instances.invokeAll(List.of(eveningJob, eveningJob))) {
                issued += run.get();
            }
            assertThat(issued).isEqualTo(1); // Thủ Dầu Một, the only district with cases that day
            assertThat(issuer.issue(DAY, now)).isZero();

            DailySummaryIssued summary = await().atMost(Duration.ofSeconds(30)).until(() -> intake.stream()
                    .filter(r -> r.value() != null && r.value().contains("\"" + DAY + "\""))
                    .map(r -> (DailySummaryIssued) EventJson.fromJson(r.value(), EventType.DAILY_SUMMARY_ISSUED))
                    .toList(), found -> !found.isEmpty()).get(0);
            assertThat(summary.districtCode()).isEqualTo(SampleEvents.THU_DAU_MOT);
            assertThat(summary.provinceCode()).isEqualTo(SampleEvents.BINH_DUONG);
            assertThat(summary.cases()).isEqualTo(3);
            assertThat(summary.resolved()).isEqualTo(1);
            assertThat(summary.summary()).startsWith("Ngày 09/09/2021: 3 hồ sơ, 1 đã giải quyết");
            // Exactly one event for that day, however many runs.
            assertThat(intake.stream().filter(r -> r.value() != null && r.value().contains("\"" + DAY + "\""))
                    .count()).isEqualTo(1);
        } finally {
            instances.shutdownNow();
            intake.stop();
        }
    }
}

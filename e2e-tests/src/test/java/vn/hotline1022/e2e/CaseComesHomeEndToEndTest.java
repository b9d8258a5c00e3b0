package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.hotline1022.localstack.LocalStack;

/**
 * A case comes home on the whole system: a call for an emergency team, a hospital bed and food fans out; each
 * downstream outcome arrives in turn — relief delivered, the visit done, the patient handed over and admitted — while
 * intake is killed (SIGKILL) in the middle of them; once intake is back, the case is RESOLVED by its outcomes,
 * CaseResolved is on intake's topic exactly once, and the case is off the overdue list.
 */
@ExtendWith(SharedStack.class)
class CaseComesHomeEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static LocalStack stack;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
    }

    @Test
    void everyOutcomeInTurnResolvesTheCaseOnceEvenWithIntakeKilledWhileTheyArrive() {
        String code = postCall("25966", List.of("EMERGENCY_TRANSPORT", "HOSPITAL_ADMISSION", "FOOD"));
        UUID caseId = caseId(code);
        JsonPath started = awaitCase(code, c -> c.getList("timeline.type", String.class)
                .containsAll(List.of("TeamDispatched", "PatientReferred", "ReliefScheduled")));
        assertThat(started.getList("tracks.track", String.class))
                .containsExactlyInAnyOrder("VISIT", "HOSPITAL", "RELIEF");

        // Lái Thiêu is in Thuận An: the district hospital (hospital2) is asked first.
        CaseSteps.acceptTheReferralOf(stack, caseId, "hospital2");
        CaseSteps.deliverTheReliefOf(stack, caseId);
        JsonPath halfway = awaitCase(code, c -> "DELIVERED".equals(c.getString(
                "tracks.find { it.track == 'RELIEF' }.outcome")));
        assertThat(halfway.getString("status")).isEqualTo("IN_PROGRESS"); // the visit and the bed are still open
        assertThat(halfway.getString("tracks.find { it.track == 'HOSPITAL' }.waitingFor")).isEqualTo("TRANSPORT");

        // The team finishes its visit and intake dies (kill -9) as the outcome travels; the patient is handed over
        // and admitted while intake is down.
        CaseSteps.freeTheTeamOf(stack, caseId);
        stack.kill("intake-service");
        CaseSteps.handOverThePatientOf(stack, caseId);
        stack.restart("intake-service");

        JsonPath resolved = awaitCase(code, c -> "RESOLVED".equals(c.getString("status")));
        assertThat(resolved.getList("tracks.outcome", String.class))
                .containsExactlyInAnyOrder("RESOLVED_ON_SITE", "ADMITTED", "HANDED_OVER", "DELIVERED");
        // Resolved at the time of the last outcome; the topics may be read back in any order after the restart.
        assertThat(resolved.getList("timeline.type", String.class)).contains("PatientAdmitted", "DispatchCompleted",
                "ReliefDelivered").filteredOn("CaseResolved"::equals).hasSize(1);
        assertThat(resolved.getBoolean("sla.overdue")).isFalse();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                CaseEvents.countByName(stack.kafkaBootstrapServers(), caseId))
                .containsEntry("PatientAdmitted", 1L)
                .containsEntry("CaseResolved", 1L)
                .doesNotContainKey("CaseEscalated"));
        assertThat(given().auth().oauth2(stack.token("agent1")).queryParam("size", 100)
                .get(stack.url("intake-service") + "/api/v1/cases/overdue").then().statusCode(200).extract()
                .<List<String>> path("code")).doesNotContain(code);
    }

    private static JsonPath awaitCase(String code, java.util.function.Predicate<JsonPath> ready) {
        return await().atMost(PATIENCE).until(() -> given().auth().oauth2(stack.token("agent1"))
                .get(stack.url("intake-service") + "/api/v1/cases/{code}", code).then().extract().jsonPath(),
                c -> c.get("code") != null && ready.test(c));
    }

    private static String postCall(String ward, List<String> needs) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Võ Thị Lan", "phone",
                "039" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000))));
        call.put("location", Map.of("wardCode", ward, "addressText",
                ThreadLocalRandom.current().nextInt(1, 100_000_000) + " Đường Nguyễn Trãi"));
        call.put("needs", needs);
        call.put("householdSize", 3);
        return given().auth().oauth2(stack.token("agent1")).contentType(ContentType.JSON).body(call)
                .post(stack.url("intake-service") + "/api/v1/calls").then().statusCode(201).extract().path("code");
    }

    private static UUID caseId(String code) {
        return UUID.fromString(given().auth().oauth2(stack.token("agent1"))
                .get(stack.url("intake-service") + "/api/v1/cases/{code}", code).then().statusCode(200)
                .extract().path("id"));
    }
}

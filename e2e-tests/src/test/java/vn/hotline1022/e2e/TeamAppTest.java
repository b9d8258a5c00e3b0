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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import vn.hotline1022.localstack.LocalStack;

/**
 * The team's job app as team1 (team TDM-01, which alone covers Hiệp Thành, 25741): the household's address and
 * phone, the steps, one of them taken offline and sent once when the network returns, the completion.
 */
@ExtendWith(SharedStack.class)
class TeamAppTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void theTeamSeesTheHouseholdWalksTheStepsAndAnOfflineStepIsSentOnce() {
        LocalStack stack = SharedStack.stack();
        String dispatch = stack.url("dispatch-service");
        String dispatcher = stack.token("dispatcher1");
        String team = stack.token("team1");
        String phone = "097" + (1_000_000 + (int) (Math.random() * 8_999_999));
        List<String> offDuty = new ArrayList<>();
        try (Browser browser = Browser.start()) {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844)); // a phone
            // TDM-01 free (other tests of the shared system may have left it on a job), and the only team free in the
            // province, so the emergency goes to team1's team.
            makeAvailable(dispatch, dispatcher, "TDM-01");
            List<Map<String, Object>> teams = given().auth().oauth2(dispatcher).get(dispatch + "/api/v1/teams").then()
                    .statusCode(200).extract().jsonPath().getList("$");
            for (Map<String, Object> t : teams) {
                if ("74".equals(t.get("provinceCode")) && !"TDM-01".equals(t.get("code"))
                        && "AVAILABLE".equals(t.get("status"))) {
                    setStatus(dispatch, dispatcher, (String) t.get("code"), "OFF_DUTY");
                    offDuty.add((String) t.get("code"));
                }
            }
            Map<String, Object> call = new HashMap<>();
            call.put("callId", UUID.randomUUID());
            call.put("channel", "PHONE");
            call.put("caller", Map.of("name", "Lê Văn Tổ", "phone", phone));
            call.put("location", Map.of("wardCode", "25741", "addressText", "Số 7, hẻm 12, khu phố 4"));
            call.put("needs", List.of("EMERGENCY_TRANSPORT"));
            call.put("householdSize", 3);
            call.put("agentId", "agent-e2e");
            String code = given().auth().oauth2(stack.token("agent1")).contentType(ContentType.JSON).body(call)
                    .post(stack.url("intake-service") + "/api/v1/calls").then().statusCode(201).extract().path("code");
            String assignmentId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(team)
                    .get(dispatch + "/api/v1/teams/TDM-01/jobs").then().statusCode(200).extract().jsonPath(),
                    json -> code.equals(json.getString("current.caseCode"))).getString("current.assignmentId");

            browser.signIn(stack.consoleUrl() + "/team.html", "team1", By.id("next-step"), PATIENCE);
            WebDriverWait wait = new WebDriverWait(browser.driver, PATIENCE);
            wait.until(ExpectedConditions.textToBe(By.id("job-address"), "Số 7, hẻm 12, khu phố 4"));
            assertThat(browser.driver.findElement(By.id("call")).getAttribute("href")).isEqualTo("tel:" + phone);
            assertThat(browser.driver.findElement(By.id("map")).getAttribute("href")).startsWith("geo:0,0?q=");
            assertThat(browser.driver.findElement(By.id("job")).getText()).contains(code);
            browser.screenshot("team-app");

            step(browser, wait, "acceptance", "departure");
            awaitStatus(dispatch, team, assignmentId, "ACCEPTED");
            step(browser, wait, "departure", "arrival");
            awaitStatus(dispatch, team, assignmentId, "EN_ROUTE");

            // Offline: the arrival waits in the phone, then goes once.
            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            browser.driver.setNetworkConditions(offline);
            try {
                browser.driver.findElement(By.id("next-step")).click();
                wait.until(ExpectedConditions.textToBe(By.id("pending-count"), "1"));
                assertThat(status(dispatch, team, assignmentId)).isEqualTo("EN_ROUTE");
            } finally {
                browser.driver.deleteNetworkConditions();
            }
            wait.until(ExpectedConditions.textToBe(By.id("pending-count"), "0"));
            awaitStatus(dispatch, team, assignmentId, "ARRIVED");
            wait.until(ExpectedConditions.attributeToBe(By.id("next-step"), "data-step", "completion"));
            assertThat(browser.driver.findElement(By.id("step-problem")).getText()).isEmpty();

            new Select(browser.driver.findElement(By.id("outcome"))).selectByValue("RESOLVED_ON_SITE");
            browser.driver.findElement(By.id("spo2")).sendKeys("94");
            browser.driver.findElement(By.id("next-step")).click();
            wait.until(ExpectedConditions.textToBe(By.id("pending-count"), "0"));
            awaitStatus(dispatch, team, assignmentId, "COMPLETED");
            // Within the grace period (2 h by default) the team still reads the household's contact.
            given().auth().oauth2(team).get(dispatch + "/api/v1/assignments/{id}/contact", assignmentId).then()
                    .statusCode(200).body("phone", org.hamcrest.Matchers.equalTo(phone))
                    .body("assignmentStatus", org.hamcrest.Matchers.equalTo("COMPLETED"));
            assertThat(browser.driver.findElement(By.id("step-problem")).getText()).isEmpty();
        } finally {
            for (String c : offDuty) {
                setStatus(dispatch, dispatcher, c, "AVAILABLE");
            }
        }
    }

    private static void step(Browser browser, WebDriverWait wait, String now, String then) {
        wait.until(ExpectedConditions.attributeToBe(By.id("next-step"), "data-step", now));
        browser.driver.findElement(By.id("next-step")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("next-step"), "data-step", then));
    }

    private static void awaitStatus(String dispatch, String token, String assignmentId, String expected) {
        await().atMost(PATIENCE).until(() -> status(dispatch, token, assignmentId), expected::equals);
    }

    private static String status(String dispatch, String token, String assignmentId) {
        return given().auth().oauth2(token).get(dispatch + "/api/v1/assignments/{id}/contact", assignmentId).then()
                .statusCode(200).extract().path("assignmentStatus");
    }

    /** Walks the team's live job (a visit or a patient transport) to its end as a dispatcher until it is AVAILABLE. */
    private static void makeAvailable(String dispatch, String dispatcher, String teamCode) {
        Map<String, String> nextStep = Map.of("DISPATCHED", "acceptance", "ACCEPTED", "departure", "EN_ROUTE",
                "arrival", "ARRIVED", "completion");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            String status = given().auth().oauth2(dispatcher).get(dispatch + "/api/v1/teams/{code}", teamCode).then()
                    .statusCode(200).extract().path("status");
            if ("AVAILABLE".equals(status)) {
                return true;
            }
            var job = given().auth().oauth2(dispatcher).get(dispatch + "/api/v1/teams/{code}/jobs", teamCode).then()
                    .statusCode(200).extract().jsonPath();
            String assignment = job.getString("current.assignmentId");
            List<String> transports = given().auth().oauth2(dispatcher).get(dispatch + "/api/v1/transports").then()
                    .statusCode(200).extract().jsonPath().getList("findAll { it.teamCode == '" + teamCode
                            + "' && (it.status == 'DISPATCHED' || it.status == 'PICKED_UP') }.collect { it.id + ' '"
                            + " + it.status }", String.class);
            if (assignment != null) {
                String step = nextStep.get(job.getString("current.status"));
                given().auth().oauth2(dispatcher).contentType(ContentType.JSON)
                        .body(step.equals("completion") ? Map.of("outcome", "RESOLVED_ON_SITE", "returning", false)
                                : Map.of())
                        .post(dispatch + "/api/v1/assignments/{id}/" + step, assignment);
            } else if (!transports.isEmpty()) {
                String[] transport = transports.get(0).split(" ");
                given().auth().oauth2(dispatcher).post(dispatch + "/api/v1/transports/{id}/"
                        + (transport[1].equals("DISPATCHED") ? "pickup" : "handover"), transport[0]);
            } else if ("RETURNING".equals(status) || "OFF_DUTY".equals(status)) {
                setStatus(dispatch, dispatcher, teamCode, "AVAILABLE");
            }
            return false;
        });
    }

    private static void setStatus(String dispatch, String token, String teamCode, String status) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", status))
                .put(dispatch + "/api/v1/teams/{code}/status", teamCode).then().statusCode(200);
    }
}

package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.hotline1022.localstack.LocalStack;

/**
 * The dispatchers' board (/dispatch.html) in a real browser against the whole system: a routine visit waits in the
 * queue, the dispatcher sees the ranked teams with their reasons, sends the first, and the board shows the team
 * dispatched. The team is freed again through the API afterwards, so other classes find the demo teams free.
 */
@ExtendWith(SharedStack.class)
class DispatchBoardTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Thủ Dầu Một: a ward with demo teams of province 74, dispatcher1's province. */
    private static final String WARD = "25744";

    private static LocalStack stack;
    private static Map<String, Object> vi;
    private static Map<String, Object> en;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
        Path root = Path.of(System.getProperty("hotline.root", "..")).toAbsolutePath().normalize();
        Path messages = root.resolve("console/src/main/resources/META-INF/resources/messages");
        vi = JsonPath.from(messages.resolve("vi.json").toFile()).getMap("");
        en = JsonPath.from(messages.resolve("en.json").toFile()).getMap("");
    }

    @Test
    void aDispatcherSendsTheFirstRecommendedTeamFromTheBoard() {
        String agent = stack.token("agent1");
        String dispatcher = stack.token("dispatcher1");
        String dispatch = stack.url("dispatch-service");
        String code = postCall(agent);
        UUID caseId = UUID.fromString(given().auth().oauth2(agent)
                .get(stack.url("intake-service") + "/api/v1/cases/{code}", code).then().statusCode(200).extract()
                .path("id"));
        // Not an emergency: dispatch queues it for a dispatcher.
        await().atMost(PATIENCE).until(() -> given().auth().oauth2(dispatcher).queryParam("provinceCode", "74")
                .get(dispatch + "/api/v1/board").then().statusCode(200).extract()
                .<List<String>> path("queue.caseCode").contains(code));

        try (Browser browser = Browser.start()) {
            By row = By.cssSelector("#queue tr[data-case='" + code + "']");
            browser.signIn(stack.consoleUrl() + "/dispatch.html", "dispatcher1", row, PATIENCE);
            var patiently = browser.waitUpTo(PATIENCE);
            WebElement waiting = browser.driver.findElement(row);
            assertThat(waiting.getText()).contains(WARD).contains(String.valueOf(vi.get(
                    "enum.QueueReason.AWAITING_DISPATCHER")));
            assertThat(waiting.getAttribute("class")).doesNotContain("escalated"); // not an emergency
            assertThat(browser.driver.findElement(By.cssSelector("#queue-title span")).getText())
                    .isEqualTo(vi.get("dispatch.queueTitle"));

            // Selected, the case shows its free teams in the ranking's order, each with its reasons.
            waiting.click();
            By ranked = By.cssSelector("#recommendations li[data-team]");
            patiently.until(ExpectedConditions.numberOfElementsToBeMoreThan(ranked, 0));
            List<WebElement> items = browser.driver.findElements(ranked);
            JsonPath api = given().auth().oauth2(dispatcher)
                    .get(dispatch + "/api/v1/cases/{id}/recommendations", caseId).then().statusCode(200).extract()
                    .jsonPath();
            List<String> expected = api.getList("teams.teamCode", String.class);
            assertThat(items.stream().map(li -> li.getAttribute("data-team")).toList()).isEqualTo(expected);
            assertThat(items.stream().map(li -> li.getAttribute("data-rank")).toList())
                    .isEqualTo(api.getList("teams.rank", Integer.class).stream().map(String::valueOf).toList())
                    .first().isEqualTo("1");
            String top = expected.get(0);
            String topMatch = String.valueOf(vi.get("enum.MatchedBy." + api.getString("teams[0].matchedBy")));
            assertThat(items.get(0).findElement(By.cssSelector(".reasons")).getText()).contains(topMatch)
                    .doesNotContain("enum.");
            assertThat(browser.driver.findElement(By.id("override-reason")).isDisplayed()).isFalse();
            browser.screenshot("dispatcher-board");

            // "Gửi đội": the first team goes; the case leaves the queue and the team shows DISPATCHED on the case.
            WebElement send = browser.driver.findElement(By.cssSelector("button.send"));
            assertThat(send.getText()).isEqualTo(vi.get("dispatch.send"));
            send.click();
            patiently.until(ExpectedConditions.numberOfElementsToBe(row, 0));
            By team = By.cssSelector("#teams tr[data-team='" + top + "']");
            patiently.until(ExpectedConditions.attributeToBe(team, "data-status", "DISPATCHED"));
            assertThat(browser.driver.findElement(team).getText()).contains(code)
                    .contains(String.valueOf(vi.get("enum.TeamStatus.DISPATCHED")));
            assertThat(browser.driver.findElement(By.id("sent")).getText()).contains(top).contains(code);

            given().auth().oauth2(dispatcher).queryParam("caseId", caseId).get(dispatch + "/api/v1/assignments")
                    .then().statusCode(200)
                    .body("size()", org.hamcrest.Matchers.equalTo(1))
                    .body("[0].teamCode", org.hamcrest.Matchers.equalTo(top))
                    .body("[0].dispatcherId", org.hamcrest.Matchers.equalTo("dispatcher1"))
                    .body("[0].automatic", org.hamcrest.Matchers.equalTo(false))
                    .body("[0].topRecommendation", org.hamcrest.Matchers.equalTo(true))
                    .body("[0].overrideReason", org.hamcrest.Matchers.nullValue());

            // The other language, on the page's switch: the labels and the API's values change with it.
            browser.driver.findElement(By.id("lang")).click();
            patiently.until(ExpectedConditions.textToBe(By.cssSelector("#queue-title span"),
                    String.valueOf(en.get("dispatch.queueTitle"))));
            patiently.until(ExpectedConditions.textToBePresentInElementLocated(team,
                    String.valueOf(en.get("enum.TeamStatus.DISPATCHED"))));
            assertThat(browser.driver.findElement(By.cssSelector("button.send")).getAttribute("textContent"))
                    .isEqualTo(en.get("dispatch.send"));
        } finally {
            freeTheTeamOf(caseId, dispatcher);
        }
    }

    /** A non-emergency call (a visit to advise) from a phone of its own, as agent1. */
    private static String postCall(String agent) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Nguyễn Văn Bình",
                "phone", "091" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000))));
        call.put("location", Map.of("wardCode", WARD, "addressText", "Khu phố 2"));
        call.put("needs", List.of("MEDICAL_CONSULTATION"));
        call.put("householdSize", 3);
        call.put("vulnerabilities", List.of("ELDERLY"));
        call.put("agentId", "agent-e2e");
        return given().auth().oauth2(agent).contentType(ContentType.JSON).body(call)
                .post(stack.url("intake-service") + "/api/v1/calls").then().statusCode(201).extract().path("code");
    }

    /** The team the page sent (if it sent one) reports the visit done, so it is AVAILABLE for the other tests. */
    private static void freeTheTeamOf(UUID caseId, String dispatcher) {
        String assignments = stack.url("dispatch-service") + "/api/v1/assignments";
        String id = given().auth().oauth2(dispatcher).queryParam("caseId", caseId).get(assignments).then()
                .statusCode(200).extract().path("[0].id");
        if (id == null) {
            return; // nothing was sent: no team to free
        }
        for (String step : List.of("acceptance", "departure", "arrival")) {
            given().auth().oauth2(dispatcher).contentType(ContentType.JSON).body("{}")
                    .post(assignments + "/{id}/" + step, id).then().statusCode(200);
        }
        given().auth().oauth2(dispatcher).contentType(ContentType.JSON)
                .body(Map.of("outcome", "RESOLVED_ON_SITE", "returning", false))
                .post(assignments + "/{id}/completion", id).then().statusCode(200);
    }
}

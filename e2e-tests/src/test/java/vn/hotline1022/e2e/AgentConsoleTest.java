package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.restassured.http.ContentType;
import vn.hotline1022.localstack.LocalStack;

/**
 * The agent console (/) in a real browser, as agent1: a case is found by its caller's name typed without diacritics
 * and opens with its ward's name; typing the same caller's phone in the call form says, before anything is sent, that
 * this is a repeat call of that open case; the overdue list loads; the English switch relabels the page.
 */
@ExtendWith(SharedStack.class)
class AgentConsoleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalStack stack;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
    }

    @Test
    void anAgentFindsACaseIsToldOfARepeatCallAndSeesTheOverdueList() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // A name of its own (a made-up last word), so the search finds this case only; a phone of this class only.
        String word = "Xu" + random.ints(6, 0, 26).mapToObj(i -> String.valueOf((char) ('a' + i)))
                .reduce("", String::concat);
        String name = "Đoàn Thị Mỹ Lệ " + word;
        String digits = String.valueOf(random.nextInt(1_000_000, 9_999_999));
        String phone = "035" + digits;
        String code = postCall("25747", name, phone); // Phú Cường, Thủ Dầu Một

        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            browser.signIn(stack.consoleUrl(), "agent1", By.id("call-form"), PATIENCE);
            assertThat(page.findElement(By.id("search-title")).getText()).isEqualTo("Tìm hồ sơ"); // Vietnamese first

            // The search, without diacritics: this case, and only it, with its need and ward in words.
            page.findElement(By.id("search-q")).sendKeys("doan thi my le " + word.toLowerCase());
            page.findElement(By.cssSelector("#search button[type=submit]")).click();
            By row = By.cssSelector("#search-results tr[data-code='" + code + "']");
            String rowText = patiently.until(ExpectedConditions.visibilityOfElementLocated(row)).getText();
            assertThat(rowText).contains(code, "Hỏi thông tin", "Phú Cường");
            assertThat(page.findElements(By.cssSelector("#search-results tr[data-code]"))).hasSize(1);
            page.findElement(row).click();
            patiently.until(ExpectedConditions.textToBe(By.id("case-code"), code));
            assertThat(page.findElement(By.id("case-ward")).getText()).contains("Phú Cường", "25747");
            assertThat(page.findElement(By.id("case-needs")).getText()).isEqualTo("Hỏi thông tin");
            assertThat(page.findElement(By.id("case-opened")).getText())
                    .containsPattern("\\d{2}:\\d{2} \\d{2}/\\d{2}/\\d{4}");
            assertThat(page.findElement(By.id("case-team")).getText()).isNotBlank();
            By received = By.cssSelector("#timeline li[data-type=CallReceived]");
            assertThat(patiently.until(ExpectedConditions.presenceOfElementLocated(received)).getText())
                    .contains("Nhận cuộc gọi tại", "Phú Cường", "nhu cầu: hỏi thông tin");

            // The same caller rings again: as soon as the phone is typed (spelled another way), the open case is named.
            assertThat(page.findElement(By.id("repeat-call")).isDisplayed()).isFalse();
            page.findElement(By.name("caller.phone")).sendKeys("035 " + digits.substring(0, 3) + " "
                    + digits.substring(3));
            WebElement notice = patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("repeat-call")));
            assertThat(notice.getAttribute("data-case")).isEqualTo(code);
            assertThat(notice.getText()).contains("Đây là cuộc gọi lặp lại", code, "Hỏi thông tin", "Phú Cường");
            browser.screenshot("agent-console-repeat-call");

            // The overdue list has loaded: its rows, or its empty state, never nothing.
            patiently.until(ExpectedConditions.attributeToBe(By.id("overdue"), "data-loaded", "true"));
            assertThat(page.findElement(By.id("overdue-title")).getText()).startsWith("Hồ sơ quá hạn");
            List<WebElement> overdue = page.findElements(By.cssSelector("#overdue tr[data-code]"));
            int total = Integer.parseInt(page.findElement(By.id("overdue-total")).getText().strip());
            if (overdue.isEmpty()) {
                assertThat(total).isZero();
                assertThat(page.findElement(By.id("overdue-empty")).isDisplayed()).isTrue();
                assertThat(page.findElement(By.id("overdue-empty")).getText()).isEqualTo("Không có hồ sơ quá hạn.");
            } else {
                assertThat(total).isGreaterThanOrEqualTo(overdue.size());
                assertThat(page.findElement(By.id("overdue-empty")).isDisplayed()).isFalse();
            }

            // English: the labels, the words drawn from the API's values and the notice change; the ward's name stays.
            page.findElement(By.id("lang")).click();
            patiently.until(ExpectedConditions.textToBe(By.id("search-title"), "Find a case"));
            assertThat(page.findElement(By.id("lang")).getText()).isEqualTo("Tiếng Việt");
            assertThat(page.findElement(By.id("case-needs")).getText()).isEqualTo("Information");
            assertThat(page.findElement(By.id("repeat-call")).getText()).contains("This is a repeat call", code);
            assertThat(page.findElement(By.id("case-ward")).getText()).contains("Phú Cường");
            // The timeline's lines too: intake keeps each in English beside the Vietnamese.
            patiently.until(ExpectedConditions.textToBePresentInElementLocated(received, "Call received in"));
            assertThat(page.findElement(received).getText()).contains("needs INFORMATION").doesNotContain("Nhận cuộc");
        }
    }

    private static String postCall(String ward, String name, String phone) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", name, "phone", phone));
        call.put("location", Map.of("wardCode", ward, "addressText", "Khu phố 3"));
        call.put("needs", List.of("INFORMATION")); // no team, no hospital, no relief: the case stays open, untouched
        call.put("householdSize", 2);
        call.put("agentId", "agent1");
        return given().auth().oauth2(stack.token("agent1")).contentType(ContentType.JSON).body(call)
                .post(stack.url("intake-service") + "/api/v1/calls").then().statusCode(201).extract().path("code");
    }
}

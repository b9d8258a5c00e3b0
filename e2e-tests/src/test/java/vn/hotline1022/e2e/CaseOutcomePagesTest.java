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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.restassured.http.ContentType;
import vn.hotline1022.localstack.LocalStack;

/**
 * A case comes home, in a real browser with the whole system: the citizen's public lookup page (/track.html) says need
 * by need what has happened and what is pending, refuses a wrong phone with the same words as an unknown code, and
 * takes "help did not come"; the agent closes a case by hand with a reason on the call console.
 */
@ExtendWith(SharedStack.class)
class CaseOutcomePagesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalStack stack;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
    }

    @Test
    void aCitizenLooksUpTheCaseNeedByNeedAndSaysHelpDidNotCome() {
        String phone = uniquePhone();
        String code = postCall(phone, List.of("INFORMATION"));
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            page.get(stack.consoleUrl() + "/track.html?code=" + code);
            patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("lookup")));
            assertThat(page.getTitle()).isEqualTo("Tổng đài 1022 — Tra cứu hồ sơ");
            assertThat(page.findElement(By.id("code")).getAttribute("value")).isEqualTo(code); // the one-tap link

            // Someone else's phone, then an unknown code: the same neutral words, no case shown.
            page.findElement(By.id("phone")).sendKeys(uniquePhone());
            page.findElement(By.id("find")).click();
            String wrongPhone = patiently.until(d -> {
                String said = d.findElement(By.id("lookup-error")).getText();
                return said.isBlank() ? null : said;
            });
            assertThat(wrongPhone).isEqualTo("Không tìm thấy hồ sơ với mã và số điện thoại này.");
            page.findElement(By.id("code")).clear();
            page.findElement(By.id("code")).sendKeys("BD-20200101-0001-AAA");
            page.findElement(By.id("phone")).clear();
            page.findElement(By.id("phone")).sendKeys(phone);
            page.findElement(By.id("find")).click();
            patiently.until(d -> !d.findElement(By.id("lookup-error")).getText().isBlank());
            assertThat(page.findElement(By.id("lookup-error")).getText()).isEqualTo(wrongPhone);
            assertThat(page.findElement(By.id("case")).isDisplayed()).isFalse();

            // The right code and phone (spelled with spaces): the need, pending, in plain words.
            page.findElement(By.id("code")).clear();
            page.findElement(By.id("code")).sendKeys(code.toLowerCase());
            page.findElement(By.id("phone")).clear();
            page.findElement(By.id("phone")).sendKeys(phone.substring(0, 4) + " " + phone.substring(4));
            page.findElement(By.id("find")).click();
            patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("case")));
            assertThat(page.findElement(By.id("case-code")).getText()).isEqualTo(code);
            assertThat(page.findElement(By.id("needs")).getText())
                    .isEqualTo("trả lời thông tin: … chờ tổng đài viên trả lời");
            browser.screenshot("track-page");

            // "Help did not come": recorded, the case counts as overdue and goes back to work.
            page.findElement(By.id("not-helped")).click();
            patiently.until(d -> !d.findElement(By.id("answered")).getText().isBlank());
            assertThat(page.findElement(By.id("answered")).getText()).contains("ưu tiên xử lý lại");
            var read = given().auth().oauth2(stack.token("agent1")).get(stack.url("intake-service")
                    + "/api/v1/cases/{code}", code).then().statusCode(200).extract();
            assertThat(read.<Integer> path("sla.reopenCount")).isEqualTo(1);
            assertThat(read.<Boolean> path("sla.overdue")).isTrue();

            page.findElement(By.id("lang")).click();
            patiently.until(ExpectedConditions.titleIs("Hotline 1022 — Track my case"));
            assertThat(page.findElement(By.id("needs")).getText())
                    .isEqualTo("an answer: … waiting for an agent's answer");
        }
    }

    @Test
    void anAgentClosesACaseByHandWithAReason() {
        // Two needs no service ends by itself: an answer and an official's check.
        String code = postCall(uniquePhone(), List.of("INFORMATION", "VIOLATION_REPORT"));
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            browser.signIn(stack.consoleUrl(), "agent1", By.id("call-form"), PATIENCE);
            page.findElement(By.id("search-q")).sendKeys(code);
            page.findElement(By.cssSelector("#search button[type=submit]")).click();
            By row = By.cssSelector("#search-results tr[data-code='" + code + "']");
            patiently.until(ExpectedConditions.elementToBeClickable(row)).click();
            patiently.until(ExpectedConditions.textToBe(By.id("case-code"), code));
            patiently.until(d -> d.findElements(By.cssSelector("#case-tracks li")).size() == 2);

            // No reason chosen: refused in Vietnamese, nothing closed.
            page.findElement(By.id("close-send")).click();
            patiently.until(d -> !d.findElement(By.id("close-error")).getText().isBlank());
            assertThat(page.findElement(By.id("close-error")).getText()).contains("chọn lý do đóng hồ sơ");

            new Select(page.findElement(By.id("close-reason"))).selectByValue("ANSWERED_ON_CALL");
            page.findElement(By.id("close-note")).sendKeys("Đã hướng dẫn đăng ký hỗ trợ tại phường");
            page.findElement(By.id("close-send")).click();
            patiently.until(ExpectedConditions.textToBe(By.id("case-status"), "Đã giải quyết"));
            assertThat(page.findElement(By.id("case-tracks")).getText())
                    .contains("đóng thủ công: đã trả lời qua điện thoại");
            patiently.until(d -> d.findElement(By.id("timeline")).getText().contains("đóng hồ sơ"));
            browser.screenshot("agent-console-closed-by-hand");
        }
        var read = given().auth().oauth2(stack.token("agent1")).get(stack.url("intake-service")
                + "/api/v1/cases/{code}", code).then().statusCode(200).extract();
        assertThat(read.<String> path("status")).isEqualTo("RESOLVED");
        assertThat(read.<List<String>> path("tracks.outcome")).containsOnly("CLOSED:ANSWERED_ON_CALL");
    }

    private static String postCall(String phone, List<String> needs) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Phạm Thị Thu", "phone", phone));
        call.put("location", Map.of("wardCode", "25747", "addressText",
                ThreadLocalRandom.current().nextInt(1, 100_000_000) + " Đường Yersin"));
        call.put("needs", needs);
        call.put("householdSize", 2);
        return given().auth().oauth2(stack.token("agent1")).contentType(ContentType.JSON).body(call)
                .post(stack.url("intake-service") + "/api/v1/calls").then().statusCode(201).extract().path("code");
    }

    private static String uniquePhone() {
        return "036" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }
}

package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.restassured.path.json.JsonPath;
import vn.hotline1022.localstack.LocalStack;
import vn.hotline1022.testkit.FakeSmsGateway;

/**
 * The callback queue on the agent's page, in a real browser as agent1: two free-text SMS wait there with the codes
 * their senders were told; "Gọi lại" puts the first sender's number in the call form and the case opened keeps the
 * code; the second is ended as unreachable and leaves the queue. The English switch relabels the queue.
 */
@ExtendWith(SharedStack.class)
class CallbackQueueTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern CODE = Pattern.compile("BD-\\d{8}-\\d{4,}-[A-HJKMNP-Z2-9]{3}");
    private static LocalStack stack;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
    }

    @Test
    void anAgentCallsBackAFreeTextAndTheCaseKeepsItsCode() {
        String first = phone();
        String second = phone();
        String answered = text(first, "Nhà tôi ở Hiệp Thành có 3 người, hết gạo từ hôm qua");
        String unreachable = text(second, "Gọi lại cho tôi với");

        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            browser.signIn(stack.consoleUrl(), "agent1", By.id("call-form"), PATIENCE);
            By row = By.cssSelector("#callbacks tr[data-code='" + answered + "']");
            String rowText = patiently.until(ExpectedConditions.visibilityOfElementLocated(row)).getText();
            assertThat(rowText).contains(answered, "Tin nhắn SMS", "hết gạo từ hôm qua", first);
            assertThat(page.findElement(By.id("callbacks-title")).getText()).startsWith("Chờ gọi lại");
            ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView()",
                    page.findElement(By.id("callbacks-section")));
            browser.screenshot("agent-console-callbacks");

            // Calling back: the number goes into the form, the banner names the code the case will keep.
            page.findElement(row).findElement(By.cssSelector("button[data-action=CALL]")).click();
            assertThat(patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("callback-answering")))
                    .getText()).contains(answered);
            assertThat(page.findElement(By.name("caller.phone")).getAttribute("value")).isEqualTo(first);
            new Select(page.findElement(By.name("district"))).selectByValue("718"); // Thủ Dầu Một
            patiently.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("select[name='location.wardCode'] option[value='25741']")));
            new Select(page.findElement(By.name("location.wardCode"))).selectByValue("25741"); // Hiệp Thành
            page.findElement(By.name("caller.name")).sendKeys("Lê Thị Hoa");
            page.findElement(By.cssSelector("input[name=needs][value=FOOD]")).click();
            page.findElement(By.cssSelector("#call-form button[type=submit]")).click();
            patiently.until(ExpectedConditions.textToBe(By.id("case-code"), answered));
            patiently.until(ExpectedConditions.invisibilityOfElementLocated(row));
            assertThat(page.findElement(By.id("callback-answering")).isDisplayed()).isFalse();

            // The other one did not answer.
            By other = By.cssSelector("#callbacks tr[data-code='" + unreachable + "']");
            page.findElement(other).findElement(By.cssSelector("button[data-action=UNREACHABLE]")).click();
            patiently.until(ExpectedConditions.invisibilityOfElementLocated(other));

            page.findElement(By.id("lang")).click();
            patiently.until(ExpectedConditions.textToBePresentInElementLocated(By.id("callbacks-title"), "Callbacks"));
        }

        String intake = stack.url("intake-service");
        JsonPath opened = given().auth().oauth2(stack.token("agent1")).get(intake + "/api/v1/cases/{code}", answered)
                .then().statusCode(200).extract().jsonPath();
        assertThat(opened.getString("channel")).isEqualTo("SMS");
        assertThat(opened.getString("caller.phone")).isEqualTo(first);
        assertThat(opened.getString("location.wardCode")).isEqualTo("25741");
        assertThat(opened.getString("agentId")).isEqualTo("agent1");
        // Both senders track their codes: the case, and the callback ended.
        given().contentType("application/json").body(Map.of("phone", second))
                .post(intake + "/api/v1/public/cases/{code}/lookup", unreachable).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CLOSED"));
    }

    private static String text(String phone, String body) {
        String webhook = stack.url("intake-service") + "/webhooks/sms";
        FakeSmsGateway gateway = new FakeSmsGateway(stack.secrets().get("HOTLINE_INTAKE_SMS_AUTH_TOKEN"), webhook);
        Map<String, String> form = FakeSmsGateway.text(phone, body);
        String reply = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                .header("X-Twilio-Signature", gateway.signature(form)).post(webhook).then().statusCode(200)
                .extract().asString();
        Matcher m = CODE.matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        return m.group();
    }

    private static String phone() {
        return "084" + "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }
}

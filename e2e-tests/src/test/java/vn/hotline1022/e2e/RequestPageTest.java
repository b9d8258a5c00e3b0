package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.events.Topics;
import vn.hotline1022.localstack.LocalStack;

/**
 * The public request page (/request.html) in a real browser, with the whole system: a citizen who cannot get through
 * by phone chooses the need and the ward, gives the phone, is told what is wrong with it, confirms it with the code
 * texted to it (derived here with this install's secret, as notification derives it), and gets the case code; the
 * case is then decided by relief like any call's and its status readable through Open311.
 */
@ExtendWith(SharedStack.class)
class RequestPageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalStack stack;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
    }

    @Test
    void aCitizenFilesARequestConfirmsThePhoneAndTheCaseIsDecided() {
        String phone = "0938" + "%06d".formatted(ThreadLocalRandom.current().nextInt(1_000_000));
        String caseCode;
        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            page.get(stack.consoleUrl() + "/request.html");
            patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("ask")));
            assertThat(page.getTitle()).isEqualTo("Tổng đài 1022 — Gửi yêu cầu hỗ trợ");
            patiently.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#need option[value=FOOD]")));
            assertThat(page.findElement(By.cssSelector("#need option[value=FOOD]")).getText()).isEqualTo("Lương thực");

            new Select(page.findElement(By.id("need"))).selectByValue("FOOD");
            new Select(page.findElement(By.id("district"))).selectByValue("725"); // Thuận An
            patiently.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ward option[value='25966']")));
            new Select(page.findElement(By.id("ward"))).selectByValue("25966"); // Lái Thiêu
            page.findElement(By.id("household")).sendKeys("4");
            page.findElement(By.id("name")).sendKeys("Nguyễn Văn An");
            page.findElement(By.id("description")).sendKeys("Hết gạo từ hôm qua");

            // A phone that is not one: the API's answer next to the field, nothing sent on.
            page.findElement(By.id("phone")).sendKeys("12345");
            page.findElement(By.id("send")).click();
            patiently.until(d -> !d.findElement(By.cssSelector("#ask .error[data-field=phone]")).getText().isBlank());
            assertThat(page.findElement(By.id("confirm")).isDisplayed()).isFalse();

            page.findElement(By.id("phone")).clear();
            page.findElement(By.id("phone")).sendKeys(phone.substring(0, 4) + " " + phone.substring(4, 7) + " "
                    + phone.substring(7));
            browser.screenshot("request-page");
            page.findElement(By.id("send")).click();
            patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            String token = page.findElement(By.id("confirm")).getAttribute("data-token");
            String code = RecipientCode.phoneConfirmation(stack.secrets().get("HOTLINE_RECIPIENT_CODE_SECRET"),
                    UUID.fromString(token));

            page.findElement(By.id("code")).sendKeys("%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000));
            page.findElement(By.id("confirm-send")).click();
            patiently.until(d -> !d.findElement(By.cssSelector("#confirm .error[data-field=code]")).getText()
                    .isBlank());
            page.findElement(By.id("code")).clear();
            page.findElement(By.id("code")).sendKeys(code);
            page.findElement(By.id("confirm-send")).click();
            patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
            caseCode = page.findElement(By.id("case-code")).getText();
            assertThat(caseCode).matches("BD-\\d{8}-\\d{4}-[A-HJKMNP-Z2-9]{3}");
            browser.screenshot("request-page-done");

            // English on the switch.
            page.findElement(By.id("lang")).click();
            patiently.until(ExpectedConditions.titleIs("Hotline 1022 — Ask for help"));
            assertThat(page.findElement(By.cssSelector("#done h2")).getText()).isEqualTo("Request sent");
        }

        // The case, like a call's: channel WEB, the phone as typed in its national form; relief decides it.
        String admin = stack.token("admin1");
        String intake = stack.url("intake-service");
        var detail = given().auth().oauth2(admin).get(intake + "/api/v1/cases/{code}", caseCode).then()
                .statusCode(200).extract();
        assertThat(detail.<String> path("channel")).isEqualTo("WEB");
        assertThat(detail.<String> path("caller.phone")).isEqualTo(phone);
        assertThat(detail.<Integer> path("householdSize")).isEqualTo(4);
        UUID caseId = UUID.fromString(detail.path("id"));
        List<ConsumerRecord<String, String>> relief = await().atMost(PATIENCE).until(
                () -> CaseEvents.read(stack.kafkaBootstrapServers(), caseId).stream()
                        .filter(r -> r.topic().equals(Topics.RELIEF)).toList(),
                found -> !found.isEmpty());
        assertThat(relief).isNotEmpty();
        // Tracked through Open311 without signing in, with no personal data.
        String status = given().get(intake + "/open311/v2/requests/{id}.json", caseCode).then().statusCode(200)
                .extract().asString();
        assertThat(status).contains(caseCode, "FOOD").doesNotContain(phone).doesNotContain("Nguyễn Văn An");
    }
}

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
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.hotline1022.localstack.LocalStack;

/**
 * The officials' page (/official.html) in a real browser: the ward official of Lái Thiêu signs in at Keycloak, finds
 * the ward's violation report under its tab (and not one from Thủ Dầu Một), takes it, records a verification visit, is
 * told what is missing when resolving without an outcome, resolves it; intake's timeline has every step.
 */
@ExtendWith(SharedStack.class)
class OfficialPageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Phones of this class only: a second call from one phone would join the first case. */
    private static final AtomicInteger PHONES = new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000,
            8_000_000));
    private static LocalStack stack;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
    }

    @Test
    void aWardOfficialTakesVerifiesAndResolvesTheWardsViolationReport() {
        String mine = postViolationReport("25966"); // Lái Thiêu, Thuận An: official.ward1's ward
        String elsewhere = postViolationReport("25747"); // Phú Cường, Thủ Dầu Một: another district

        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            browser.signIn(stack.consoleUrl() + "/official.html", "official.ward1", By.id("kinds"), PATIENCE);
            assertThat(page.findElement(By.id("user")).getText()).startsWith("official.ward1");
            assertThat(page.findElement(By.id("area")).getText()).contains("25966");
            assertThat(page.getTitle()).isEqualTo("Hotline 1022 — Cán bộ địa bàn");

            // The violation tab: the ward's report, not the other district's; every row a violation report.
            page.findElement(By.cssSelector("#kinds [data-kind=VIOLATION]")).click();
            By myRow = By.cssSelector("#official-cases[data-kind=VIOLATION] tr[data-case='" + mine + "']");
            String rowText = patiently.until(ExpectedConditions.visibilityOfElementLocated(myRow)).getText();
            assertThat(rowText).contains(mine, "Lái Thiêu", "25966", "Phản ánh vi phạm", "Chưa có người nhận");
            assertThat(page.findElements(By.cssSelector("#official-cases tr[data-case='" + elsewhere + "']")))
                    .as("a case of another district").isEmpty();
            assertThat(page.findElements(By.cssSelector("#official-cases tr td:nth-child(3)")))
                    .extracting(WebElement::getText)
                    .allSatisfy(needs -> assertThat(needs).contains("Phản ánh vi phạm"));
            assertThat(page.findElement(By.cssSelector("#kinds [data-kind=VIOLATION]")).getAttribute("aria-selected"))
                    .isEqualTo("true");

            // The case: its caller as the API gives it, its timeline; nobody owns it, so only "Nhận xử lý".
            page.findElement(myRow).click();
            patiently.until(ExpectedConditions.attributeToBe(By.id("case-detail"), "data-case", mine));
            assertThat(page.findElement(By.id("case-detail")).isDisplayed()).isTrue();
            assertThat(page.findElement(By.id("case-caller")).getText()).isNotBlank().isNotEqualTo("—");
            assertThat(page.findElement(By.id("case-needs")).getText()).contains("Phản ánh vi phạm");
            patiently.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#timeline li[data-type=CallReceived]")));
            assertThat(page.findElement(By.id("owner-actions")).isDisplayed()).isFalse();

            // Take it: the verification, resolution and hand-back forms appear.
            patiently.until(ExpectedConditions.elementToBeClickable(By.id("take"))).click();
            patiently.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form#verify")));
            patiently.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#timeline li[data-type=CaseOwnerAssigned]")));
            assertThat(page.findElement(By.id("take")).isDisplayed()).isFalse();
            assertThat(page.findElement(By.id("case-owner")).getText()).startsWith("official.ward1");
            assertThat(page.findElement(By.cssSelector("form#resolve")).isDisplayed()).isTrue();
            assertThat(page.findElement(By.cssSelector("form#hand-back")).isDisplayed()).isTrue();

            // A verification visit, at the time the form offers (now, in Vietnam's time).
            assertThat(page.findElement(By.cssSelector("form#verify [name=visitedAt]")).getAttribute("value"))
                    .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");
            new Select(page.findElement(By.cssSelector("form#verify [name=outcome]"))).selectByValue("VALID");
            page.findElement(By.cssSelector("form#verify [name=actionTaken]")).sendKeys("Đã kiểm tra, lập biên bản");
            page.findElement(By.cssSelector("form#verify button[type=submit]")).click();
            String visit = patiently.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#visits li[data-outcome=VALID]"))).getText();
            assertThat(visit).contains("Đúng phản ánh", "Đã kiểm tra, lập biên bản", "official.ward1");
            By verified = By.cssSelector("#timeline li[data-type=CaseVerified]");
            assertThat(patiently.until(ExpectedConditions.presenceOfElementLocated(verified)).getText())
                    .contains("official.ward1 xác minh lúc", "đúng như phản ánh", "Đã kiểm tra, lập biên bản");
            browser.screenshot("official-queue");

            // Resolving without saying how: the API's field error, next to the resolution's field (not the visit's).
            page.findElement(By.cssSelector("form#resolve button[type=submit]")).click();
            assertThat(patiently.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("form#resolve .error[data-field=outcome]"))).getText()).isNotBlank();
            assertThat(page.findElement(By.cssSelector("form#verify .error[data-field=outcome]")).getText()).isEmpty();
            assertThat(page.findElement(By.id("case-status")).getAttribute("data-status")).isNotEqualTo("RESOLVED");

            // Resolved: the case says so, the actions go, and it leaves the list of open cases.
            page.findElement(By.cssSelector("form#resolve [name=outcome]"))
                    .sendKeys("Đã xử lý tại chỗ, hộ kinh doanh cam kết chấp hành");
            page.findElement(By.cssSelector("form#resolve button[type=submit]")).click();
            patiently.until(ExpectedConditions.attributeToBe(By.id("case-status"), "data-status", "RESOLVED"));
            assertThat(page.findElement(By.id("case-status")).getText()).isEqualTo("Đã giải quyết");
            assertThat(page.findElement(By.cssSelector("form#resolve .error[data-field=outcome]")).getText()).isEmpty();
            patiently.until(ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("#official-cases tr[data-case='" + mine + "']"), 0));
            patiently.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#timeline li[data-type=CaseResolved]")));
            assertThat(page.findElement(By.id("owner-actions")).isDisplayed()).isFalse();
            assertThat(page.findElement(By.id("take")).isDisplayed()).isFalse();

            // English on the page's switch: the labels and what came from the API are redrawn.
            WebElement heading = page.findElement(By.id("official-heading"));
            assertThat(heading.getText()).isEqualTo("hồ sơ của địa bàn (cán bộ phường, xã)");
            page.findElement(By.id("lang")).click();
            patiently.until(ExpectedConditions.textToBe(By.id("official-heading"),
                    "cases of your area (local officials)"));
            assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(page.findElement(By.id("lang")).getText()).isEqualTo("Tiếng Việt");
            assertThat(page.findElement(By.id("case-status")).getText()).isEqualTo("Resolved");
            patiently.until(ExpectedConditions.textToBePresentInElementLocated(verified,
                    "Official official.ward1 verified on"));
            assertThat(page.findElement(verified).getText()).contains("as reported", "Đã kiểm tra, lập biên bản");
            assertThat(page.findElement(By.cssSelector("#kinds [data-kind=VIOLATION]")).getText())
                    .isEqualTo("Violation reports");
        }

        // What the page did is intake's: the case's timeline as an agent reads it.
        String agent = stack.token("agent1");
        JsonPath resolved = await().atMost(PATIENCE).until(() -> given().auth().oauth2(agent)
                .get(stack.url("intake-service") + "/api/v1/cases/{code}", mine).then().statusCode(200).extract()
                .jsonPath(), json -> json.getList("timeline.type", String.class).contains("CaseResolved"));
        assertThat(resolved.getString("status")).isEqualTo("RESOLVED");
        assertThat(resolved.getList("timeline.type", String.class)).containsSubsequence("CallReceived",
                "CaseOwnerAssigned", "CaseVerified", "CaseResolved");
        // The other district's case was not touched.
        assertThat(given().auth().oauth2(agent).get(stack.url("intake-service") + "/api/v1/cases/{code}", elsewhere)
                .then().statusCode(200).extract().jsonPath().getList("timeline.type", String.class))
                .doesNotContain("CaseOwnerAssigned", "CaseVerified", "CaseResolved");
    }

    private static String postViolationReport(String ward) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Nguyễn Văn Phản", "phone", "096" + PHONES.incrementAndGet()));
        call.put("location", Map.of("wardCode", ward, "addressText", "Khu phố 5"));
        call.put("needs", List.of("VIOLATION_REPORT"));
        call.put("householdSize", 1);
        call.put("notes", "Tụ tập đông người trước quán cà phê");
        call.put("agentId", "agent1");
        return given().auth().oauth2(stack.token("agent1")).contentType(ContentType.JSON).body(call)
                .post(stack.url("intake-service") + "/api/v1/calls").then().statusCode(201).extract().path("code");
    }
}

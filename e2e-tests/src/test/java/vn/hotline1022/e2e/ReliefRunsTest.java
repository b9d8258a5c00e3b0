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
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.restassured.http.ContentType;
import vn.hotline1022.commons.proof.RecipientCode;
import vn.hotline1022.localstack.LocalStack;

/**
 * The relief officers' page (/relief.html) in a real browser: relief1 (Bình Dương, districts 718 and 725) finds a food
 * package for Lái Thiêu on the ward's run sheet with the household's address and phone, is told a wrong receipt code
 * is wrong, and confirms the delivery with the code the household shows; relief has it DELIVERED.
 */
@ExtendWith(SharedStack.class)
class ReliefRunsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String LAI_THIEU = "25966"; // Thuận An (725): relief1's district
    private static LocalStack stack;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
    }

    @Test
    void theReliefOfficerConfirmsADeliveryFromTheWardsRunSheet() {
        int house = ThreadLocalRandom.current().nextInt(100, 100_000);
        String address = "Số " + house + " hẻm 12, Khu phố 3"; // a house of its own: no family matched by address
        String phone = "097" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String code = postCall(address, phone);
        String relief1 = stack.token("relief1");
        UUID caseId = UUID.fromString(given().auth().oauth2(stack.token("agent1"))
                .get(stack.url("intake-service") + "/api/v1/cases/{code}", code).then().statusCode(200)
                .extract().path("id"));
        String deliveryId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(relief1)
                .queryParam("caseId", caseId).get(stack.url("relief-service") + "/api/v1/deliveries").then()
                .statusCode(200).extract().<String> path("find { it.status == 'SCHEDULED' }.id"), id -> id != null);
        String right = RecipientCode.derive(stack.secrets().get("HOTLINE_RECIPIENT_CODE_SECRET"),
                UUID.fromString(deliveryId));
        String wrong = (char) ('0' + (right.charAt(0) - '0' + 1) % 10) + right.substring(1);

        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            browser.signIn(stack.consoleUrl() + "/relief.html", "relief1", By.id("filter"), PATIENCE);
            assertThat(page.getTitle()).isEqualTo("Hotline 1022 — Cứu trợ");
            assertThat(page.findElement(By.id("user")).getText()).startsWith("relief1");

            // The package is on Lái Thiêu's run sheet, with where it goes and whom to call.
            By row = By.cssSelector("#runs section[data-ward='" + LAI_THIEU + "'] tr[data-delivery='" + deliveryId
                    + "']");
            String rowText = patiently.until(ExpectedConditions.visibilityOfElementLocated(row)).getText();
            // The programme by its name, as the officer knows it.
            assertThat(rowText).contains(code, address, phone, "Túi an sinh (Mặt trận Tổ quốc tỉnh)");
            assertThat(page.findElement(row).findElement(By.cssSelector("td.phone a")).getAttribute("href"))
                    .isEqualTo("tel:" + phone);
            // Stock per warehouse: the warehouses of relief1's districts are listed (the province's is not theirs).
            patiently.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#stock tr[data-warehouse='KHO-THUAN-AN']")));
            assertThat(page.findElements(By.cssSelector("#stock tr[data-warehouse='PROVINCE-74']"))).isEmpty();
            // Waiting requests and consignments: listed, or said to be none (an empty table shows nothing).
            for (String list : List.of("waiting", "consignments")) {
                patiently.until(d -> !d.findElements(By.cssSelector("#" + list + " tr")).isEmpty()
                        || d.findElement(By.id(list + "-empty")).isDisplayed());
                assertThat(page.findElement(By.id(list + "-problem")).getText()).as(list).isBlank();
            }
            browser.screenshot("relief-runs");

            // A wrong code: the API's answer next to the field; the package is still on its way.
            WebElement form = page.findElement(row).findElement(By.cssSelector("form.confirm"));
            form.findElement(By.name("recipientCode")).sendKeys(wrong);
            form.findElement(By.cssSelector("button[type=submit]")).click();
            By codeError = By.cssSelector("tr[data-delivery='" + deliveryId + "'] .error[data-field=recipientCode]");
            patiently.until(ExpectedConditions.textToBePresentInElementLocated(codeError, "does not match"));
            assertThat(status(relief1, caseId)).isEqualTo("SCHEDULED");

            // The household's code: delivered.
            WebElement input = page.findElement(row).findElement(By.name("recipientCode"));
            input.clear();
            input.sendKeys(right);
            page.findElement(row).findElement(By.cssSelector("form.confirm button[type=submit]")).click();
            patiently.until(ExpectedConditions.attributeContains(row, "class", "delivered"));
            assertThat(page.findElement(row).getText()).contains("Đã giao lúc");
            assertThat(page.findElements(By.cssSelector("tr[data-delivery='" + deliveryId + "'] form.confirm")))
                    .isEmpty();
            assertThat(status(relief1, caseId)).isEqualTo("DELIVERED");

            // Read again, the sheet no longer holds it.
            page.findElement(By.cssSelector("#filter button[type=submit]")).click();
            patiently.until(ExpectedConditions.numberOfElementsToBe(row, 0));
            browser.screenshot("relief-runs-delivered");
        }
    }

    private static String status(String token, UUID caseId) {
        return given().auth().oauth2(token).queryParam("caseId", caseId)
                .get(stack.url("relief-service") + "/api/v1/deliveries").then().statusCode(200).extract()
                .path("find { it.programmeCode == 'BD-FOOD-2021' }.status");
    }

    private static String postCall(String address, String phone) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Nguyễn Thị Lan", "phone", phone));
        call.put("location", Map.of("wardCode", LAI_THIEU, "addressText", address));
        call.put("needs", List.of("FOOD"));
        call.put("householdSize", 4);
        call.put("agentId", "agent-e2e");
        return given().auth().oauth2(stack.token("agent1")).contentType(ContentType.JSON).body(call)
                .post(stack.url("intake-service") + "/api/v1/calls").then().statusCode(201).extract().path("code");
    }
}

package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
 * The hospital's page (/hospital.html) in a real browser, as hospital1 (74001): a referral shows what it carries
 * (severity, or that nobody assessed the patient yet; the clinical summary; the case's district against the
 * hospital's, here the same, so no kilometres), is marked received, refused with a reason (the API's field error shown
 * first, in place) and listed as answered; the hospital changes a bed count and pauses and resumes its intake, which
 * the API then reports; the page switches to English. The bed count and intake are put back as they were whatever
 * happens. The referral is refused, not accepted, so no ambulance of the shared system is taken.
 */
@ExtendWith(SharedStack.class)
class HospitalPageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Phones of this class only: a second call from one phone would join the first case. */
    private static final AtomicInteger PHONES = new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000,
            8_000_000));
    private static final String NOTES = "Khó thở, SpO2 91% (e2e hospital page)";
    private static LocalStack stack;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
    }

    @Test
    void aHospitalReceivesAndRefusesAReferralAndKeepsItsBedsAndIntake() {
        String referralService = stack.url("referral-service");
        JsonPath own = given().auth().oauth2(stack.token("hospital1")).get(referralService + "/api/v1/hospitals")
                .then().statusCode(200).extract().jsonPath();
        assertThat(own.getList("code", String.class)).containsExactly("74001");
        String hospitalId = own.getString("[0].id");
        int icuTotal = own.getInt("[0].beds.ICU.total");
        assertThat(own.getBoolean("[0].accepting")).as("74001 takes patients before the test").isTrue();

        // Hiệp Thành, in Thủ Dầu Một (district 718, as 74001): the provincial hospital is asked first.
        String code = postHospitalCall("25741");
        UUID caseId = caseId(code);
        String referralId = await().atMost(PATIENCE).until(() -> given().auth().oauth2(stack.token("hospital1"))
                .queryParam("caseId", caseId).get(referralService + "/api/v1/referrals").then().statusCode(200)
                .extract().<String> path("find { it.status == 'PENDING' }.id"), id -> id != null);

        try (Browser browser = Browser.start()) {
            WebDriver page = browser.driver;
            var patiently = browser.waitUpTo(PATIENCE);
            browser.signIn(stack.consoleUrl() + "/hospital.html", "hospital1", By.id("capacity-panel"), PATIENCE);
            assertThat(page.findElement(By.id("user")).getText()).startsWith("hospital1").contains("hospital-staff");
            assertThat(page.getTitle()).isEqualTo("Hotline 1022 — Tiếp nhận chuyển viện");

            // What the referral carries: no team saw the patient, so "not assessed", never an empty field.
            By card = By.cssSelector("article.referral[data-case='" + code + "']");
            WebElement referral;
            try {
                referral = patiently.until(ExpectedConditions.visibilityOfElementLocated(card));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("no referral card for " + code + ": "
                        + page.findElement(By.id("status")).getText() + "\n" + browser.consoleLog(), e);
            }
            String heading = referral.findElement(By.tagName("h3")).getText();
            assertThat(heading).startsWith(code).doesNotContain("· ·").doesNotContain("·  ·");
            WebElement severity = referral.findElement(By.cssSelector(".severity"));
            assertThat(severity.getAttribute("data-severity")).isEqualTo("NOT_ASSESSED");
            assertThat(severity.getText()).isEqualTo("Chưa đánh giá tại chỗ (chỉ qua điện thoại)");
            assertThat(referral.findElement(By.cssSelector(".bed-type")).getText())
                    .isIn("Giường có ô-xy", "Giường thường");
            assertThat(referral.findElement(By.cssSelector(".summary")).getText()).contains(NOTES);
            assertThat(referral.findElement(By.cssSelector(".where")).getText())
                    .contains("Thủ Dầu Một", "718", "cùng quận/huyện với bệnh viện");
            // Case and hospital in one district: no kilometres between two centres that are the same point.
            WebElement distance = referral.findElement(By.cssSelector(".where .distance"));
            assertThat(distance.getAttribute("data-distance")).isEqualTo("same");
            assertThat(distance.getText()).isEqualTo("cùng quận/huyện với bệnh viện");
            assertThat(page.findElement(By.id("distance-source")).getText())
                    .isEqualTo("Data from Who's On First. License: https://whosonfirst.org/docs/licenses/");
            assertThat(referral.findElement(By.cssSelector(".deadline")).getText()).startsWith("Trả lời trong");

            // Received: the card says when, in Vietnam's time, and the API agrees.
            assertThat(referral.getAttribute("data-status")).isEqualTo("PENDING");
            assertThat(referral.findElement(By.cssSelector(".received")).getAttribute("data-received"))
                    .isEqualTo("false");
            referral.findElement(By.cssSelector("button.receive")).click();
            patiently.until(ExpectedConditions.attributeToBe(card, "data-status", "RECEIVED"));
            JsonPath received = given().auth().oauth2(stack.token("hospital1"))
                    .get(referralService + "/api/v1/referrals/{id}", referralId).then().statusCode(200).extract()
                    .jsonPath();
            assertThat(received.getString("status")).isEqualTo("RECEIVED");
            Instant receivedAt = Instant.parse(received.getString("receivedAt"));
            WebElement receivedText = page.findElement(card).findElement(By.cssSelector(".received"));
            assertThat(receivedText.getAttribute("data-received")).isEqualTo("true");
            assertThat(receivedText.getText()).startsWith("Đã nhận yêu cầu lúc")
                    .contains(DateTimeFormatter.ofPattern("HH:mm").withZone(VIETNAM).format(receivedAt))
                    .contains(DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(VIETNAM).format(receivedAt));
            assertThat(page.findElement(card).findElement(By.cssSelector("button.receive")).isDisplayed()).isFalse();

            // Refused for "other" without saying why: the API's field error next to the detail; then with a detail.
            new Select(page.findElement(card).findElement(By.name("reason"))).selectByValue("OTHER");
            page.findElement(card).findElement(By.cssSelector("form.reject button")).click();
            String detailError = patiently.until(d -> {
                String shown = d.findElement(card).findElement(By.cssSelector(".error[data-field=detail]")).getText();
                return shown.isBlank() ? null : shown;
            });
            assertThat(detailError).isNotBlank();
            assertThat(page.findElement(card).getAttribute("data-status")).isEqualTo("RECEIVED");
            page.findElement(card).findElement(By.name("detail")).sendKeys("Khoa hô hấp quá tải (e2e)");
            page.findElement(card).findElement(By.cssSelector("form.reject button")).click();
            patiently.until(ExpectedConditions.invisibilityOfElementLocated(card));
            WebElement answered = patiently.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#answered tr[data-case='" + code + "']")));
            assertThat(answered.getAttribute("data-status")).isEqualTo("REJECTED");
            assertThat(answered.getText()).contains("Đã từ chối", "Lý do khác (ghi rõ)", "Khoa hô hấp quá tải (e2e)");
            assertThat(answered.findElement(By.cssSelector("td.distance")).getText())
                    .isEqualTo("cùng quận/huyện với bệnh viện");
            assertThat(given().auth().oauth2(stack.token("hospital1"))
                    .get(referralService + "/api/v1/referrals/{id}", referralId).then().statusCode(200).extract()
                    .<String> path("rejectionReason")).isEqualTo("OTHER");

            // The beds: one count changed on the page is what the API then reports.
            By icuTotalInput = By.cssSelector("#beds tr[data-bed-type=ICU] input[name=total]");
            assertThat(page.findElement(icuTotalInput).getAttribute("value")).isEqualTo(String.valueOf(icuTotal));
            page.findElement(icuTotalInput).clear();
            page.findElement(icuTotalInput).sendKeys(String.valueOf(icuTotal + 1));
            page.findElement(By.id("save-capacity")).click();
            patiently.until(ExpectedConditions.attributeToBe(icuTotalInput, "data-was", String.valueOf(icuTotal + 1)));
            assertThat(hospital(hospitalId).getInt("beds.ICU.total")).isEqualTo(icuTotal + 1);
            assertThat(page.findElement(By.id("capacity-problem")).getText()).isEmpty();
            browser.screenshot("hospital-capacity");

            // Intake paused with a reason, then resumed; the API says so each time.
            By intake = By.id("intake-state");
            assertThat(page.findElement(intake).getAttribute("data-accepting")).isEqualTo("true");
            assertThat(page.findElement(By.id("toggle-accepting")).getText()).isEqualTo("Tạm dừng tiếp nhận");
            page.findElement(By.cssSelector("#accepting [name=reason]")).sendKeys("Hết ô-xy (e2e)");
            page.findElement(By.id("toggle-accepting")).click();
            patiently.until(ExpectedConditions.attributeToBe(intake, "data-accepting", "false"));
            assertThat(page.findElement(intake).getText()).contains("Tạm dừng tiếp nhận", "Hết ô-xy (e2e)");
            JsonPath paused = hospital(hospitalId);
            assertThat(paused.getBoolean("accepting")).isFalse();
            assertThat(paused.getString("pausedReason")).isEqualTo("Hết ô-xy (e2e)");
            assertThat(page.findElement(By.id("toggle-accepting")).getText()).isEqualTo("Tiếp tục tiếp nhận");
            page.findElement(By.id("toggle-accepting")).click();
            patiently.until(ExpectedConditions.attributeToBe(intake, "data-accepting", "true"));
            assertThat(hospital(hospitalId).getBoolean("accepting")).isTrue();

            // English on the page's switch: a label and an enum value from the API change.
            By pageHeading = By.id("hospital-heading");
            assertThat(page.findElement(pageHeading).getText()).isEqualTo("tiếp nhận chuyển viện (bệnh viện)");
            page.findElement(By.id("lang")).click();
            patiently.until(ExpectedConditions.textToBe(pageHeading, "hospital referrals (for hospitals)"));
            assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(page.findElement(By.id("lang")).getText()).isEqualTo("Tiếng Việt");
            assertThat(page.findElement(By.cssSelector("#answered tr[data-case='" + code + "']")).getText())
                    .contains("Rejected");
            assertThat(page.findElement(By.cssSelector("#answered tr[data-case='" + code + "'] td.distance")).getText())
                    .isEqualTo("same district as the hospital");
        } finally {
            freeTheTeamOf(caseId);
            putBack(hospitalId, icuTotal);
        }
    }

    /**
     * A hospital admission also sends a field team: a dispatcher reports its visit done (nobody needed more than the
     * bed), so the team is free for the other tests. Best effort: a case still queued for a team has none to free.
     */
    private static void freeTheTeamOf(UUID caseId) {
        String dispatcher = stack.token("dispatcher1");
        String assignments = stack.url("dispatch-service") + "/api/v1/assignments";
        try {
            String id = await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(dispatcher)
                    .queryParam("caseId", caseId).get(assignments).then().statusCode(200).extract()
                    .<String> path("[0].id"), a -> a != null);
            for (String step : List.of("acceptance", "departure", "arrival")) {
                given().auth().oauth2(dispatcher).contentType(ContentType.JSON).body("{}")
                        .post(assignments + "/{id}/" + step, id);
            }
            given().auth().oauth2(dispatcher).contentType(ContentType.JSON)
                    .body(Map.of("outcome", "RESOLVED_ON_SITE", "returning", false))
                    .post(assignments + "/{id}/completion", id);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("HospitalPageTest: no team was assigned to " + caseId + "; none to free");
        }
    }

    /** The bed count and intake as they were: the other tests route to this hospital. */
    private static void putBack(String hospitalId, int icuTotal) {
        String token = stack.token("hospital1");
        JsonPath now = hospital(hospitalId);
        if (!now.getBoolean("accepting")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("accepting", true))
                    .put(stack.url("referral-service") + "/api/v1/hospitals/{id}/accepting", hospitalId).then()
                    .statusCode(200);
        }
        if (now.getInt("beds.ICU.total") != icuTotal) {
            int free = Math.min(now.getInt("beds.ICU.free"), icuTotal);
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("beds", Map.of("ICU", Map.of("total", icuTotal, "free", free))))
                    .put(stack.url("referral-service") + "/api/v1/hospitals/{id}/capacity", hospitalId).then()
                    .statusCode(200);
        }
    }

    private static JsonPath hospital(String id) {
        return given().auth().oauth2(stack.token("hospital1"))
                .get(stack.url("referral-service") + "/api/v1/hospitals/{id}", id).then().statusCode(200).extract()
                .jsonPath();
    }

    private static String postHospitalCall(String ward) {
        Map<String, Object> call = new HashMap<>();
        call.put("callId", UUID.randomUUID());
        call.put("channel", "PHONE");
        call.put("caller", Map.of("name", "Phạm Thị Lan", "phone", "097" + PHONES.incrementAndGet()));
        call.put("location", Map.of("wardCode", ward, "addressText", "Khu phố 2"));
        call.put("needs", List.of("HOSPITAL_ADMISSION"));
        call.put("householdSize", 3);
        call.put("notes", NOTES);
        call.put("agentId", "agent1");
        return given().auth().oauth2(stack.token("agent1")).contentType(ContentType.JSON).body(call)
                .post(stack.url("intake-service") + "/api/v1/calls").then().statusCode(201).extract().path("code");
    }

    private static UUID caseId(String code) {
        return UUID.fromString(given().auth().oauth2(stack.token("agent1"))
                .get(stack.url("intake-service") + "/api/v1/cases/{code}", code).then().statusCode(200).extract()
                .path("id"));
    }
}

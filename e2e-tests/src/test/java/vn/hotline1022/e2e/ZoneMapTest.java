package vn.hotline1022.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.restassured.http.ContentType;
import vn.hotline1022.localstack.LocalStack;

/**
 * The zone map (/map.html) in a real browser against the whole system: Bình Dương's district outlines drawn offline,
 * a district's wards, a ward set red through the page (intake shows it, the district turns red) and back to green; an
 * agent sees the map without the colour control; the language switch relabels the page.
 */
@ExtendWith(SharedStack.class)
class ZoneMapTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String THUAN_AN = "725";
    private static final String WARD = "25966"; // in Thuận An
    /** Bình Dương's districts with an outline in data/districts.geojson (Bàu Bàng 719, Bắc Tân Uyên 726 have none). */
    private static final List<String> OUTLINED = List.of("718", "720", "721", "722", "723", "724", "725");

    private static LocalStack stack;

    @BeforeAll
    static void useTheSystem() {
        stack = SharedStack.stack();
    }

    @Test
    void opsSetAWardRedOnTheMapAndTheDistrictTurnsRedAnAgentOnlyLooks() {
        assertThat(zoneOf(WARD)).as("ward %s before the test", WARD).isNotEqualTo("RED");
        try (Browser browser = Browser.start()) {
            browser.signIn(stack.consoleUrl() + "/map.html", "ops1", By.cssSelector("body[data-ready=true]"),
                    PATIENCE);
            var patiently = browser.waitUpTo(PATIENCE);
            // Every outlined district of the province is drawn as its own SVG path, named by its code.
            List<WebElement> shapes = browser.driver.findElements(By.cssSelector("path.district[data-district]"));
            assertThat(shapes.stream().map(e -> e.getAttribute("data-district")).toList())
                    .containsExactlyInAnyOrderElementsOf(OUTLINED);
            assertThat(browser.driver.findElement(By.id("attribution")).getText())
                    .contains("Data from Who's On First. License: https://whosonfirst.org/docs/licenses/");
            assertThat(browser.driver.findElement(thuanAn()).getAttribute("data-colour")).isNotEqualTo("RED");

            // Thuận An's wards as a grid, the ward among them.
            browser.driver.findElement(thuanAn()).click();
            WebElement ward = patiently.until(ExpectedConditions.visibilityOfElementLocated(wardCard()));
            assertThat(ward.getText()).isNotBlank();

            setColour(browser, "RED", "e2e: ổ dịch mới");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(zoneOf(WARD)).isEqualTo("RED"));
            patiently.until(ExpectedConditions.attributeToBe(thuanAn(), "data-colour", "RED"));
            assertThat(browser.driver.findElement(thuanAn()).getAttribute("data-red")).isEqualTo("1");
            patiently.until(ExpectedConditions.textToBe(
                    By.cssSelector("#districts tr[data-district='" + THUAN_AN + "'] td.red"), "1"));
            patiently.until(ExpectedConditions.attributeToBe(wardCard(), "data-colour", "RED"));

            // The ward's history shows the change.
            browser.driver.findElement(wardCard()).findElement(By.cssSelector("button.history-toggle")).click();
            patiently.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#wards [data-ward='" + WARD + "'] .history"), "e2e: ổ dịch mới"));
            browser.screenshot("zone-map");

            // The language switch relabels the page (the ward grid's heading among them).
            String heading = browser.driver.findElement(By.id("map-title")).getText();
            browser.driver.findElement(By.id("lang")).click();
            patiently.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("map-title"), heading)));
            assertThat(browser.driver.findElement(By.id("map-title")).getText()).isEqualTo("Zone map by district");
            browser.driver.findElement(By.id("lang")).click(); // back to Vietnamese: the choice stays in this profile only

            // Back to green, so the other tests' dispatch and relief see no lockdown ward.
            setColour(browser, "GREEN", "e2e: hết ổ dịch");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(zoneOf(WARD)).isEqualTo("GREEN"));
            patiently.until(ExpectedConditions.attributeToBe(thuanAn(), "data-colour", "GREEN"));
            assertThat(browser.driver.findElement(thuanAn()).getAttribute("data-red")).isEqualTo("0");
        } finally {
            resetToGreen();
        }

        try (Browser agent = Browser.start()) {
            agent.signIn(stack.consoleUrl() + "/map.html", "agent1", By.cssSelector("body[data-ready=true]"),
                    PATIENCE);
            assertThat(agent.driver.findElements(By.cssSelector("path.district[data-district]"))).hasSize(
                    OUTLINED.size());
            agent.driver.findElement(thuanAn()).click();
            WebElement ward = agent.waitUpTo(PATIENCE)
                    .until(ExpectedConditions.visibilityOfElementLocated(wardCard()));
            assertThat(ward.findElements(By.cssSelector("select[name=colour], button.save"))).isEmpty();
            assertThat(agent.driver.findElement(By.id("ward-note")).getText()).isNotBlank();

            // Ops turn the ward red elsewhere: the agent's open map shows the district red within 5 s, unreloaded.
            try {
                given().auth().oauth2(stack.token("ops1")).contentType(ContentType.JSON)
                        .body("{\"colour\":\"RED\",\"reason\":\"e2e: ổ dịch mới\"}")
                        .put(stack.url("intake-service") + "/api/v1/zones/" + WARD).then().statusCode(200);
                agent.waitUpTo(Duration.ofSeconds(5))
                        .until(ExpectedConditions.attributeToBe(thuanAn(), "data-colour", "RED"));
            } finally {
                resetToGreen();
            }
            agent.waitUpTo(Duration.ofSeconds(5))
                    .until(ExpectedConditions.attributeToBe(thuanAn(), "data-colour", "GREEN"));
        }
    }

    private static By wardCard() {
        return By.cssSelector("#wards [data-ward='" + WARD + "']");
    }

    /** Thuận An's outline on the map (an SVG path drawn by Leaflet). */
    private static By thuanAn() {
        return By.cssSelector("path.district[data-district='" + THUAN_AN + "']");
    }

    private static void setColour(Browser browser, String colour, String reason) {
        // The ward's card is drawn again when its zone changes: found afresh, and a step that lost it is tried again
        // (a stale click never reached the page, so nothing is saved twice).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class).until(() -> {
                    WebElement card = browser.driver.findElement(wardCard());
                    new Select(card.findElement(By.cssSelector("select[name=colour]"))).selectByValue(colour);
                    WebElement why = card.findElement(By.cssSelector("input[name=reason]"));
                    why.clear();
                    why.sendKeys(reason);
                    card.findElement(By.cssSelector("button.save")).click();
                    return true;
                });
    }

    /** The ward's colour as intake answers ops1, or "none" when it has none. */
    private static String zoneOf(String wardCode) {
        List<String> colours = given().auth().oauth2(stack.token("ops1")).queryParam("provinceCode", "74")
                .get(stack.url("intake-service") + "/api/v1/zones").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.wardCode == '" + wardCode + "' }.colour", String.class);
        return colours.isEmpty() ? "none" : colours.get(0);
    }

    /** Whatever happened in the browser, the ward ends green (dispatch and relief read zone colours). */
    private static void resetToGreen() {
        if (!"GREEN".equals(zoneOf(WARD)) && !"none".equals(zoneOf(WARD))) {
            given().auth().oauth2(stack.token("ops1")).contentType(ContentType.JSON)
                    .body("{\"colour\":\"GREEN\",\"reason\":\"e2e: reset\"}")
                    .put(stack.url("intake-service") + "/api/v1/zones/" + WARD).then().statusCode(200);
        }
    }
}

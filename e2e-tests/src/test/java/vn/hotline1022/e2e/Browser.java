package vn.hotline1022.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import vn.hotline1022.infra.Directories;

/**
 * Debian's Chromium, headless, driven through its own chromedriver: nothing is downloaded (tools that fetch their own
 * browser fail on these machines). {@code .ci/run} installs both packages; elsewhere a test using it is skipped with
 * the reason when they are missing.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        try {
            Path profile = Files.createTempDirectory("hotline-chromium-");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
            // Without the background-networking flags Chromium keeps dialling Google, which this network refuses.
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                    "--user-data-dir=" + profile);
            options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page wrote to the browser's console (errors such as refused cross-origin calls among them). */
    String consoleLog() {
        return driver.manage().logs().get("browser").getAll().stream().map(Object::toString)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /**
     * The page as it looks now, in {@code target/screenshots/<name>.png}: the README's pictures of each page are taken
     * from here, so they show what the tests saw.
     */
    void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens {@code url}, fills in Keycloak's sign-in form as a demo user (password: user name + "-demo"), and waits
     * until the page shows {@code ready}; fails with the page's status line and the browser's console otherwise.
     */
    void signIn(String url, String username, org.openqa.selenium.By ready, Duration patience) {
        driver.get(url);
        var patiently = waitUpTo(patience);
        patiently.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                org.openqa.selenium.By.id("username"))).sendKeys(username);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(username + "-demo");
        driver.findElement(org.openqa.selenium.By.id("kc-login")).click();
        try {
            patiently.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(ready));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(url + " did not open for " + username + "\n" + consoleLog(), e);
        }
    }

    /** A wait that looks again when the page redrew the element it had found (the pages redraw rows as they poll). */
    WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    @Override
    public void close() {
        driver.quit();
        Directories.deleteQuietly(profile);
    }
}

package bakery.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages (chromium, chromium-driver), driven by Selenium.
 * No browser is downloaded: `./bakery test` installs both packages on a fresh machine.
 */
final class Browsers {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

    /** How long a person would wait for a page to show something before calling it broken. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private Browsers() {
    }

    static WebDriverWait waiting(WebDriver browser) {
        return new WebDriverWait(browser, PATIENCE);
    }

    /** The element the page marks {@code data-testid=id}, once it is there. */
    static WebElement testId(WebDriver browser, String id) {
        return waiting(browser).until(ExpectedConditions.presenceOfElementLocated(byTestId(id)));
    }

    static By byTestId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Closes every browser that was opened (a failed start leaves some null). */
    static void quit(WebDriver... browsers) {
        for (WebDriver browser : browsers) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    /** On a developer machine without Chromium the browser test is skipped; in CI it must run. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null && !installed) {
            throw new IllegalStateException(
                    "CI needs " + CHROMIUM + " and " + CHROMEDRIVER + ": run ./bakery test, which installs them");
        }
        Assumptions.assumeTrue(installed,
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    }

    /** Keeps what the person saw in target/screenshots, for a look after the run. */
    static void screenshot(WebDriver browser, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(name + ".png"), png);
    }

    static ChromeDriver open() {
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                // No network but loopback here: keep Chromium from reaching out on its own.
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}

package com.tuitionescrow.ledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A real headless Chromium driven through ChromeDriver, one per test class. Both come from the
 * system's packages ({@code apt-get install chromium chromium-driver}, which {@code .ci/run} does);
 * without them the browser tests fail, they do not skip: a console nobody tested is not tested.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("ledger.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("ledger.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** How often a wait looks again: a page drawn in 100 ms is not waited on for 500 (Selenium's default). */
    private static final Duration POLL = Duration.ofMillis(25);

    private final ChromeDriver driver;
    private final Path profile;
    private final int port;

    private Browser(ChromeDriver driver, Path profile, int port) {
        this.driver = driver;
        this.profile = profile;
        this.port = port;
    }

    public static Browser start(int port) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException(
                    "The console's browser tests need Chromium at " + CHROMIUM + " and ChromeDriver at " + CHROMEDRIVER
                            + ": apt-get install -y chromium chromium-driver (.ci/run installs them when missing)");
        }
        try {
            Path profile = Files.createTempDirectory("ledger-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--user-data-dir=" + profile,
                    "--window-size=1600,1000",
                    "--lang=zh-CN");
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options), profile, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page of this service. */
    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * Opens the console signed in with this token, on the page {@code route} (e.g. {@code /journal}), as a
     * user would; {@link #consoleErrors} reports from here on.
     */
    public void signIn(String token, String route) {
        driver.get("about:blank");
        consoleErrors();
        driver.get(url("/console/#token=" + token + "&to=" + route));
    }

    public void go(String path) {
        consoleErrors();
        driver.get(url(path));
    }

    /** Moves to another page of the console, the way a link does; {@link #awaitPage} then waits for it. */
    public void route(String route) {
        script("document.body.dataset.ready = ''; location.hash = arguments[0]", "#" + route);
    }

    /** Draws the page shown again, reading everything afresh; {@link #awaitPage} then waits for it. */
    public void redraw() {
        script("document.body.dataset.ready = ''; window.consoleDrawn = []; window.consoleRedrawn = performance.now();"
                + " window.dispatchEvent(new HashChangeEvent('hashchange'))");
    }

    /** Waits until the console has drawn this page (see app.js: {@code body[data-ready]}). */
    public void awaitPage(String page) {
        waiting().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", page));
    }

    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.pollingEvery(POLL);
        return wait;
    }

    /**
     * Has every document the browser opens from here on note, in {@code window.consoleDrawn}, each page
     * the console draws: its name, and when (by the document's clock, from the navigation's start) the
     * page was built and then painted (the frame after it). {@link #redraw} starts the clock at
     * {@code window.consoleRedrawn}.
     */
    public void timeDrawing() {
        driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.consoleDrawn = [];"
                                + "new MutationObserver(() => {"
                                + "  const page = document.body && document.body.dataset.ready;"
                                + "  if (!page) return;"
                                + "  const built = performance.now();"
                                + "  requestAnimationFrame(() => setTimeout(() =>"
                                + "    window.consoleDrawn.push({page, built, painted: performance.now()})));"
                                + "}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-ready']});"));
    }

    public WebElement find(String css) {
        return waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public void awaitText(String css, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    public void awaitMoreThan(String css, int count) {
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(css), count));
    }

    public void awaitGone(String css) {
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), 0));
    }

    public void click(String css) {
        waiting()
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)))
                .click();
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** A script that answers by calling its last argument, {@code arguments[arguments.length - 1]}. */
    public Object asyncScript(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, arguments);
    }

    /** A call the page itself makes with the token it holds: what anyone at the keyboard could do. */
    public long fetchStatus(String path) {
        Object status = ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0], {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('ledger.console.token')}})"
                                + ".then(r => done(r.status), e => done(-1));",
                        path);
        return ((Number) status).longValue();
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** What the browser's console reported since the last call: errors, and any Content-Security-Policy violation. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()
                        || entry.getMessage().contains("Content Security Policy"))
                .map(LogEntry::getMessage)
                .toList();
    }

    public void screenshot(Path file, int width, int height) {
        try {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}

package dev.frontdesk.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}), driven over WebDriver by
 * Debian's chromedriver: nothing is downloaded by the test tool. Each test gets fresh browsers (their own profile: no
 * shared storage) as parameters; a failing test leaves a screenshot of each in {@code target/browser-failures/}.
 * When the packages are missing they are installed with apt-get (as root, else with {@code sudo -n}); if that fails
 * the test fails: a browser test is never skipped.
 */
final class Browser implements AutoCloseable {

    /** A desktop Chrome's user agent: the services count headless browsers as bots and record nothing of them. */
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/140.0.0.0 Safari/537.36";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private Browser() throws IOException {
        installIfMissing();
        profile = Files.createTempDirectory("frontdesk-browser-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags a closed network needs (no background connections to Google's hosts), and fake media devices
        // so a video room's page does not wait on a camera prompt.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900",
                "--user-agent=" + USER_AGENT, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(20));
    }

    /** Runs a script in the page; {@code arguments[0…]} are the arguments. */
    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Runs an asynchronous script: it ends by calling {@code arguments[arguments.length - 1](result)}. */
    Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /** The widget's shadow root on the page ({@code #frontdesk-widget}), where its prompt and room panel live. */
    SearchContext widget() {
        return driver.findElement(By.id("frontdesk-widget")).getShadowRoot();
    }

    /** Elements by CSS selector in the widget's shadow root; none while the widget has drawn nothing. */
    List<WebElement> inWidget(String css) {
        List<WebElement> hosts = driver.findElements(By.id("frontdesk-widget"));
        return hosts.isEmpty() ? List.of() : hosts.get(0).getShadowRoot().findElements(By.cssSelector(css));
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile.toFile());
        }
    }

    private static void delete(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                delete(child);
            }
        }
        file.delete();
    }

    /**
     * Installs Debian's chromium and chromium-driver once per run when they are not there; waits first for an
     * install already under way (CI starts one while the build runs).
     */
    private static synchronized void installIfMissing() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!installed() && packageManagerBusy() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (installed()) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> prefix = root ? List.of() : List.of("sudo", "-n");
        run(prefix, "apt-get", "update", "-q");
        run(prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "--no-install-recommends",
                "chromium", "chromium-driver");
        if (!installed()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver); installing them failed");
        }
    }

    private static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Whether apt-get or dpkg is running (an install under way holds their lock). */
    private static boolean packageManagerBusy() {
        return ProcessHandle.allProcesses().anyMatch(process -> process.info().command()
                .map(command -> command.endsWith("/apt-get") || command.endsWith("/dpkg") || command.endsWith("/apt"))
                .orElse(false));
    }

    private static void run(List<String> prefix, String... command) throws IOException {
        List<String> line = new ArrayList<>(prefix);
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).inheritIO().start();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fresh browsers for a test's {@code Browser} parameters; after the test, a screenshot of each if it failed, then
     * they close.
     */
    static final class PerTest implements ParameterResolver, AfterTestExecutionCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browser.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Browser.class;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            try {
                Browser browser = new Browser();
                context.getStore(NAMESPACE).computeIfAbsent("browsers", key -> new ArrayList<Browser>(), List.class)
                        .add(browser);
                return browser;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void afterTestExecution(ExtensionContext context) throws Exception {
            List<Browser> browsers = context.getStore(NAMESPACE).remove("browsers", List.class);
            if (browsers == null) {
                return;
            }
            for (int i = 0; i < browsers.size(); i++) {
                Browser browser = browsers.get(i);
                try {
                    if (context.getExecutionException().isPresent()) {
                        browser.screenshot(Path.of("target", "browser-failures", context.getRequiredTestClass()
                                .getSimpleName() + "." + context.getRequiredTestMethod().getName() + "-" + (i + 1) + ".png"));
                    }
                } finally {
                    browser.close();
                }
            }
        }
    }
}

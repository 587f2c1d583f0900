package io.qingstor.installer.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the distribution's packages, driven by Selenium through the packaged
 * chromedriver (never a downloaded one), with a fresh profile and no background traffic. Saves
 * screenshots under {@code target/console-screenshots}.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  private final Path profile;
  private final ChromeDriver driver;

  private Browser(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** Why browser tests cannot run here, or null when Chromium and its driver are installed. */
  static String missing() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      return "no " + CHROMIUM + " or " + CHROMEDRIVER
          + ": install the chromium and chromium-driver packages to run the console's browser tests";
    }
    return null;
  }

  static Browser start() throws IOException {
    Path profile = Files.createTempDirectory("qs-chromium-");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--user-data-dir=" + profile, "--window-size=1100,900");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    try {
      return new Browser(profile, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      delete(profile);
      throw e;
    }
  }

  WebDriver driver() {
    return driver;
  }

  WebElement find(String cssSelector) {
    return driver.findElement(By.cssSelector(cssSelector));
  }

  /** The input of the form field whose request path is {@code path}. */
  WebElement field(String path) {
    return find("[data-field=\"" + path + "\"]");
  }

  /** Replaces the text of the field at {@code path}. */
  void type(String path, String text) {
    WebElement input = field(path);
    input.clear();
    input.sendKeys(text);
  }

  /** Polls until {@code condition} is neither null nor false, within {@code timeout}. */
  <T> T await(Duration timeout, Function<WebDriver, T> condition) {
    // The console redraws parts of a page as a job moves: an element may go stale between two
    // looks, and the next poll finds its successor.
    return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class).until(condition::apply);
  }

  /** Saves a screenshot as {@code target/console-screenshots/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file,
          StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      delete(profile);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp profile is harmless
    }
  }
}

package io.deploychecklist.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser: Debian's Chromium, headless, driven by Debian's ChromeDriver (Selenium
 * downloads nothing), with a profile of its own that is thrown away on close. It saves what it shows
 * under {@code target/browser/}.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path EVIDENCE = Path.of("target", "browser");
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int MAX_HEIGHT = 6000;
  /** How much more height the tallest scrolling pane needs to show all it holds. */
  private static final String HIDDEN_CONTENT_HEIGHT = """
      let hidden = 0;
      for (const element of document.querySelectorAll('*')) {
        const overflow = getComputedStyle(element).overflowY;
        if ((overflow === 'auto' || overflow === 'scroll') && element.clientHeight > 0) {
          hidden = Math.max(hidden, element.scrollHeight - element.clientHeight);
        }
      }
      return hidden;""";
  private static final String NEXT_FRAME =
      "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(done));";

  final String user;
  private final Path profile;
  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private boolean wholeContent;

  private Browser(String user) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("The browser suite needs Debian's Chromium and ChromeDriver: "
          + "apt-get install chromium chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
    }
    this.user = user;
    try {
      this.profile = Files.createTempDirectory("chromium-" + user + "-");
      Files.createDirectories(EVIDENCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Headless as root on a closed network: no sandbox, no GPU, no calls home.
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--window-size=1600,1200", "--lang=en-US");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    this.driver = new ChromeDriver(service, options);
    // Angular re-renders what it shows: an element found a moment ago may be gone; ask again.
    this.wait = new WebDriverWait(driver, PATIENCE);
    this.wait.ignoring(StaleElementReferenceException.class);
    this.wait.ignoring(ElementClickInterceptedException.class);
  }

  static Browser of(String user) {
    return new Browser(user);
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  List<WebElement> findAll(By by) {
    return driver.findElements(by);
  }

  /** The text of the element once it is shown, read again when Angular redrew it meanwhile. */
  String text(By by) {
    return wait.until(driver -> {
      WebElement element = ExpectedConditions.visibilityOfElementLocated(by).apply(driver);
      return element == null ? null : element.getText();
    });
  }

  /** Clicks the element once it can be clicked (again, when Angular redrew it or something covered it). */
  void click(By by) {
    wait.until(driver -> {
      WebElement element = ExpectedConditions.elementToBeClickable(by).apply(driver);
      if (element == null) {
        return null;
      }
      scrollTo(element);
      element.click();
      return true;
    });
  }

  /** Types the text into the input, again until the input holds it (a form redrawn meanwhile loses it). */
  void type(By by, String text) {
    wait.until(driver -> {
      WebElement element = ExpectedConditions.visibilityOfElementLocated(by).apply(driver);
      if (element == null) {
        return false;
      }
      scrollTo(element);
      element.clear();
      element.sendKeys(text);
      return text.equals(element.getDomProperty("value"));
    });
  }

  /** Ticks or unticks a checkbox, reading it again when Angular redrew it meanwhile. */
  void check(By by, boolean ticked) {
    wait.until(driver -> {
      WebElement box = ExpectedConditions.visibilityOfElementLocated(by).apply(driver);
      if (box != null && box.isSelected() != ticked) {
        scrollTo(box);
        box.click();
      }
      return box != null && box.isSelected() == ticked;
    });
  }

  void scrollTo(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    return wait.until(condition);
  }

  String currentUrl() {
    return driver.getCurrentUrl();
  }

  /**
   * Screenshots as tall as the content of the page's scrolling panes (a whole form, not the part in
   * view). Off for Cockpit, whose diagram would grow with the window.
   */
  void screenshotWholeContent() {
    this.wholeContent = true;
  }

  /** A picture of what the browser shows as target/browser/{name}.png. */
  Path screenshot(String name) {
    Path file = EVIDENCE.resolve(name + ".png");
    Dimension size = driver.manage().window().getSize();
    try {
      if (wholeContent) {
        long hidden = ((Number) script(HIDDEN_CONTENT_HEIGHT)).longValue();
        driver.manage().window().setSize(new Dimension(size.width, (int) Math.min(size.height + hidden, MAX_HEIGHT)));
        ((JavascriptExecutor) driver).executeAsyncScript(NEXT_FRAME);
      }
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (wholeContent) {
        driver.manage().window().setSize(size);
      }
    }
    return file;
  }

  /** The page as the browser has it now (after scripts ran), as target/browser/{name}.html. */
  Path pageSource(String name) {
    Path file = EVIDENCE.resolve(name + ".html");
    try {
      Files.writeString(file, driver.getPageSource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * One step of a journey: saves a screenshot when it is done, and when it fails the screenshot and
   * the page source too (as {@code {name}-FAILED}), then fails.
   */
  void step(String name, Runnable actions) {
    try {
      actions.run();
    } catch (RuntimeException | AssertionError failure) {
      try {
        screenshot(name + "-FAILED");
        pageSource(name + "-FAILED");
        consoleLog(name + "-FAILED");
      } catch (RuntimeException unsaved) {
        failure.addSuppressed(unsaved);
      }
      throw failure;
    }
    screenshot(name);
  }

  /** What the page logged to the browser's console, as target/browser/{name}.console.txt. */
  Path consoleLog(String name) {
    Path file = EVIDENCE.resolve(name + ".console.txt");
    try {
      Files.write(file, driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(Object::toString).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A profile left in the temporary directory harms nothing.
    }
  }
}

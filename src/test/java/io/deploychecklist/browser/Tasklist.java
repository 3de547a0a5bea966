package io.deploychecklist.browser;

import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/** Camunda Tasklist as a person uses it: log in, start a process, pick a task from a filter, work on it. */
final class Tasklist {

  private static final By START_PROCESS = By.cssSelector(".start-process-action a");
  private static final By START_BUTTON = By.cssSelector(".modal-footer button.btn-primary");
  private static final By CLAIM = By.cssSelector("button.claim");
  private static final By UNCLAIM = By.cssSelector("button.unclaim");
  private static final By COMPLETE = By.cssSelector(".form-actions button.btn-primary");
  private static final By NOTIFICATION = By.cssSelector(".page-notifications .alert");
  private static final By ERROR = By.cssSelector(".page-notifications .alert-danger, .task-details .alert-danger");
  private static final By NOTIFICATION_CLOSE = By.cssSelector(".page-notifications .alert .close");

  private final Browser browser;
  private final String appUrl;

  private Tasklist(Browser browser, String baseUrl) {
    this.browser = browser;
    this.appUrl = baseUrl + "/camunda/app/tasklist/default/";
  }

  /** Logs the browser's user in with the password; Tasklist is open when it returns. */
  static Tasklist logIn(Browser browser, String baseUrl, String password) {
    Tasklist tasklist = new Tasklist(browser, baseUrl);
    browser.screenshotWholeContent();
    browser.open(tasklist.appUrl);
    Webapps.logIn(browser, password);
    browser.find(START_PROCESS);
    return tasklist;
  }

  /** Start process, then the process by its name: its start form. */
  CamundaForm openStartForm(String processName, String formId) {
    browser.click(START_PROCESS);
    browser.click(By.xpath("//ul[contains(@class,'processes')]//a[normalize-space()='" + processName + "']"));
    return new CamundaForm(browser, formId);
  }

  void clickStart() {
    browser.click(START_BUTTON);
  }

  /** The filter in the left column, by its name. */
  void openFilter(String name) {
    browser.click(By.xpath("//div[contains(@class,'task-filter')]//a[normalize-space(text())='" + name + "']"));
  }

  /**
   * The task of that name of one release, from the list of the open filter: the card shows the
   * release's version (the filters show it for this reason).
   */
  void openTask(String taskName, String version) {
    By card = By.xpath("//li[contains(@class,'task')][.//h4//a[normalize-space()='" + taskName + "']]"
        + "[.//*[contains(@class,'variable')][normalize-space()='" + version + "']]//h4//a");
    browser.click(card);
    browser.find(By.xpath("//section[contains(@class,'task-details') or contains(@class,'task-form')]"
        + "//*[normalize-space()='" + taskName + "']"));
  }

  CamundaForm form(String formId) {
    return new CamundaForm(browser, formId);
  }

  void claim() {
    browser.click(CLAIM);
    browser.waitFor(driver -> browser.findAll(CLAIM).isEmpty());
  }

  /** Gives the task back (the cross next to one's own name): it offers Claim again. */
  void unclaim() {
    browser.click(UNCLAIM);
    browser.find(CLAIM);
  }

  /** Clicks Complete, once Tasklist's notifications no longer cover it. */
  void clickComplete() {
    dismissNotifications();
    browser.click(COMPLETE);
  }

  /** Tasklist offers Complete only for a form that form-js finds valid. */
  boolean completeIsEnabled() {
    // Read again when Angular redraws the button meanwhile.
    return browser.waitFor(driver -> Optional.of(browser.find(COMPLETE).isEnabled())).get();
  }

  /** Closes the notifications in the bottom corner, as a person does when they cover a button. */
  void dismissNotifications() {
    for (WebElement close : browser.findAll(NOTIFICATION_CLOSE)) {
      try {
        if (close.isDisplayed()) {
          close.click();
        }
      } catch (StaleElementReferenceException gone) {
        // It closed by itself meanwhile.
      }
    }
  }

  /** The error Tasklist shows, e.g. when the server refuses a completion; empty when there is none. */
  String error() {
    // Read again when Tasklist redraws its notifications meanwhile.
    return browser.waitFor(driver -> browser.findAll(ERROR).stream().filter(WebElement::isDisplayed)
        .map(WebElement::getText).findFirst().orElse(""));
  }

  /** The notification Tasklist shows, e.g. "The process has been started."; waits for one. */
  String notification() {
    return browser.text(NOTIFICATION);
  }
}

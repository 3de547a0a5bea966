package io.deploychecklist.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Camunda Cockpit as an operator uses it: find a release, read its diagram and variables. */
final class Cockpit {

  private static final Pattern INSTANCE_ID = Pattern.compile("#/process-instance/([^/?]+)");
  private static final By SIGNED_IN = By.cssSelector("li.account.dropdown");
  private static final By DIAGRAM = By.cssSelector(".djs-container svg");
  private static final By RUNNING_BADGES = By.cssSelector(".djs-overlays .badge.instance-count");
  private static final By ADD_VARIABLE = By.cssSelector(".ctn-toolbar a[uib-tooltip='Add a new variable to Process Instance']");
  private static final By SUSPEND = By.cssSelector(".ctn-toolbar a.btn-suspend-action");
  private static final By MODAL_SUBMIT = By.cssSelector(".modal-footer button[type=submit], .modal-footer button.btn-primary");
  private static final By MODAL_ERROR = By.cssSelector(".modal-body .notifications .alert-danger");
  private static final By MODAL_BUTTONS = By.cssSelector(".modal-footer button");

  private final Browser browser;
  private final String appUrl;

  private Cockpit(Browser browser, String baseUrl) {
    this.browser = browser;
    this.appUrl = baseUrl + "/camunda/app/cockpit/default/";
  }

  static Cockpit logIn(Browser browser, String baseUrl, String password) {
    Cockpit cockpit = new Cockpit(browser, baseUrl);
    browser.open(cockpit.appUrl);
    Webapps.logIn(browser, password);
    browser.find(SIGNED_IN);
    return cockpit;
  }

  /** Processes, the process by name, then its instance with that business key. */
  void openInstance(String processName, String businessKey) {
    browser.open(appUrl + "#/processes");
    browser.click(By.xpath("//a[starts-with(@href,'#/process-definition/')][normalize-space()='" + processName + "']"));
    browser.click(By.xpath("//table[contains(@class,'process-instances')]//tr[td[contains(@class,'business-key')]"
        + "[normalize-space()='" + businessKey + "']]/td[contains(@class,'instance-id')]//a"));
    browser.find(DIAGRAM);
  }

  /** Waits until the diagram marks this activity as running (a badge with the count of its instances). */
  void waitUntilRunning(String activityId) {
    browser.find(runningBadge(activityId));
  }

  /** The activities the diagram marks as running. */
  List<String> runningActivities() {
    return browser.findAll(RUNNING_BADGES).stream()
        .filter(WebElement::isDisplayed)
        .map(badge -> badge.findElement(By.xpath("./ancestor::div[@data-container-id][1]")).getAttribute("data-container-id"))
        .toList();
  }

  /**
   * The variables tab narrowed to one variable by name (the search Cockpit keeps in its address):
   * the value as Cockpit shows it.
   */
  String variableValue(String name) {
    Matcher instance = INSTANCE_ID.matcher(browser.currentUrl());
    if (!instance.find()) {
      throw new AssertionError("not on a process instance: " + browser.currentUrl());
    }
    String search = "[{\"type\":\"variableName\",\"operator\":\"eq\",\"value\":\"" + name + "\"}]";
    browser.open(appUrl + "#/process-instance/" + instance.group(1) + "/runtime?tab=variables-tab&searchQuery="
        + URLEncoder.encode(search, StandardCharsets.UTF_8));
    browser.refresh();
    browser.find(DIAGRAM);
    By value = By.xpath("//tr[td[contains(@class,'col-name')][normalize-space()='" + name + "']]/td[contains(@class,'col-value')]");
    return browser.find(value).getText();
  }

  /** Tries to add a variable; returns the error Cockpit shows in the dialog, then closes it. */
  String tryToAddVariable(String name, String value) {
    browser.click(ADD_VARIABLE);
    browser.type(By.id("variableNameId"), name);
    browser.type(By.cssSelector(".modal-dialog textarea#value, .modal-dialog input#value"), value);
    browser.click(MODAL_SUBMIT);
    return errorInDialog();
  }

  /** Tries to suspend the instance; returns the error Cockpit shows in the dialog, then closes it. */
  String tryToSuspend() {
    browser.click(SUSPEND);
    browser.click(MODAL_SUBMIT);
    return errorInDialog();
  }

  private String errorInDialog() {
    String error = browser.find(MODAL_ERROR).getText();
    // After a failure the dialog offers one button to close it ("OK" or "Close").
    browser.waitFor(driver -> browser.findAll(MODAL_BUTTONS).stream()
        .filter(button -> button.isDisplayed() && List.of("OK", "Close").contains(button.getText().trim()))
        .findFirst().orElse(null)).click();
    browser.waitFor(driver -> browser.findAll(By.cssSelector(".modal-dialog")).isEmpty());
    return error;
  }

  private static By runningBadge(String activityId) {
    return By.cssSelector(".djs-overlays[data-container-id='" + activityId + "'] .badge.instance-count");
  }
}

package io.deploychecklist.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Camunda Cockpit as an operator uses it: find a release, read its diagram and variables. */
final class Cockpit {

  private static final By SIGNED_IN = By.cssSelector("li.account.dropdown");
  private static final By VARIABLES_TAB = By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Variables']");
  private static final By ADD_CRITERIA = By.cssSelector("input.main-field[placeholder='Add criteria']");
  private static final By REMOVE_SEARCH = By.cssSelector("[cam-widget-search-pill] a.remove-search");
  private static final By DIAGRAM = By.cssSelector(".djs-container svg");
  /** The diagram's trail: the process, then each subprocess drilled into. */
  private static final By BREADCRUMBS = By.cssSelector(".bjs-breadcrumbs li");
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

  /**
   * From a running call activity of the open instance into the instance it called (the drill-down
   * button on the activity), e.g. from the release into its running phase.
   */
  void openCalledInstance(String callActivityId, String calledProcessName) {
    browser.click(By.cssSelector(".djs-overlays[data-container-id='" + callActivityId + "'] button.bjs-drilldown"));
    browser.find(By.xpath("//*[contains(@class,'breadcrumbs')]//*[normalize-space()='" + calledProcessName + "']"));
    browser.find(DIAGRAM);
    browser.find(RUNNING_BADGES);
  }

  /** Into a collapsed subprocess of the diagram (its drill-down button): the diagram of its insides. */
  void drillInto(String subProcessId) {
    int depth = browser.findAll(BREADCRUMBS).size();
    browser.click(By.cssSelector(".djs-overlays[data-container-id='" + subProcessId + "'] .bjs-drilldown"));
    browser.waitFor(driver -> browser.findAll(BREADCRUMBS).size() > depth);
  }

  /** Waits until the diagram marks this activity as running (a badge with the count of its instances). */
  void waitUntilRunning(String activityId) {
    browser.find(runningBadge(activityId));
  }

  /** The activities the diagram marks as running. */
  List<String> runningActivities() {
    // Read again when Cockpit redraws the overlays meanwhile.
    return browser.waitFor(driver -> browser.findAll(RUNNING_BADGES).stream()
        .filter(WebElement::isDisplayed)
        .map(badge -> badge.findElement(By.xpath("./ancestor::div[@data-container-id][1]")).getAttribute("data-container-id"))
        .toList());
  }

  /** The variables tab searched for one variable by name, as a person types it: its value as shown. */
  String variableValue(String name) {
    browser.click(VARIABLES_TAB);
    while (!browser.findAll(REMOVE_SEARCH).isEmpty()) {
      browser.click(REMOVE_SEARCH);
    }
    browser.click(ADD_CRITERIA);
    browser.type(ADD_CRITERIA, name);
    browser.find(ADD_CRITERIA).sendKeys(Keys.ENTER);
    return browser.text(By.xpath("//tr[td[contains(@class,'col-name')][normalize-space()='" + name + "']]"
        + "/td[contains(@class,'col-value')]"));
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
    String error = browser.text(MODAL_ERROR);
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

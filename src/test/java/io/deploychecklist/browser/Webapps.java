package io.deploychecklist.browser;

import org.openqa.selenium.By;

/** What Tasklist and Cockpit share: the login form. */
final class Webapps {

  private static final By USERNAME = By.cssSelector("input[ng-model='username']");
  private static final By PASSWORD = By.cssSelector("input[ng-model='password']");
  private static final By SUBMIT = By.cssSelector("form button[type='submit']");

  /** Fills the login form the webapp shows with the browser's user and submits it. */
  static void logIn(Browser browser, String password) {
    browser.type(USERNAME, browser.user);
    browser.type(PASSWORD, password);
    browser.click(SUBMIT);
  }

  private Webapps() {}
}

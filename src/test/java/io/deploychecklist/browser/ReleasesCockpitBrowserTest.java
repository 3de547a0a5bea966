package io.deploychecklist.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ResolveBlocker;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.TestPropertySource;

/**
 * The Releases plugin in Cockpit, in Chromium, as an operator reads it: the Releases dashboard, the
 * Checklist tab of a running release, the Checklist of a rolled-back one (an ended release has no
 * runtime view in Cockpit: the dashboard links to the plugin's page of it) and the printable report
 * the Checklist links to. What each shows is checked against the REST API (the release report and
 * the delivery figures over HTTP Basic). The screenshots become the pictures of docs/cockpit.md.
 *
 * <p>Three releases are driven through the engine first, each task completed as a person of its
 * group, with the clock moved over the observation window. The application has a database of its
 * own (the one start-up setting of its own): the dashboard lists every release in the database, and
 * {@link ReleaseJourneyBrowserTest}, run in the same JVM, starts from an empty one.
 */
@Tag("browser")
@TestPropertySource(properties = {
    "spring.datasource.url=jdbc:h2:mem:releases-cockpit-browser;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    // As ReleaseJourneyBrowserTest: a machine busy with a browser must not fail a probe of the demo target.
    "checklist.http.max-latency=15s", "checklist.http.timeout=20s",
    "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=ERROR"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleasesCockpitBrowserTest extends SecuredApplicationTest {

  static final String RELEASED = "3.0.0";
  static final String ROLLED_BACK = "3.1.0";
  static final String RUNNING = "3.2.0";
  static final String PLUGIN = "/camunda/api/cockpit/plugin/releases/default";
  static final Map<String, String> PERSON_OF_GROUP = Map.of(
      ChecklistGroup.DEPLOYMENT_MANAGERS.id, "manager",
      ChecklistGroup.PLATFORM_ENGINEERS.id, "platform",
      ChecklistGroup.SECURITY.id, "security",
      ChecklistGroup.SRE.id, "sre",
      ChecklistGroup.QA.id, "qa",
      ChecklistGroup.TECH_LEADS.id, "techlead",
      ChecklistGroup.PRODUCT_OWNERS.id, "product");
  private static final By DASHBOARD = By.cssSelector("table.releases-dashboard");
  private static final By SECTIONS = By.cssSelector(".release-checklist table.release-sections");

  private Browser browser;
  private int step;

  @BeforeAll
  void driveThreeReleases() throws IOException {
    switchDemoTarget("healthy");
    // Released: through every phase, 24 hours of observation, three sign-offs.
    start(RELEASED);
    workEverything(RELEASED);
    advanceClock(Duration.ofHours(24));
    workEverything(RELEASED);
    assertThat(outcome(RELEASED)).isEqualTo(ProductionDeployment.Outcome.RELEASED);

    // Rolled back: the target fails the probes after the deployment; the rollback plan is worked.
    start(ROLLED_BACK);
    workEverythingBut(ROLLED_BACK, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);
    switchDemoTarget("unhealthy");
    work(openTask(ROLLED_BACK, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE), Map.of());
    switchDemoTarget("healthy");
    advanceClock(Duration.ofMinutes(40));
    workEverything(ROLLED_BACK);
    assertThat(outcome(ROLLED_BACK)).isEqualTo(ProductionDeployment.Outcome.ROLLED_BACK);

    // Running: two sections done, a blocker reported in section 4, the rest waiting for three hours.
    start(RUNNING);
    work(openTask(RUNNING, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION), Map.of());
    work(openTask(RUNNING, PreDeployment.Elements.SECRETS_MANAGEMENT), Map.of());
    Task external = openTask(RUNNING, PreDeployment.Elements.EXTERNAL_SERVICE_VALIDATION);
    as("platform", () -> tasks.complete(external.getId(), Map.of(ResolveBlocker.Vars.BLOCKER_REPORTED, true,
        ResolveBlocker.Vars.BLOCKER_DESCRIPTION, "The payment provider's sandbox answers 503")));
    runDueJobs();
    advanceClock(Duration.ofHours(3));
    browser = Browser.of("operator");
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
    ClockUtil.reset();
  }

  @Test
  @Order(1)
  void theDashboardListsEveryReleaseNewestFirstAsTheRestApiHasThem() {
    Cockpit.logIn(browser, baseUrl(), PASSWORD);
    String name = name("operator-releases-dashboard");
    browser.step(name, () -> {
      WebElement dashboard = browser.find(DASHBOARD);
      browser.waitFor(driver -> browser.findAll(By.cssSelector("table.releases-dashboard tr[data-version]")).size() == 3);
      browser.scrollTo(dashboard);
      List<String> versions = browser.findAll(By.cssSelector("table.releases-dashboard tr[data-version]")).stream()
          .map(row -> row.getAttribute("data-version")).toList();
      assertThat(versions).containsExactly(RUNNING, ROLLED_BACK, RELEASED);
      for (String version : versions) {
        JsonNode report = report(version);
        assertThat(cell(version, "environment")).isEqualTo(report.path("environment").asText());
        assertThat(cell(version, "method")).isEqualTo(report.path("deploymentMethod").asText());
        assertThat(cell(version, "started")).contains("by manager");
        assertThat(cell(version, "outcome")).isEqualTo(report.path("outcome").isNull() ? "running"
            : report.path("outcome").asText().toLowerCase().replace('_', ' '));
        Map<String, Integer> statuses = new HashMap<>(Map.of("PASS", 0, "FAIL", 0, "SKIPPED", 0));
        report.path("checks").forEach(check -> statuses.merge(check.path("status").asText(), 1, Integer::sum));
        statuses.forEach((status, count) -> assertThat(cell(version, "checks")).as(version).contains(count + " " + status));
        assertThat(cell(version, "incidents")).isEqualTo("0");
      }
      assertThat(cell(RUNNING, "phase")).contains("Pre-Deployment Phase (1-2 weeks before)",
          "3. Configuration (platform-engineers), waiting 3 h", "Resolve blocker (deployment-managers)");
      assertThat(cell(ROLLED_BACK, "phase")).startsWith("ended ");

      JsonNode metrics = Rest.application(port, "manager", PASSWORD).get("/api/releases/metrics").json();
      String figures = browser.text(By.cssSelector(".release-delivery"));
      assertThat(figures).contains("Deployments: " + metrics.path("released").asInt() + " (",
          "Change failure rate: " + Math.round(metrics.path("changeFailureRate").asDouble() * 100) + " % ("
              + metrics.path("rolledBack").asInt() + " rolled back)",
          String.format(Locale.ROOT, "Lead time (median): %.1f h", metrics.path("medianLeadTimeHours").asDouble()),
          String.format(Locale.ROOT, "Time to restore (median): %.0f min", metrics.path("medianTimeToRestoreMinutes").asDouble()));
      assertThat(metrics.path("released").asInt()).isEqualTo(1);
      assertThat(metrics.path("rolledBack").asInt()).isEqualTo(1);
    });
    toDocs(name, "cockpit-releases-dashboard.png");

    browser.step(name("operator-releases-running-only"), () -> {
      browser.click(By.cssSelector("button.release-filter[data-filter='running']"));
      browser.waitFor(driver -> browser.findAll(By.cssSelector("table.releases-dashboard tr[data-version]")).size() == 1);
      assertThat(browser.findAll(By.cssSelector("table.releases-dashboard tr[data-version]")).get(0)
          .getAttribute("data-version")).isEqualTo(RUNNING);
      browser.click(By.cssSelector("button.release-filter[data-filter='ended']"));
      browser.waitFor(driver -> browser.findAll(By.cssSelector("table.releases-dashboard tr[data-version]")).size() == 2);
      browser.click(By.cssSelector("button.release-filter[data-filter='all']"));
      browser.waitFor(driver -> browser.findAll(By.cssSelector("table.releases-dashboard tr[data-version]")).size() == 3);
    });
  }

  @Test
  @Order(2)
  void theChecklistTabOfARunningReleaseShowsItsSectionsAndChecks() {
    String name = name("operator-checklist-running");
    browser.step(name, () -> {
      browser.open(baseUrl() + "/camunda/app/cockpit/default/#/dashboard");
      browser.click(By.cssSelector("table.releases-dashboard tr[data-version='" + RUNNING + "'] td.version a"));
      browser.find(SECTIONS);
      assertThat(browser.currentUrl()).contains("/process-instance/" + releaseId(RUNNING) + "/runtime", "tab=release-checklist");
      browser.find(By.xpath("//ul[contains(@class,'nav-tabs')]/li[contains(@class,'active')][normalize-space()='Checklist']"));
      assertThat(sectionCell("1. Infrastructure Preparation", "state")).isEqualTo("done");
      assertThat(sectionCell("1. Infrastructure Preparation", "by")).isEqualTo("platform");
      assertThat(sectionCell("3. Configuration", "state")).isEqualTo("open");
      assertThat(sectionCell("4. External Service Validation", "state")).isEqualTo("blocked");
      assertThat(sectionCell("8. Deployment Execution", "state")).isEqualTo("not started");
      assertThat(browser.findAll(By.cssSelector("table.release-sections tr.section"))).hasSize(18);
      checksAsTheReportHasThem(RUNNING);
    });
    String picture = name("operator-checklist-running-tabs-shown");
    browser.step(picture, () -> {
      // For the picture: the tabs over the whole height, the checklist from its top.
      browser.click(By.cssSelector("a.hide-collapsable.vertical-collapse[title='Show tabs']"));
      browser.scrollTo(browser.waitFor(driver -> driver.findElements(By.cssSelector(".release-checklist h4")).stream()
          .findFirst().orElse(null)));
      assertThat(shown(By.cssSelector(".release-checklist h4"))).startsWith("Release " + RUNNING);
    });
    toDocs(picture, "cockpit-checklist-running.png");
  }

  @Test
  @Order(3)
  void theChecklistOfARolledBackReleaseShowsWhyAndTheReportItLinksTo() {
    String name = name("operator-checklist-rolled-back");
    browser.step(name, () -> {
      browser.open(baseUrl() + "/camunda/app/cockpit/default/#/dashboard");
      browser.click(By.cssSelector("table.releases-dashboard tr[data-version='" + ROLLED_BACK + "'] td.version a"));
      browser.find(SECTIONS);
      JsonNode rollback = report(ROLLED_BACK).path("rollback");
      assertThat(browser.text(By.cssSelector(".release-rollback")))
          .contains("Rolled back: " + ProductionDeployment.Errors.DEPLOYMENT_FAILED, rollback.path("trigger").asText());
      assertThat(sectionCell("8. Deployment Execution", "state")).isEqualTo("done");
      assertThat(sectionCell("Rollback Plan", "state")).isEqualTo("done");
      assertThat(sectionCell("17. Final Sign-Off", "state")).isEqualTo("not started");
      checksAsTheReportHasThem(ROLLED_BACK);
      assertThat(shown(By.cssSelector("table.release-checks tr[data-check='health'] td.status"))).isEqualTo("FAIL");
    });
    toDocs(name, "cockpit-checklist-rolled-back.png");

    String reportStep = name("operator-release-report");
    browser.step(reportStep, () -> {
      WebElement link = browser.waitFor(driver -> driver.findElements(By.cssSelector("a.release-report-link")).stream()
          .findFirst().orElse(null));
      browser.scrollTo(link);
      assertThat(link.getText()).isEqualTo("Printable report");
      String href = link.getAttribute("href");
      assertThat(href).endsWith(PLUGIN + "/releases/" + ROLLED_BACK + "/report");
      browser.open(href);
      JsonNode report = report(ROLLED_BACK);
      assertThat(browser.text(By.tagName("h1"))).isEqualTo("Release " + ROLLED_BACK + ": deployment checklist report");
      String page = browser.text(By.tagName("body"));
      assertThat(page).contains(ProductionDeployment.Errors.DEPLOYMENT_FAILED, "Rollback Plan", "17. Final Sign-Off");
      report.path("checks").forEach(check -> assertThat(page).contains(check.path("name").asText()));
      assertThat(browser.findAll(By.xpath("//h3")).size()).isGreaterThanOrEqualTo(18);
    });
    toDocs(reportStep, "release-report.png");
  }

  // ---- what the pages show

  private String cell(String version, String column) {
    return browser.text(By.cssSelector("table.releases-dashboard tr[data-version='" + version + "'] td." + column));
  }

  private String sectionCell(String section, String column) {
    return shown(By.xpath("//table[contains(@class,'release-sections')]//tr[@data-section=\"" + section
        + "\"]/td[contains(@class,'" + column + "')]"));
  }

  /** Every check of the release with the status the report over the REST API gives it. */
  private void checksAsTheReportHasThem(String version) {
    JsonNode checks = report(version).path("checks");
    assertThat(browser.findAll(By.cssSelector("table.release-checks tbody tr"))).hasSize(checks.size());
    checks.forEach(check -> assertThat(shown(By.cssSelector("table.release-checks tr[data-check='"
        + check.path("name").asText() + "'] td.status"))).as(check.path("name").asText())
        .isEqualTo(check.path("status").asText()));
  }

  /**
   * The text of an element of the plugin's content, scrolled into view first: Cockpit shows a tab
   * in a pane of its own, and what its overflow hides has no text for the browser.
   */
  private String shown(By by) {
    return browser.waitFor(driver -> {
      List<WebElement> found = driver.findElements(by);
      if (found.isEmpty()) {
        return null;
      }
      browser.scrollTo(found.get(0));
      String text = found.get(0).getText();
      return text.isBlank() ? null : text.trim();
    });
  }

  private JsonNode report(String version) {
    return Rest.application(port, "operator", PASSWORD).get("/api/releases/" + version + "/report", "application/json").json();
  }

  // ---- releases, driven through the engine

  /** Started by the deployment manager as Tasklist's start form would (through the engine: a busy machine is slow). */
  private void start(String version) {
    as("manager", () -> runtime.startProcessInstanceByKey(ProductionDeployment.KEY,
        Map.of(ProductionDeployment.Vars.VERSION, version)));
    runDueJobs();
  }

  private void workEverything(String version) {
    workEverythingBut(version);
  }

  /** Completes the release's open tasks as their people, again and again, until only these are left. */
  private void workEverythingBut(String version, String... keep) {
    for (int round = 0; round < 30; round++) {
      List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(version).list().stream()
          .filter(task -> !List.of(keep).contains(task.getTaskDefinitionKey())).toList();
      if (open.isEmpty()) {
        return;
      }
      open.forEach(task -> work(task, answers(task.getTaskDefinitionKey())));
    }
  }

  /** What a person answers beyond the required fields: the deployment verified, every go-live criterion met. */
  private static Map<String, Object> answers(String taskKey) {
    Map<String, Object> answers = new HashMap<>();
    if (taskKey.equals(DeploymentDay.Elements.POST_DEPLOYMENT_VERIFICATION)) {
      answers.put(DeploymentDay.Vars.VERIFICATION_RESULT, DeploymentDay.Values.PASSED);
    } else if (taskKey.equals(PostDeployment.Elements.TECHNICAL_CRITERIA)) {
      PostDeployment.Criteria.TECHNICAL.forEach(criterion -> answers.put(criterion, true));
    } else if (taskKey.equals(PostDeployment.Elements.BUSINESS_CRITERIA)) {
      PostDeployment.Criteria.BUSINESS.forEach(criterion -> answers.put(criterion, true));
    }
    return answers;
  }

  /** The task completed by a person of its group, logged in as Tasklist would have them. */
  private void work(Task task, Map<String, Object> answers) {
    String person = PERSON_OF_GROUP.get(tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).findFirst().orElseThrow());
    Map<String, Object> variables = formAnswers(task, answers);
    tasks.claim(task.getId(), person);
    as(person, () -> tasks.complete(task.getId(), variables));
    runDueJobs();
  }

  /** What the person does, logged in with their groups (the engine checks their authorizations). */
  private void as(String person, Runnable action) {
    identity.setAuthentication(person, identity.createGroupQuery().groupMember(person).list().stream().map(Group::getId).toList());
    try {
      action.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private Object outcome(String version) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(releaseId(version))
        .variableName(ProductionDeployment.Vars.OUTCOME).list().stream().map(variable -> variable.getValue())
        .findFirst().orElse(null);
  }

  private String releaseId(String version) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY)
        .processInstanceBusinessKey(version).singleResult().getId();
  }

  private void advanceClock(Duration duration) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    runDueJobs();
  }

  private void switchDemoTarget(String mode) {
    // Only a deployment manager (or an administrator) may switch it.
    Rest.Reply reply = Rest.application(port, "manager", PASSWORD).put("/demo-target/mode?value=" + mode, null);
    assertThat(reply.status()).as("demo target switched to %s", mode).isEqualTo(200);
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  private String name(String what) {
    return String.format("releases-%02d-%s", ++step, what);
  }

  /** A step's screenshot becomes a picture of docs/cockpit.md. */
  private static void toDocs(String stepName, String picture) {
    try {
      Files.copy(Browser.EVIDENCE.resolve(stepName + ".png"), Path.of("docs", picture), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

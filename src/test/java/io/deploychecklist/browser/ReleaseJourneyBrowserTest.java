package io.deploychecklist.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.RequestRollback;
import io.deploychecklist.process.ResolveBlocker;
import io.deploychecklist.process.Rollback;
import io.deploychecklist.security.SecuredApplicationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;

/**
 * A release as its people live it, in Chromium: the deployment manager starts it from Tasklist's
 * start form, every group works its tasks in Tasklist's Camunda Forms, the operator watches it in
 * Cockpit. The engine's jobs are run by the test, as the job executor would run them. Each step
 * leaves a screenshot under target/browser/.
 */
@Tag("browser")
@TestPropertySource(properties = {
    // Not about latency: a machine busy with a browser must not fail a probe of the demo target.
    "checklist.http.max-latency=15s", "checklist.http.timeout=20s",
    // Selenium warns at each start that it has no DevTools binding for this Chromium: it needs none.
    "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=ERROR"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseJourneyBrowserTest extends SecuredApplicationTest {

  static final String RELEASE = "2.4.0";
  /** Released after 2.4.0; its deployment breaks the target. */
  static final String BROKEN_RELEASE = "2.5.0";
  /** On Kubernetes, planned two days ahead, observed for 48 hours; its go-live needs a second look. */
  static final String PLANNED_RELEASE = "2.6.0";
  /** On Kubernetes; rolled back after go-live criteria are not met, and the service stays down. */
  static final String UNMET_RELEASE = "2.7.0";
  /** Rolled back at a deployment manager's request, sent from Tasklist. */
  static final String REQUESTED_RELEASE = "2.8.0";
  static final String PROCESS_NAME = "Production Deployment";
  static final String REQUEST_ROLLBACK_NAME = "Request a rollback";
  static final String START_FORM = "release-start";
  static final String PRE_DEPLOYMENT_NAME = "Pre-Deployment Phase (1-2 weeks before)";
  static final String DEPLOYMENT_DAY_NAME = "Deployment Phase (Day of deployment)";
  static final String POST_DEPLOYMENT_NAME = "Post-Deployment Phase and Go-Live";
  static final String ROLLBACK_NAME = "Rollback Plan";
  /** Who works on a group's tasks; the waiver is approved by a second deployment manager. */
  static final Map<String, String> PERSON_OF_GROUP = Map.of(
      ChecklistGroup.DEPLOYMENT_MANAGERS.id, "manager",
      ChecklistGroup.PLATFORM_ENGINEERS.id, "platform",
      ChecklistGroup.SECURITY.id, "security",
      ChecklistGroup.SRE.id, "sre",
      ChecklistGroup.QA.id, "qa",
      ChecklistGroup.TECH_LEADS.id, "techlead",
      ChecklistGroup.PRODUCT_OWNERS.id, "product");

  private final Map<String, Browser> browsers = new LinkedHashMap<>();
  private final Map<String, Tasklist> tasklists = new HashMap<>();
  private final Map<String, Cockpit> cockpits = new HashMap<>();
  private final OkHttpClient http = new OkHttpClient();
  /** The forms the journey has seen rendered in Tasklist. */
  private final Set<String> formsShown = new TreeSet<>();
  private int step;

  @AfterAll
  void closeBrowsers() throws IOException {
    browsers.values().forEach(Browser::close);
    ClockUtil.reset();
    switchDemoTarget("healthy");
  }

  @Test
  @Order(1)
  void theDeploymentManagerStartsTheReleaseFromTheStartForm() throws IOException {
    Browser browser = browser("manager");
    Tasklist tasklist = tasklist("manager");
    CamundaForm start = tasklist.openStartForm(PROCESS_NAME, START_FORM);
    browser.step(name("manager-start-form"), start::showsItsItems);
    formsShown.add(START_FORM);

    browser.step(name("manager-start-without-version"), () -> {
      tasklist.clickStart();
      assertThat(start.errorOf(ProductionDeployment.Vars.VERSION)).isEqualTo("Field is required.");
      assertThat(history.createHistoricProcessInstanceQuery().count()).as("releases started").isZero();
    });

    // The target fails its health check before the deployment: the review of failed checks follows.
    switchDemoTarget("unhealthy");
    browser.step(name("manager-release-started"), () -> {
      start.answer(ProductionDeployment.Vars.VERSION, RELEASE);
      tasklist.clickStart();
      assertThat(tasklist.notification()).contains("The process has been started");
      assertThat(runningReleases(RELEASE)).isEqualTo(1);
    });
    runDueJobs();
    switchDemoTarget("healthy");
    assertThat(openTaskKeys()).contains(PreDeployment.Elements.REVIEW_FAILED_CHECKS);

    Browser operator = browser("operator");
    Cockpit cockpit = cockpit("operator");
    operator.step(name("operator-cockpit-pre-deployment"), () -> {
      openPhase(cockpit, RELEASE, ProductionDeployment.Elements.PRE_DEPLOYMENT, PRE_DEPLOYMENT_NAME);
      assertThat(cockpit.runningActivities()).contains(PreDeployment.Elements.REVIEW_FAILED_CHECKS,
          drawnAs(PreDeployment.Elements.INFRASTRUCTURE_PREPARATION), drawnAs(PreDeployment.Elements.TESTING));
    });
    operator.step(name("operator-cockpit-automated-checks"),
        () -> cockpit.drillInto(PreDeployment.Elements.AUTOMATED_CHECKS));
  }

  @Test
  @Order(2)
  void aTaskIsGivenBackAndARequiredItemLeftEmptyKeepsTheFormFromSubmitting() {
    Task infrastructure = openTask(RELEASE, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);
    Browser browser = browser("platform");
    Tasklist tasklist = tasklist("platform");
    String formId = formId(infrastructure);
    String evidenceStep = name("platform-" + formId);
    browser.step(evidenceStep, () -> {
      tasklist.openFilter(filterOf(ChecklistGroup.PLATFORM_ENGINEERS));
      tasklist.openTask(infrastructure.getName(), RELEASE);
      tasklist.form(formId).showsItsItems();
      formsShown.add(formId);
      // The evidence beside the ticks is the engine's: status and observed value of check_dns.
      SpinJsonNode dns = ((JsonValue) runtime.getVariableTyped(infrastructure.getProcessInstanceId(), "check_dns")).getValue();
      browser.waitFor(driver -> tasklist.form(formId).text().contains(dns.prop("observed").stringValue()));
      assertThat(tasklist.form(formId).text()).contains("Checked automatically", "dns " + dns.prop("status").stringValue(),
          "redis SKIPPED");
      tasklist.claim();
      tasklist.unclaim();
      assertThat(tasklist.error()).isEmpty();
      assertThat(tasks.createTaskQuery().taskId(infrastructure.getId()).singleResult().getAssignee()).isNull();
    });
    browser.step(name("platform-" + formId + "-claimed"), () -> {
      tasklist.claim();
      tasklist.form(formId).answerAllRequired(Map.of());
    });
    browser.step(name("platform-" + formId + "-item-missing"), () -> {
      CamundaForm form = tasklist.form(formId);
      form.answer("firewallRulesConfigured", false);
      assertThat(form.errorOf("firewallRulesConfigured")).isEqualTo("Field is required.");
      assertThat(tasklist.completeIsEnabled()).as("Complete offered with a required item empty").isFalse();
      assertThat(isOpen(infrastructure)).as("task still open").isTrue();
    });
    browser.step(name("platform-" + formId + "-completed"), () -> {
      tasklist.form(formId).answer("firewallRulesConfigured", true);
      completeAndWait(browser, tasklist, infrastructure);
    });
    assertThat(history.createHistoricTaskInstanceQuery().taskId(infrastructure.getId()).singleResult().getAssignee())
        .isEqualTo("platform");
    runDueJobs();
    toDocs(evidenceStep, "tasklist-checklist-form.png");
  }

  @Test
  @Order(3)
  void theSectionsAreWorkedByTheirGroupsAndAWaiverNeedsASecondDeploymentManager() {
    work(PreDeployment.Elements.SECRETS_MANAGEMENT, Map.of());
    work(PreDeployment.Elements.REVIEW_FAILED_CHECKS, orderedAnswers(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, PreDeployment.Decision.WAIVE,
        PreDeployment.Vars.WAIVER_REASON, "The health endpoint was down for a planned restart; it answers again."));
    workAs("manager2", PreDeployment.Elements.APPROVE_WAIVER,
        Map.of(PreDeployment.Vars.WAIVER_APPROVAL, PreDeployment.WaiverApproval.APPROVE));
    for (String section : List.of(PreDeployment.Elements.CONFIGURATION, PreDeployment.Elements.EXTERNAL_SERVICE_VALIDATION,
        PreDeployment.Elements.MONITORING_OBSERVABILITY, PreDeployment.Elements.TESTING)) {
      work(section, Map.of());
    }
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(releaseId(RELEASE))
        .variableName(PreDeployment.Vars.WAIVER_DECIDED_BY).singleResult().getValue()).isEqualTo("manager2");

    work(DeploymentDay.Elements.PRE_DEPLOYMENT_VERIFICATION, Map.of());
    Browser operator = browser("operator");
    Cockpit cockpit = cockpit("operator");
    operator.step(name("operator-cockpit-deployment-day"), () -> {
      openPhase(cockpit, RELEASE, ProductionDeployment.Elements.DEPLOYMENT_DAY, DEPLOYMENT_DAY_NAME);
      assertThat(cockpit.runningActivities()).containsExactly(DeploymentDay.Elements.DEPLOYMENT_EXECUTION);
    });
    operator.step(name("operator-cockpit-deployment-execution"), () -> {
      cockpit.drillInto(DeploymentDay.Elements.DEPLOYMENT_EXECUTION);
      cockpit.drillInto(DeploymentDay.Elements.DEPLOYMENT_EXECUTION_SECTION);
      cockpit.waitUntilRunning(drawnAs(DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE));
    });
    work(DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE, Map.of());
    operator.step(name("operator-cockpit-deployment-verification"), () -> {
      openPhase(cockpit, RELEASE, ProductionDeployment.Elements.DEPLOYMENT_DAY, DEPLOYMENT_DAY_NAME);
      cockpit.drillInto(DeploymentDay.Elements.DEPLOYMENT_EXECUTION);
      cockpit.drillInto(DeploymentDay.Elements.VERIFICATION_SECTION);
      cockpit.waitUntilRunning(drawnAs(DeploymentDay.Elements.POST_DEPLOYMENT_VERIFICATION));
    });
    work(DeploymentDay.Elements.POST_DEPLOYMENT_VERIFICATION,
        Map.of(DeploymentDay.Vars.VERIFICATION_RESULT, DeploymentDay.Values.PASSED));
    work(DeploymentDay.Elements.MONITORING_VERIFICATION, Map.of());
    work(DeploymentDay.Elements.DOCUMENTATION, Map.of());
    assertThat(openTaskKeys()).containsExactlyInAnyOrder(PostDeployment.Elements.OPTIMIZATION,
        PostDeployment.Elements.SECURITY, PostDeployment.Elements.BACKUP_VERIFICATION);
  }

  @Test
  @Order(4)
  void theOperatorWatchesTheReleaseInCockpitAndCannotChangeIt() {
    String release = releaseId(RELEASE);
    Browser browser = browser("operator");
    Cockpit cockpit = cockpit("operator");
    operatorSeesOnlyRunning("operator-cockpit-release-running", RELEASE, ProductionDeployment.Elements.POST_DEPLOYMENT);
    browser.step(name("operator-cockpit-evidence"), () ->
        assertThat(cockpit.variableValue("check_" + DeploymentDay.Checks.HEALTH))
            .contains("\"check\":\"health\"", "\"status\":\"PASS\"", "/demo-target/health"));
    browser.step(name("operator-cockpit-changes-refused"), () -> {
      assertThat(cockpit.tryToAddVariable("changedByOperator", "\"yes\""))
          .contains("operator may not set execution variables", "only the administrator");
      assertThat(cockpit.tryToSuspend()).contains("operator may not", "suspend", "only the administrator");
    });
    browser.step(name("operator-cockpit-post-deployment"), () -> {
      cockpit.openCalledInstance(ProductionDeployment.Elements.POST_DEPLOYMENT, POST_DEPLOYMENT_NAME);
      assertThat(cockpit.runningActivities()).containsExactly(PostDeployment.Elements.OBSERVATION_WINDOW);
    });
    browser.step(name("operator-cockpit-observation-window"), () -> {
      cockpit.drillInto(PostDeployment.Elements.OBSERVATION_WINDOW);
      cockpit.waitUntilRunning(drawnAs(PostDeployment.Elements.OPTIMIZATION));
      assertThat(cockpit.runningActivities()).contains(drawnAs(PostDeployment.Elements.OPTIMIZATION),
          drawnAs(PostDeployment.Elements.SECURITY), drawnAs(PostDeployment.Elements.BACKUP_VERIFICATION));
    });
    assertThat(runtime.getVariable(release, "changedByOperator")).isNull();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(release).active().count()).isOne();
  }

  @Test
  @Order(5)
  void theReleaseGoesLiveWithThreeSignOffs() {
    work(PostDeployment.Elements.OPTIMIZATION, Map.of());
    work(PostDeployment.Elements.SECURITY, Map.of());
    work(PostDeployment.Elements.BACKUP_VERIFICATION, Map.of());
    advanceClock(Duration.ofHours(24));
    work(PostDeployment.Elements.MONITORING_VALIDATION, Map.of());
    // The health re-checks of the window measured "all services healthy": the form says so, ticked.
    workAs("techlead", RELEASE, PostDeployment.Elements.TECHNICAL_CRITERIA, ticked(PostDeployment.Criteria.TECHNICAL),
        form -> assertThat(form.text()).contains("Measured by the release's own checks", "observationHealth PASS"));
    toDocs(latestStep("techlead-technical-criteria"), "tasklist-measured-criteria.png");
    work(PostDeployment.Elements.BUSINESS_CRITERIA, ticked(PostDeployment.Criteria.BUSINESS));
    work(PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER, Map.of());
    work(PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD, Map.of());
    work(PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER, Map.of());
    assertThat(runningReleases(RELEASE)).isZero();
    assertThat(outcome(RELEASE)).isEqualTo(ProductionDeployment.Outcome.RELEASED);
  }

  @Test
  @Order(6)
  void aTargetThatTurnsUnhealthyDuringTheDeploymentShowsTheReleaseInRollback() throws IOException {
    assertThat(startRelease("manager", Map.of(ProductionDeployment.Vars.VERSION, BROKEN_RELEASE)).status()).isEqualTo(200);
    runDueJobs();
    completeOpenTasksExcept(BROKEN_RELEASE, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);
    switchDemoTarget("unhealthy");
    completeWithAnswers(openTask(BROKEN_RELEASE, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE), Map.of());

    Browser browser = browser("operator");
    Cockpit cockpit = cockpit("operator");
    operatorSeesOnlyRunning("operator-cockpit-release-in-rollback", BROKEN_RELEASE, ProductionDeployment.Elements.ROLLBACK);
    browser.step(name("operator-cockpit-rollback-reason"), () -> {
      assertThat(cockpit.variableValue(ProductionDeployment.Vars.ROLLBACK_TRIGGER))
          .isEqualTo(ProductionDeployment.Errors.DEPLOYMENT_FAILED);
      assertThat(cockpit.variableValue("check_" + DeploymentDay.Checks.HEALTH))
          .contains("\"status\":\"FAIL\"", "HTTP 503");
    });
    browser.step(name("operator-cockpit-rollback-plan"), () -> {
      cockpit.openCalledInstance(ProductionDeployment.Elements.ROLLBACK, ROLLBACK_NAME);
      assertThat(cockpit.runningActivities()).containsExactly(Rollback.Elements.EMERGENCY_ROLLBACK);
    });
    browser.step(name("operator-cockpit-emergency-rollback"), () -> {
      cockpit.drillInto(Rollback.Elements.EMERGENCY_ROLLBACK);
      cockpit.waitUntilRunning(drawnAs(Rollback.Elements.ROLLBACK_DOCKER_COMPOSE));
    });

    // The previous version is back: the rollback plan's tasks, in Tasklist.
    switchDemoTarget("healthy");
    work(BROKEN_RELEASE, Rollback.Elements.ROLLBACK_DOCKER_COMPOSE, Map.of("previousVersion", RELEASE));
    work(BROKEN_RELEASE, Rollback.Elements.NOTIFY_STAKEHOLDERS, Map.of());
    work(BROKEN_RELEASE, Rollback.Elements.INCIDENT_REPORT, Map.of());
    work(BROKEN_RELEASE, Rollback.Elements.ROOT_CAUSE_FIX_PLAN, Map.of());
    work(BROKEN_RELEASE, Rollback.Elements.SCHEDULE_REDEPLOYMENT, Map.of());
    assertThat(outcome(BROKEN_RELEASE)).isEqualTo(ProductionDeployment.Outcome.ROLLED_BACK);
  }

  @Test
  @Order(7)
  void aKubernetesReleaseWaitsForItsDateAndItsWindowAndItsLateSignOffsAreFollowedUp() {
    // On the hour: the start form offers times in steps of 15 minutes.
    Date planned = Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS));
    Browser browser = browser("manager");
    Tasklist tasklist = tasklist("manager");
    browser.step(name("manager-start-form-kubernetes"), () -> {
      CamundaForm start = tasklist.openStartForm(PROCESS_NAME, START_FORM);
      start.showsItsItems();
      start.answer(ProductionDeployment.Vars.VERSION, PLANNED_RELEASE)
          .answer(ProductionDeployment.Vars.DEPLOYMENT_METHOD, ProductionDeployment.Values.KUBERNETES)
          .answer(ProductionDeployment.Vars.OBSERVATION_HOURS, 48)
          .answer(ProductionDeployment.Vars.DEPLOYMENT_DATE, planned.toInstant().toString());
      tasklist.clickStart();
      browser.waitFor(driver -> runningReleases(PLANNED_RELEASE) == 1);
    });
    String release = releaseId(PLANNED_RELEASE);
    assertThat(runtime.getVariable(release, ProductionDeployment.Vars.DEPLOYMENT_METHOD))
        .isEqualTo(ProductionDeployment.Values.KUBERNETES);
    assertThat(((Number) runtime.getVariable(release, ProductionDeployment.Vars.OBSERVATION_HOURS)).intValue())
        .isEqualTo(48);

    // Pre-deployment done, the release waits for its date.
    runDueJobs();
    completeOpenTasksExcept(PLANNED_RELEASE);
    assertThat(management.createJobQuery().processInstanceId(release)
        .activityId(ProductionDeployment.Elements.DEPLOYMENT_DATE_TIMER).singleResult().getDuedate()).isEqualTo(planned);
    Browser operator = browser("operator");
    Cockpit cockpit = cockpit("operator");
    operatorSeesOnlyRunning("operator-cockpit-waiting-for-deployment-date", PLANNED_RELEASE,
        ProductionDeployment.Elements.DEPLOYMENT_DATE_TIMER);
    clockAt(planned);
    completeOpenTasksExcept(PLANNED_RELEASE, DeploymentDay.Elements.DEPLOY_KUBERNETES);
    work(PLANNED_RELEASE, DeploymentDay.Elements.DEPLOY_KUBERNETES, Map.of());

    // Observed for 48 hours, not 24.
    completeOpenTasksExcept(PLANNED_RELEASE);
    advanceClock(Duration.ofHours(24));
    assertThat(openTaskKeys(PLANNED_RELEASE)).isEmpty();
    advanceClock(Duration.ofHours(24));
    completeWithAnswers(openTask(PLANNED_RELEASE, PostDeployment.Elements.MONITORING_VALIDATION), Map.of());

    // A criterion is not met: the deployment manager reads why and has them assessed again.
    Map<String, Object> noCriticalBugsUnsure = ticked(PostDeployment.Criteria.TECHNICAL);
    noCriticalBugsUnsure.put(PostDeployment.Criteria.NO_CRITICAL_BUGS, false);
    work(PLANNED_RELEASE, PostDeployment.Elements.TECHNICAL_CRITERIA, noCriticalBugsUnsure);
    completeWithAnswers(openTask(PLANNED_RELEASE, PostDeployment.Elements.BUSINESS_CRITERIA),
        ticked(PostDeployment.Criteria.BUSINESS));
    operator.step(name("operator-cockpit-go-live-criteria-not-met"), () -> {
      openPhase(cockpit, PLANNED_RELEASE, ProductionDeployment.Elements.POST_DEPLOYMENT, POST_DEPLOYMENT_NAME);
      cockpit.drillInto(PostDeployment.Elements.GO_LIVE_CRITERIA);
      cockpit.waitUntilRunning(PostDeployment.Elements.GO_LIVE_NOT_MET);
    });
    Object reason = tasks.getVariable(openTask(PLANNED_RELEASE, PostDeployment.Elements.GO_LIVE_NOT_MET).getId(),
        PostDeployment.Vars.GO_LIVE_REASON);
    assertThat(reason).isNotNull();
    workAs("manager", PLANNED_RELEASE, PostDeployment.Elements.GO_LIVE_NOT_MET,
        Map.of(PostDeployment.Vars.GO_LIVE_NOT_MET_DECISION, PostDeployment.Decision.REASSESS),
        form -> assertThat(form.text()).contains(PLANNED_RELEASE, reason.toString()));
    completeWithAnswers(openTask(PLANNED_RELEASE, PostDeployment.Elements.TECHNICAL_CRITERIA),
        ticked(PostDeployment.Criteria.TECHNICAL));
    completeWithAnswers(openTask(PLANNED_RELEASE, PostDeployment.Elements.BUSINESS_CRITERIA),
        ticked(PostDeployment.Criteria.BUSINESS));

    // One sign-off in time; the deadline passes, the two late ones are raised and followed up.
    work(PLANNED_RELEASE, PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD, Map.of());
    advanceClock(Duration.ofHours(8).plusMinutes(1));
    List<String> late = List.of(PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER,
        PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER);
    late.forEach(key -> assertThat(openTask(PLANNED_RELEASE, key).getPriority()).as("priority of %s", key)
        .isGreaterThan(75));
    operator.step(name("operator-cockpit-sign-offs-overdue"), () -> {
      openPhase(cockpit, PLANNED_RELEASE, ProductionDeployment.Elements.POST_DEPLOYMENT, POST_DEPLOYMENT_NAME);
      cockpit.drillInto(PostDeployment.Elements.FINAL_SIGN_OFF);
      cockpit.waitUntilRunning(PostDeployment.Elements.FOLLOW_UP_OVERDUE_SIGN_OFFS);
      assertThat(cockpit.runningActivities()).contains(late.toArray(String[]::new))
          .doesNotContain(PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD);
    });
    workAs("manager", PLANNED_RELEASE, PostDeployment.Elements.FOLLOW_UP_OVERDUE_SIGN_OFFS, Map.of(), form ->
        assertThat(form.text()).contains("Deployment Manager sign-off", "Product Owner sign-off")
            .doesNotContain("Technical Lead sign-off"));
    late.forEach(key -> work(PLANNED_RELEASE, key, Map.of()));
    assertThat(outcome(PLANNED_RELEASE)).isEqualTo(ProductionDeployment.Outcome.RELEASED);
  }

  @Test
  @Order(8)
  void aRollbackThatLeavesTheServiceDownHasItRestoredBeforeTheRollbackEnds() throws IOException {
    assertThat(startRelease("manager", Map.of(ProductionDeployment.Vars.VERSION, UNMET_RELEASE,
        ProductionDeployment.Vars.DEPLOYMENT_METHOD, ProductionDeployment.Values.KUBERNETES)).status()).isEqualTo(200);
    runDueJobs();
    completeOpenTasksExcept(UNMET_RELEASE);
    advanceClock(Duration.ofHours(24));
    completeOpenTasksExcept(UNMET_RELEASE, PostDeployment.Elements.TECHNICAL_CRITERIA);
    Map<String, Object> backupsFailed = ticked(PostDeployment.Criteria.TECHNICAL);
    backupsFailed.put(PostDeployment.Criteria.BACKUPS_SUCCESSFUL, false);
    completeWithAnswers(openTask(UNMET_RELEASE, PostDeployment.Elements.TECHNICAL_CRITERIA), backupsFailed);

    // The deployment manager rolls back (the reason field shows once "roll back" is picked); the
    // previous version does not come up at first.
    String why = "Last night's backup failed; no go-live without one.";
    workAs("manager", UNMET_RELEASE, PostDeployment.Elements.GO_LIVE_NOT_MET, orderedAnswers(
        PostDeployment.Vars.GO_LIVE_NOT_MET_DECISION, PostDeployment.Decision.ROLLBACK,
        ProductionDeployment.Vars.ROLLBACK_REASON, why));
    assertThat(rollbackReason(UNMET_RELEASE)).isEqualTo(why);
    switchDemoTarget("unhealthy");
    work(UNMET_RELEASE, Rollback.Elements.ROLLBACK_KUBERNETES, Map.of("previousVersion", PLANNED_RELEASE));

    Browser browser = browser("operator");
    Cockpit cockpit = cockpit("operator");
    browser.step(name("operator-cockpit-rollback-requested"), () -> {
      cockpit.openInstance(PROCESS_NAME, UNMET_RELEASE);
      cockpit.waitUntilRunning(ProductionDeployment.Elements.ROLLBACK);
      assertThat(cockpit.variableValue(ProductionDeployment.Vars.ROLLBACK_TRIGGER))
          .isEqualTo(ProductionDeployment.Errors.ROLLBACK_REQUESTED);
    });
    browser.step(name("operator-cockpit-rollback-health-failed"), () -> {
      // The rollback plan's evidence is on its own instance until it ends.
      cockpit.openCalledInstance(ProductionDeployment.Elements.ROLLBACK, ROLLBACK_NAME);
      assertThat(cockpit.variableValue("check_" + Rollback.Checks.ROLLBACK_HEALTH)).contains("\"status\":\"FAIL\"");
    });
    browser.step(name("operator-cockpit-restore-service"), () -> {
      cockpit.drillInto(Rollback.Elements.EMERGENCY_ROLLBACK);
      cockpit.waitUntilRunning(Rollback.Elements.RESTORE_SERVICE);
    });

    switchDemoTarget("healthy");
    work(UNMET_RELEASE, Rollback.Elements.RESTORE_SERVICE, Map.of());
    browser.step(name("operator-cockpit-post-rollback-actions"), () -> {
      openPhase(cockpit, UNMET_RELEASE, ProductionDeployment.Elements.ROLLBACK, ROLLBACK_NAME);
      cockpit.drillInto(Rollback.Elements.POST_ROLLBACK_ACTIONS);
      cockpit.waitUntilRunning(Rollback.Elements.NOTIFY_STAKEHOLDERS);
      assertThat(cockpit.runningActivities()).containsExactlyInAnyOrder(Rollback.Elements.NOTIFY_STAKEHOLDERS,
          Rollback.Elements.INCIDENT_REPORT);
    });
    completeOpenTasksExcept(UNMET_RELEASE);
    assertThat(outcome(UNMET_RELEASE)).isEqualTo(ProductionDeployment.Outcome.ROLLED_BACK);
  }

  @Test
  @Order(9)
  void aDeploymentManagerRequestsARollbackFromTasklistsStartForm() {
    assertThat(startRelease("manager", Map.of(ProductionDeployment.Vars.VERSION, REQUESTED_RELEASE)).status())
        .isEqualTo(200);
    runDueJobs();
    reportABlockerAndWaiveIt();
    completeOpenTasksExcept(REQUESTED_RELEASE, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);

    Browser browser = browser("manager");
    Tasklist tasklist = tasklist("manager");
    CamundaForm request = tasklist.openStartForm(REQUEST_ROLLBACK_NAME, RequestRollback.KEY);
    String requestStep = name("manager-request-rollback-form");
    browser.step(requestStep, request::showsItsItems);
    toDocs(requestStep, "tasklist-request-rollback.png");
    formsShown.add(RequestRollback.KEY);
    browser.step(name("manager-rollback-requested"), () -> {
      request.answer(RequestRollback.Vars.VERSION, REQUESTED_RELEASE);
      request.answer(RequestRollback.Vars.ROLLBACK_REASON, "Customers report duplicate emails");
      tasklist.clickStart();
      assertThat(tasklist.notification()).contains("The process has been started");
    });
    runDueJobs();
    assertThat(releaseVariable(REQUESTED_RELEASE, ProductionDeployment.Vars.ROLLBACK_TRIGGER))
        .isEqualTo(ProductionDeployment.Errors.ROLLBACK_REQUESTED);
    assertThat(rollbackReason(REQUESTED_RELEASE)).isEqualTo("Customers report duplicate emails");
    completeOpenTasksExcept(REQUESTED_RELEASE);
    assertThat(outcome(REQUESTED_RELEASE)).isEqualTo(ProductionDeployment.Outcome.ROLLED_BACK);
  }

  /**
   * In section 1 of the release, the platform engineer says something is not right: the items
   * disappear, a description is asked for, and the section goes to the deployment managers, who
   * waive it with a second manager's approval.
   */
  private void reportABlockerAndWaiveIt() {
    Task section = openTask(REQUESTED_RELEASE, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);
    String formId = formId(section);
    Browser platform = browser("platform");
    Tasklist tasklist = tasklist("platform");
    String reportStep = name("platform-report-blocker");
    platform.step(reportStep, () -> {
      tasklist.openFilter(filterOf(ChecklistGroup.PLATFORM_ENGINEERS));
      tasklist.openTask(section.getName(), REQUESTED_RELEASE);
      tasklist.claim();
      CamundaForm form = tasklist.form(formId);
      assertThat(form.shows("networkConfigurationCompleted")).isTrue();
      form.answer(ResolveBlocker.Vars.BLOCKER_REPORTED, true);
      form.answer(ResolveBlocker.Vars.BLOCKER_DESCRIPTION, "The load balancer is missing in eu-west-1");
      assertThat(form.shows("networkConfigurationCompleted")).as("no ticks needed").isFalse();
    });
    platform.step(name("platform-blocker-reported"), () -> completeAndWait(platform, tasklist, section));
    toDocs(reportStep, "tasklist-report-blocker.png");
    runDueJobs();

    workAs("manager", REQUESTED_RELEASE, ResolveBlocker.Elements.RESOLVE_BLOCKER, orderedAnswers(
        ResolveBlocker.Vars.BLOCKER_DECISION, ResolveBlocker.Decision.WAIVE,
        PreDeployment.Vars.WAIVER_REASON, "The old load balancer carries this release"),
        form -> {
          assertThat(form.text()).contains("platform", "1. Infrastructure Preparation");
          assertThat(form.shownValue(ResolveBlocker.Vars.BLOCKER_DESCRIPTION))
              .isEqualTo("The load balancer is missing in eu-west-1");
        });
    toDocs(latestStep("manager-resolve-blocker"), "tasklist-resolve-blocker.png");
    workAs("manager2", REQUESTED_RELEASE, ResolveBlocker.Elements.APPROVE_WAIVER,
        Map.of(PreDeployment.Vars.WAIVER_APPROVAL, PreDeployment.WaiverApproval.APPROVE));
    assertThat(openTask(REQUESTED_RELEASE, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION)).as("waived").isNull();
    assertThat(openTask(REQUESTED_RELEASE, ResolveBlocker.Elements.RESOLVE_BLOCKER)).isNull();
  }

  @Test
  @Order(10)
  void everyFormOfTheProcessesWasShownInTheBrowser() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      List<String> forms = files.map(file -> file.getFileName().toString().replaceFirst("\\.form$", "")).sorted().toList();
      assertThat(formsShown).containsExactlyElementsOf(forms);
    }
  }

  // ---- a task, worked by its group in Tasklist

  private void work(String taskKey, Map<String, ?> answers) {
    work(RELEASE, taskKey, answers);
  }

  private void work(String version, String taskKey, Map<String, ?> answers) {
    Task task = openTask(version, taskKey);
    assertThat(task).as("open task %s of release %s, among %s (rollback reason: %s)", taskKey, version,
        openTaskKeys(version), rollbackReason(version)).isNotNull();
    workAs(PERSON_OF_GROUP.get(candidateGroup(task)), version, taskKey, answers);
  }

  private void workAs(String person, String taskKey, Map<String, ?> answers) {
    workAs(person, RELEASE, taskKey, answers);
  }

  private void workAs(String person, String version, String taskKey, Map<String, ?> answers) {
    workAs(person, version, taskKey, answers, form -> {});
  }

  /**
   * The person finds the task in their group's filter, claims it, reads its form (the check) and
   * answers it, and completes it.
   */
  private void workAs(String person, String version, String taskKey, Map<String, ?> answers, Consumer<CamundaForm> check) {
    Task task = openTask(version, taskKey);
    assertThat(task).as("open task %s of release %s", taskKey, version).isNotNull();
    String group = candidateGroup(task);
    String formId = formId(task);
    Browser browser = browser(person);
    Tasklist tasklist = tasklist(person);
    String step = name(person + "-" + formId);
    browser.step(step, () -> {
      tasklist.openFilter(filterOf(group));
      tasklist.openTask(task.getName(), version);
      CamundaForm form = tasklist.form(formId);
      form.showsItsItems();
      formsShown.add(formId);
      check.accept(form);
      tasklist.claim();
      form.answerAllRequired(answers);
    });
    browser.step(step + "-completed", () -> completeAndWait(browser, tasklist, task));
    assertThat(history.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo(person);
    runDueJobs();
  }

  /** Complete, then wait until the engine has the task done, or Tasklist shows why not. */
  private void completeAndWait(Browser browser, Tasklist tasklist, Task task) {
    tasklist.clickComplete();
    browser.waitFor(driver -> !isOpen(task) || !tasklist.error().isEmpty());
    assertThat(isOpen(task)).as("%s still open: %s", task.getName(), tasklist.error()).isFalse();
  }

  private boolean isOpen(Task task) {
    return tasks.createTaskQuery().taskId(task.getId()).count() > 0;
  }

  private String candidateGroup(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).findFirst().orElseThrow();
  }

  /**
   * What Cockpit's diagram marks running for a task: a task that can report a blocker sits in a
   * sub-process of its own, drawn collapsed, so the diagram marks that sub-process.
   */
  private String drawnAs(String taskKey) {
    return repository.createProcessDefinitionQuery().latestVersion()
        .processDefinitionKeysIn(PreDeployment.KEY, DeploymentDay.KEY, PostDeployment.KEY, Rollback.KEY).list().stream()
        .map(definition -> repository.getBpmnModelInstance(definition.getId()).<ModelElementInstance>getModelElementById(taskKey))
        .filter(Objects::nonNull).findFirst()
        .map(task -> task.getParentElement() instanceof SubProcess section
            && section.getChildElementsByType(CallActivity.class).stream()
                .anyMatch(call -> ResolveBlocker.KEY.equals(call.getCalledElement())) ? section.getId() : taskKey)
        .orElse(taskKey);
  }

  private String formId(Task task) {
    UserTask element = repository.getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey());
    return element.getCamundaFormRef();
  }

  private List<String> openTaskKeys() {
    return openTaskKeys(RELEASE);
  }

  private List<String> openTaskKeys(String version) {
    return tasks.createTaskQuery().processInstanceBusinessKey(version).list().stream()
        .map(Task::getTaskDefinitionKey).toList();
  }

  private static String filterOf(ChecklistGroup group) {
    return group.displayName + " tasks";
  }

  private static String filterOf(String groupId) {
    return filterOf(Arrays.stream(ChecklistGroup.values()).filter(group -> group.id.equals(groupId)).findFirst().orElseThrow());
  }

  private static Map<String, Object> ticked(List<String> keys) {
    Map<String, Object> answers = new LinkedHashMap<>();
    keys.forEach(key -> answers.put(key, true));
    return answers;
  }

  private static Map<String, Object> orderedAnswers(String... keysAndValues) {
    Map<String, Object> answers = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      answers.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return answers;
  }

  // ---- people and their browsers

  private Browser browser(String person) {
    return browsers.computeIfAbsent(person, Browser::of);
  }

  private Cockpit cockpit(String person) {
    return cockpits.computeIfAbsent(person, p -> Cockpit.logIn(browser(p), baseUrl(), PASSWORD));
  }

  /** The operator opens the release in Cockpit: this activity, and only this one, is running. */
  private void operatorSeesOnlyRunning(String stepName, String version, String activityId) {
    Cockpit cockpit = cockpit("operator");
    browser("operator").step(name(stepName), () -> {
      cockpit.openInstance(PROCESS_NAME, version);
      cockpit.waitUntilRunning(activityId);
      assertThat(cockpit.runningActivities()).containsExactly(activityId);
    });
  }

  /** The release in Cockpit, then the instance of its running phase. */
  private static void openPhase(Cockpit cockpit, String version, String callActivityId, String phaseName) {
    cockpit.openInstance(PROCESS_NAME, version);
    cockpit.waitUntilRunning(callActivityId);
    cockpit.openCalledInstance(callActivityId, phaseName);
  }

  private Object outcome(String version) {
    return releaseVariable(version, ProductionDeployment.Vars.OUTCOME);
  }

  private Object rollbackReason(String version) {
    return releaseVariable(version, ProductionDeployment.Vars.ROLLBACK_REASON);
  }

  /** A variable of the release (running or ended), or null when it has none. */
  private Object releaseVariable(String version, String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(releaseId(version))
        .variableName(name).list().stream().map(variable -> variable.getValue()).findFirst().orElse(null);
  }

  /** Moves the engine's clock on and runs the jobs that became due. */
  private void advanceClock(Duration duration) {
    clockAt(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
  }

  /** Sets the engine's clock and runs the jobs that became due. */
  private void clockAt(Date time) {
    ClockUtil.setCurrentTime(time);
    runDueJobs();
  }

  private String releaseId(String version) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY)
        .processInstanceBusinessKey(version).singleResult().getId();
  }

  private Tasklist tasklist(String person) {
    return tasklists.computeIfAbsent(person, p -> Tasklist.logIn(browser(p), baseUrl(), PASSWORD));
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The next step's name: its number, who, what. */
  private String name(String what) {
    return String.format("%02d-%s", ++step, what);
  }

  /** The name {@link #name} gave the latest step (a work step: its completion adds no number). */
  private String latestStep(String what) {
    return String.format("%02d-%s", step, what);
  }

  /** A step's screenshot becomes a picture of the docs (the README shows them). */
  private static void toDocs(String stepName, String picture) {
    try {
      Files.copy(Browser.EVIDENCE.resolve(stepName + ".png"), Path.of("docs", picture),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void switchDemoTarget(String mode) throws IOException {
    // Only a deployment manager (or an administrator) may switch it.
    Request request = new Request.Builder().url(baseUrl() + "/demo-target/mode?value=" + mode)
        .header("Authorization", Credentials.basic("manager", PASSWORD))
        .put(RequestBody.create(new byte[0])).build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).as("demo target switched to %s", mode).isEqualTo(200);
    }
  }
}

package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.ApplicationTest;
import io.deploychecklist.process.PostDeployment.Criteria;
import io.deploychecklist.process.ProductionDeployment.Vars;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drives the real BPMN of a release in the application's engine: jobs run when the test says so,
 * time moves with {@link ClockUtil}, the target is a real HTTP server.
 */
@ApplicationTest
abstract class ReleaseProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;

  TargetServer target;
  String version;
  private static int releases;

  /** The people the tests act as; the demo profile has them, the prod profile has no demo users. */
  static final Map<String, String> PEOPLE = Map.of(
      "manager", "deployment-managers", "manager2", "deployment-managers", "techlead", "tech-leads",
      "product", "product-owners", "platform", "platform-engineers");

  @BeforeEach
  void createPeople() {
    PEOPLE.forEach((user, group) -> {
      if (identity.createUserQuery().userId(user).count() == 0) {
        org.camunda.bpm.engine.identity.User person = identity.newUser(user);
        person.setPassword("Process-People-2026!");
        identity.saveUser(person);
        identity.createMembership(user, group);
      }
    });
  }

  @BeforeEach
  void openTarget() throws Exception {
    BpmnAwareTests.init(engine);
    target = new TargetServer();
    ClockUtil.setCurrentTime(new Date());
    version = getClass().getSimpleName() + "-" + (++releases);
  }

  @AfterEach
  void closeTarget() throws Exception {
    ClockUtil.reset();
    target.close();
  }

  ProcessInstance start(Map<String, Object> overrides) {
    Map<String, Object> variables = new HashMap<>(Map.of(
        Vars.VERSION, version,
        Vars.ENVIRONMENT, "staging",
        Vars.TARGET_BASE_URL, target.baseUrl(),
        Vars.DEPLOYMENT_METHOD, "docker-compose",
        Vars.OBSERVATION_HOURS, 24,
        Vars.DEPLOYMENT_MANAGER, "manager"));
    variables.putAll(overrides);
    return runtime.startProcessInstanceByKey(ProductionDeployment.KEY, variables);
  }

  ProcessInstance start() {
    return start(Map.of());
  }

  /**
   * Runs every job of this release that is due now (its phases and notifications included), as the
   * job executor would, until none is left. Other tests' releases share the engine: their jobs stay
   * where they are, so moving the clock here does not fire their timers too.
   */
  void runDueJobs() {
    // One at a time: a job can remove others (a window that closes cancels its re-check timer).
    for (int round = 0; round < 200; round++) {
      Optional<Job> due = dueJobOfThisRelease();
      if (due.isEmpty()) {
        return;
      }
      management.executeJob(due.get().getId());
    }
    throw new AssertionError("jobs keep becoming due: a timer loop?");
  }

  /** A release's phases and notifications carry its version as their business key. */
  private Optional<Job> dueJobOfThisRelease() {
    Set<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(version).list().stream()
        .map(ProcessInstance::getId).collect(Collectors.toSet());
    if (instances.isEmpty()) {
      return Optional.empty();
    }
    return management.createJobQuery().processInstanceIds(instances).executable().listPage(0, 1).stream().findFirst();
  }

  void advance(Duration duration) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
  }

  /** The open task of this release with that BPMN id, in whichever phase it lives. */
  Task task(String taskKey) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(version).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("open task %s of release %s", taskKey, version).isNotNull();
    return task;
  }

  boolean hasTask(String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(version).taskDefinitionKey(taskKey).count() > 0;
  }

  List<String> openTaskKeys() {
    return tasks.createTaskQuery().processInstanceBusinessKey(version).list().stream()
        .map(Task::getTaskDefinitionKey).sorted().toList();
  }

  /** Completes the task with every required field of its form, plus the given answers. */
  void complete(String taskKey, Map<String, Object> answers) {
    completeTask(taskKey, answers);
    runDueJobs();
  }

  private void completeTask(String taskKey, Map<String, Object> answers) {
    Task task = task(taskKey);
    UserTask element = repository.getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementById(taskKey);
    Map<String, Object> variables = new HashMap<>(FormAnswers.complete(element.getCamundaFormRef()));
    variables.putAll(answers);
    tasks.complete(task.getId(), variables);
  }

  /**
   * Completes the task as that user, as Tasklist does for whoever is logged in: authenticated with
   * the user's groups, so the engine checks the user's authorizations.
   */
  void completeAs(String userId, String taskKey) {
    completeAs(userId, taskKey, Map.of());
  }

  void completeAs(String userId, String taskKey, Map<String, Object> answers) {
    identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      completeTask(taskKey, answers);
    } finally {
      identity.clearAuthentication();
    }
    // The job executor is no user: it runs what follows without anybody's authorizations.
    runDueJobs();
  }

  void complete(String... taskKeys) {
    for (String key : taskKeys) {
      complete(key, Map.of());
    }
  }

  Object variable(ProcessInstance release, String name) {
    return history.createHistoricVariableInstanceQuery()
        .processInstanceId(release.getId()).variableName(name).singleResult().getValue();
  }

  // ---- the phases, walked as the people in them would

  void passPreDeployment() {
    runDueJobs();
    complete(PreDeployment.Elements.SECTIONS);
  }

  void executeDeployment() {
    runDueJobs();
    complete(DeploymentDay.Elements.PRE_DEPLOYMENT_VERIFICATION, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);
  }

  void passDeploymentDay() {
    executeDeployment();
    complete(DeploymentDay.Elements.POST_DEPLOYMENT_VERIFICATION,
        Map.of(DeploymentDay.Vars.VERIFICATION_RESULT, DeploymentDay.Values.PASSED));
    complete(DeploymentDay.Elements.MONITORING_VERIFICATION, DeploymentDay.Elements.DOCUMENTATION);
  }

  void completeWindowTasks() {
    complete(PostDeployment.Elements.OPTIMIZATION, PostDeployment.Elements.SECURITY,
        PostDeployment.Elements.BACKUP_VERIFICATION);
  }

  /** Sections 13-15 inside the default 24-hour window, then section 12 after it. */
  void passObservationWindow() {
    completeWindowTasks();
    advance(Duration.ofHours(24));
    runDueJobs();
    complete(PostDeployment.Elements.MONITORING_VALIDATION);
  }

  void meetAllCriteria() {
    complete(PostDeployment.Elements.TECHNICAL_CRITERIA, criteria(Criteria.TECHNICAL, true));
    complete(PostDeployment.Elements.BUSINESS_CRITERIA, criteria(Criteria.BUSINESS, true));
  }

  void goLive(ProcessInstance release) {
    meetAllCriteria();
    goLiveSignOffs();
  }

  /** The three sign-offs once the criteria are met: the release ends as RELEASED. */
  void goLiveSignOffs() {
    String postDeployment = task(PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER).getProcessInstanceId();
    assertThat(runtime.getVariable(postDeployment, PostDeployment.Vars.GO_LIVE)).isEqualTo(true);
    completeAs("manager", PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER);
    completeAs("techlead", PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD);
    completeAs("product", PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER);
  }

  void completePostRollbackActions() {
    complete(Rollback.Elements.NOTIFY_STAKEHOLDERS, Rollback.Elements.INCIDENT_REPORT,
        Rollback.Elements.ROOT_CAUSE_FIX_PLAN, Rollback.Elements.SCHEDULE_REDEPLOYMENT);
  }

  /** Answers to one of the two criteria forms, each criterion met or not. */
  static Map<String, Object> criteria(List<String> keys, boolean met) {
    Map<String, Object> criteria = new HashMap<>();
    keys.forEach(key -> criteria.put(key, met));
    return criteria;
  }
}

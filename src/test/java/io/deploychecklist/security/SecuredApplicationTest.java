package io.deploychecklist.security;

import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.FormAnswers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The application as it runs (default profile: demo users with password "demo"), on a random port
 * of 127.0.0.1, with an in-memory database and no job executor (tests run due jobs themselves).
 * Subclasses share one application context; each test uses its own release versions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:secured-application-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "server.address=127.0.0.1",
    // Not about latency: a busy machine must not fail a probe of the demo target.
    "checklist.http.max-latency=3s"})
public abstract class SecuredApplicationTest {

  public static final String PASSWORD = "demo";

  @LocalServerPort protected int port;
  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService tasks;
  @Autowired protected HistoryService history;
  @Autowired protected IdentityService identity;
  @Autowired protected ManagementService management;
  @Autowired protected RepositoryService repository;

  /**
   * The REST API and the webapps look the engine up by name ("default") in a static registry that
   * every application context of the test run writes to: make it this context's engine again.
   * The webapps (Cockpit, Tasklist, Admin, Welcome) also keep a static runtime delegate each, which
   * an application stopped by another test (e.g. ProdProfileTest) clears: a logged-in webapp session
   * then gets 500 for everything. Set them again when so.
   */
  @BeforeEach
  void thisApplicationsEngineAnswersHttp() {
    ProcessEngines.registerProcessEngine(engine);
    if (Cockpit.getRuntimeDelegate() == null) {
      Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
    }
    if (Tasklist.getRuntimeDelegate() == null) {
      Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
    }
    if (Admin.getRuntimeDelegate() == null) {
      Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
    }
    if (Welcome.getRuntimeDelegate() == null) {
      Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
    }
  }

  protected Rest as(String user) {
    return Rest.as(port, user, PASSWORD);
  }

  protected Rest anonymous() {
    return Rest.anonymous(port);
  }

  protected Webapp webappLogin(String user, String app) {
    return Webapp.login(port, user, PASSWORD, app);
  }

  /**
   * A user beyond the demo ones (password "demo"), created once, member of the given groups. User
   * ids are letters and digits only (Camunda's default whitelist).
   */
  protected void user(String userId, String... groupIds) {
    userWithPassword(userId, PASSWORD, groupIds);
  }

  /** The same with a password of its own (the prod profile's password policy refuses "demo"). */
  protected void userWithPassword(String userId, String password, String... groupIds) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      User user = identity.newUser(userId);
      user.setFirstName(userId);
      user.setLastName("(test)");
      user.setPassword(password);
      identity.saveUser(user);
    }
    for (String group : groupIds) {
      if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
        identity.createMembership(userId, group);
      }
    }
  }

  protected static String uniqueVersion(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Starts a release through the REST API as that user; returns the reply. */
  protected Rest.Reply startRelease(String user, Map<String, ?> variables) {
    return as(user).post("/process-definition/key/" + ProductionDeployment.KEY + "/start",
        Map.of("variables", Rest.variables(variables)));
  }

  /**
   * Runs every job that is due, as the job executor would (no user). The engine is shared: the jobs
   * of other tests' releases run too (a release left at its start has a dozen), so the bound only
   * stops a loop that never ends.
   */
  protected void runDueJobs() {
    for (int round = 0; round < 1000; round++) {
      List<Job> due = management.createJobQuery().executable().listPage(0, 1);
      if (due.isEmpty()) {
        return;
      }
      management.executeJob(due.get(0).getId());
    }
    throw new AssertionError("jobs keep becoming due");
  }

  /** Completes the task with every required field of its form, as trusted code (no user). */
  protected void completeWithAnswers(Task task, Map<String, Object> answers) {
    tasks.complete(task.getId(), formAnswers(task, answers));
    runDueJobs();
  }

  /** Every required field of the task's form, plus the given answers. */
  protected Map<String, Object> formAnswers(Task task, Map<String, Object> answers) {
    UserTask element = repository.getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey());
    Map<String, Object> variables = new HashMap<>(FormAnswers.complete(element.getCamundaFormRef()));
    variables.putAll(answers);
    return variables;
  }

  /** Completes every open task of the release (and runs the jobs after), until only these are left. */
  protected void completeOpenTasksExcept(String version, String... keep) {
    for (int round = 0; round < 20; round++) {
      List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(version).list().stream()
          .filter(task -> !List.of(keep).contains(task.getTaskDefinitionKey())).toList();
      if (open.isEmpty()) {
        return;
      }
      open.forEach(task -> completeWithAnswers(task, Map.of()));
    }
  }

  protected Task openTask(String businessKey, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).singleResult();
  }

  protected long runningReleases(String version) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY)
        .processInstanceBusinessKey(version).count();
  }

  protected long releasesEver(String version) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY)
        .processInstanceBusinessKey(version).count();
  }
}

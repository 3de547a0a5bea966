package io.deploychecklist.security;

import io.deploychecklist.ApplicationTest;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.FormAnswers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared test application ({@link ApplicationTest}) and what tests of it do over HTTP and with
 * the engine: log in, start releases, complete tasks, run due jobs.
 */
@ApplicationTest
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

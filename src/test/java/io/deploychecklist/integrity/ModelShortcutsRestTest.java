package io.deploychecklist.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No way around a release's model for anybody but the administrator: a deployment manager (who
 * starts releases and reads them all) is refused every engine shortcut with 403 and the release is
 * unchanged; the administrator may, and the user operation log says so.
 */
class ModelShortcutsRestTest extends SecuredApplicationTest {

  /** A shortcut against a freshly started release: the request, and the log entry it leaves. */
  record Shortcut(BiFunction<Rest, Release, Rest.Reply> request, String loggedAs) {
  }

  /**
   * A release on deployment day, where deployment managers held UPDATE_INSTANCE for the rollback
   * message before: its phase waits for the health probe (a job).
   */
  record Release(String version, String phase, Job job) {
  }

  static Stream<Arguments> shortcuts() {
    return Stream.of(
        shortcut("start instructions skipping the start listener", (rest, release) -> rest.post(
            "/process-definition/key/" + ProductionDeployment.KEY + "/start", Map.of(
                "variables", Rest.variables(Map.of(Vars.VERSION, release.version() + "-direct")),
                "skipCustomListeners", true,
                "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                    "activityId", ProductionDeployment.Elements.POST_DEPLOYMENT)))),
            UserOperationLogEntry.OPERATION_TYPE_CREATE),
        shortcut("start instructions", (rest, release) -> rest.post(
            "/process-definition/key/" + ProductionDeployment.KEY + "/start", Map.of(
                "variables", Rest.variables(Map.of(Vars.VERSION, release.version() + "-direct")),
                "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                    "activityId", ProductionDeployment.Elements.RELEASED)))),
            UserOperationLogEntry.OPERATION_TYPE_CREATE),
        shortcut("process instance modification", (rest, release) -> rest.post(
            "/process-instance/" + release.phase() + "/modification", Map.of(
                "skipCustomListeners", true,
                "instructions", List.of(Map.of("type", "cancel",
                    "activityId", DeploymentDay.Elements.PROBE_HEALTH)))),
            UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE),
        shortcut("setting a variable", (rest, release) -> rest.put(
            "/process-instance/" + release.phase() + "/variables/" + Vars.TARGET_BASE_URL,
            Rest.value("http://127.0.0.1:1/elsewhere")),
            UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE),
        shortcut("modifying variables", (rest, release) -> rest.post(
            "/process-instance/" + release.phase() + "/variables", Map.of("modifications",
                Map.of(Vars.TARGET_BASE_URL, Rest.value("http://127.0.0.1:1/elsewhere"), "checksFailed", Rest.value(false)))),
            UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE),
        shortcut("deleting a variable", (rest, release) -> rest.delete(
            "/process-instance/" + release.phase() + "/variables/" + Vars.DEPLOYMENT_MANAGER),
            UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE),
        shortcut("moving a job's due date", (rest, release) -> rest.put(
            "/job/" + release.job().getId() + "/duedate", Map.of("duedate", "2099-01-01T00:00:00.000+0000")),
            UserOperationLogEntry.OPERATION_TYPE_SET_DUEDATE),
        shortcut("changing a job's retries", (rest, release) -> rest.put(
            "/job/" + release.job().getId() + "/retries", Map.of("retries", 0)),
            UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES),
        shortcut("suspending", (rest, release) -> rest.put(
            "/process-instance/" + release.phase() + "/suspended", Map.of("suspended", true)),
            UserOperationLogEntry.OPERATION_TYPE_SUSPEND),
        shortcut("deleting", (rest, release) -> rest.delete(
            "/process-instance/" + release.phase() + "?skipCustomListeners=true"),
            UserOperationLogEntry.OPERATION_TYPE_DELETE));
  }

  private static Arguments shortcut(String name, BiFunction<Rest, Release, Rest.Reply> request, String loggedAs) {
    return Arguments.of(Named.of(name, new Shortcut(request, loggedAs)));
  }

  /** The versions this test started: removed after it. */
  private final List<String> versions = new ArrayList<>();

  /**
   * What the administrator's shortcuts leave (releases started half-way, without their settings)
   * would fail its jobs in the engine the application tests share: removed after each test.
   */
  @AfterEach
  void removeThisTestsReleases() {
    List<String> ids = runtime.createProcessInstanceQuery().list().stream()
        .filter(instance -> instance.getBusinessKey() != null && versions.stream()
            .anyMatch(version -> instance.getBusinessKey().startsWith(version)))
        .filter(instance -> instance.getRootProcessInstanceId().equals(instance.getId()))
        .map(instance -> instance.getId()).toList();
    runtime.deleteProcessInstancesIfExists(ids, "test over", true, true, true);
    versions.clear();
  }

  @ParameterizedTest
  @MethodSource("shortcuts")
  void refusedToADeploymentManagerAllowedToTheAdministrator(Shortcut shortcut) {
    Release release = release();
    String before = String.valueOf(runtime.getVariables(release.phase()));
    long loggedForManager = logged("manager", shortcut.loggedAs());
    long loggedForAdmin = logged("admin", shortcut.loggedAs());

    Rest.Reply refused = shortcut.request().apply(as("manager"), release);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.body()).doesNotContain("\tat ", "Exception:");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(release.phase())
        .active().count()).as("still running, not suspended").isOne();
    assertThat(String.valueOf(runtime.getVariables(release.phase()))).isEqualTo(before);
    assertThat(management.createJobQuery().jobId(release.job().getId()).singleResult().getDuedate())
        .isEqualTo(release.job().getDuedate());
    assertThat(releasesEver(release.version() + "-direct")).isZero();
    assertThat(logged("manager", shortcut.loggedAs())).isEqualTo(loggedForManager);

    Rest.Reply allowed = shortcut.request().apply(as("admin"), release);

    assertThat(allowed.status()).as(allowed.toString()).isBetween(200, 204);
    assertThat(logged("admin", shortcut.loggedAs())).isGreaterThan(loggedForAdmin);
  }

  @ParameterizedTest
  @MethodSource("shortcuts")
  void refusedToTheOtherGroupsToo(Shortcut shortcut) {
    Release release = release();
    for (String user : List.of("platform", "operator", "qa")) {
      assertThat(shortcut.request().apply(as(user), release).status()).as(user).isIn(403, 404);
    }
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(release.phase())
        .active().count()).isOne();
  }

  @Test
  void operatorsDoNotCommentTheTasksWorkersDo() {
    String task = infrastructureTaskOfANewRelease("comment");
    Map<String, Object> comment = Map.of("message", "Load balancer ordered, arrives Tuesday");

    assertThat(as("operator").post("/task/" + task + "/comment/create", comment).status()).isEqualTo(403);
    // A task qa cannot see is, for Camunda's comment resource, no task: 400 "No task found".
    assertThat(as("qa").post("/task/" + task + "/comment/create", comment).status()).isIn(400, 403, 404);
    assertThat(tasks.getTaskComments(task)).isEmpty();

    // Camunda's comment resource also reads the task's history, which the groups do not; the rule
    // itself lets a task's worker comment.
    identity.setAuthentication("platform", List.of("platform-engineers"));
    try {
      tasks.createComment(task, null, "Load balancer ordered, arrives Tuesday");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(tasks.getTaskComments(task)).singleElement()
        .satisfies(saved -> assertThat(saved.getUserId()).isEqualTo("platform"));
  }

  @Test
  void aTasksWorkerThrowsNoErrorOrEscalationFromIt() {
    String task = infrastructureTaskOfANewRelease("bpmn-error");
    Map<String, Object> variables = Map.of(Vars.OUTCOME, Rest.value(ProductionDeployment.Outcome.RELEASED));

    Rest.Reply error = as("platform").post("/task/" + task + "/bpmnError", Map.of(
        "errorCode", ProductionDeployment.Errors.RELEASE_ABORTED, "variables", variables));
    Rest.Reply escalation = as("platform").post("/task/" + task + "/bpmnEscalation", Map.of(
        "escalationCode", "anything", "variables", variables));

    assertThat(error.status()).as(error.toString()).isEqualTo(403);
    assertThat(escalation.status()).as(escalation.toString()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(task).count()).isOne();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(versions.get(0)).list())
        .allSatisfy(instance -> assertThat(runtime.getVariable(instance.getId(), Vars.OUTCOME)).isNull());
  }

  /** The first section of a release just started: its task's id. */
  private String infrastructureTaskOfANewRelease(String prefix) {
    String version = uniqueVersion(prefix);
    versions.add(version);
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);
    return openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION).getId();
  }

  private Release release() {
    String version = uniqueVersion("shortcut");
    versions.add(version);
    String phase = runtime.createProcessInstanceByKey(DeploymentDay.KEY).businessKey(version)
        .setVariables(Map.of(Vars.VERSION, version, Vars.ENVIRONMENT, "production",
            Vars.DEPLOYMENT_METHOD, "docker-compose", Vars.OBSERVATION_HOURS, 24,
            Vars.TARGET_BASE_URL, "http://127.0.0.1:" + port + "/demo-target",
            Vars.INITIATOR, "manager", Vars.DEPLOYMENT_MANAGER, "manager"))
        .startBeforeActivity(DeploymentDay.Elements.PROBE_HEALTH).execute().getId();
    Job job = management.createJobQuery().processInstanceId(phase).singleResult();
    return new Release(version, phase, job);
  }

  private long logged(String user, String operation) {
    return history.createUserOperationLogQuery().userId(user).operationType(operation).count();
  }
}

package io.deploychecklist.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PostDeployment.Criteria;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.process.RequestRollback;
import io.deploychecklist.process.Rollback;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, through the REST API and the webapps, as the users of the demo profile:
 * each group sees and completes only its own tasks, operators read and change nothing, deployment
 * managers start releases, read them all and request rollbacks.
 */
class AuthorizationRestTest extends SecuredApplicationTest {

  @Test
  void eachGroupSeesOnlyTheTasksOfItsOwnSections() {
    String version = uniqueVersion("sections");
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);

    assertThat(taskKeys("platform", version)).containsExactlyInAnyOrder(
        PreDeployment.Elements.INFRASTRUCTURE_PREPARATION, PreDeployment.Elements.CONFIGURATION,
        PreDeployment.Elements.EXTERNAL_SERVICE_VALIDATION);
    assertThat(taskKeys("security", version)).containsExactly(PreDeployment.Elements.SECRETS_MANAGEMENT);
    assertThat(taskKeys("sre", version)).containsExactly(PreDeployment.Elements.MONITORING_OBSERVABILITY);
    assertThat(taskKeys("qa", version)).containsExactly(PreDeployment.Elements.TESTING);
    assertThat(taskKeys("techlead", version)).isEmpty();
    assertThat(taskKeys("product", version)).isEmpty();
    assertThat(taskKeys("manager", version)).isEmpty();
    assertThat(taskKeys("operator", version)).containsExactlyInAnyOrder(PreDeployment.Elements.SECTIONS);
  }

  @Test
  void qaCanNeitherSeeNorCompleteAProductOwnersTask() {
    String version = uniqueVersion("po-task");
    String instance = startPostDeploymentAt(PostDeployment.Elements.BUSINESS_CRITERIA, version);
    Task task = openTask(version, PostDeployment.Elements.BUSINESS_CRITERIA);
    Rest qa = as("qa");

    assertThat(qa.get("/task?processInstanceBusinessKey=" + version).json()).isEmpty();
    assertThat(qa.get("/task/" + task.getId()).status()).isEqualTo(404);
    assertThat(qa.get("/task/" + task.getId() + "/variables").status()).isEqualTo(403);
    assertThat(qa.get("/task/" + task.getId() + "/form-variables").status()).isEqualTo(403);
    assertThat(qa.get("/process-instance/" + instance + "/variables").status()).isEqualTo(403);
    assertThat(qa.get("/variable-instance?processInstanceIdIn=" + instance).json()).isEmpty();
    assertThat(qa.get("/history/variable-instance?processInstanceId=" + instance).json()).isEmpty();

    Map<String, Object> answers = Rest.variables(formAnswers(task, criteria(Criteria.BUSINESS)));
    assertThat(qa.post("/task/" + task.getId() + "/claim", Map.of("userId", "qa")).status()).isEqualTo(403);
    assertThat(qa.post("/task/" + task.getId() + "/complete", Map.of("variables", answers)).status()).isEqualTo(403);
    assertThat(qa.post("/task/" + task.getId() + "/submit-form", Map.of("variables", answers)).status()).isEqualTo(403);

    // ... and not through Tasklist either
    Webapp tasklist = webappLogin("qa", "tasklist");
    String api = "/camunda/api/engine/engine/default/task/" + task.getId();
    assertThat(tasklist.get(api).status()).isEqualTo(404);
    assertThat(tasklist.get(api + "/form-variables").status()).isEqualTo(403);
    assertThat(tasklist.post(api + "/submit-form", json(Map.of("variables", answers))).status()).isEqualTo(403);

    Task stillOpen = tasks.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(stillOpen).isNotNull();
    assertThat(stillOpen.getAssignee()).isNull();

    Rest product = as("product");
    assertThat(product.get("/task/" + task.getId()).status()).isEqualTo(200);
    assertThat(product.get("/task/" + task.getId() + "/variables").json().path(Vars.VERSION).path("value").asText())
        .isEqualTo(version);
    assertThat(product.post("/task/" + task.getId() + "/complete", Map.of("variables", answers)).status())
        .isEqualTo(204);
  }

  @Test
  void aSectionIsCompletedByItsGroupAndTheOperationLogSaysWho() {
    String version = uniqueVersion("qa-done");
    startRelease("manager", Map.of(Vars.VERSION, version));
    Task testing = openTask(version, PreDeployment.Elements.TESTING);

    Rest.Reply completed = as("qa").post("/task/" + testing.getId() + "/complete",
        Map.of("variables", Rest.variables(formAnswers(testing, Map.of()))));

    assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
    UserOperationLogEntry entry = history.createUserOperationLogQuery().taskId(testing.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult();
    assertThat(entry.getUserId()).isEqualTo("qa");
    // Deployment managers read the audit trail of every release.
    JsonNode log = as("manager").get("/history/user-operation?taskId=" + testing.getId()).json();
    assertThat(log.findValuesAsText("userId")).contains("qa");
    assertThat(as("operator").get("/history/user-operation?taskId=" + testing.getId()).json()
        .findValuesAsText("userId")).contains("qa");
    // ... the other groups do not, not even their own entries
    assertThat(as("qa").get("/history/user-operation?taskId=" + testing.getId()).json()).isEmpty();
    assertThat(as("product").get("/history/user-operation?taskId=" + testing.getId()).json()).isEmpty();
  }

  @Test
  void anOperatorReadsEverythingAndChangesNothing() {
    String version = uniqueVersion("operator");
    String instance = startRelease("manager", Map.of(Vars.VERSION, version)).json().path("id").asText();
    Task testing = openTask(version, PreDeployment.Elements.TESTING);
    Rest operator = as("operator");

    assertThat(operator.get("/process-instance?processDefinitionKey=" + ProductionDeployment.KEY
        + "&businessKey=" + version).json()).hasSize(1);
    assertThat(operator.get("/process-instance/" + instance + "/variables").json().path(Vars.VERSION)
        .path("value").asText()).isEqualTo(version);
    assertThat(operator.get("/history/process-instance?processDefinitionKey=" + ProductionDeployment.KEY
        + "&processInstanceBusinessKey=" + version).json()).hasSize(1);
    assertThat(operator.get("/task?processInstanceBusinessKey=" + version).json()).hasSize(6);
    assertThat(operator.get("/task/" + testing.getId() + "/variables").status()).isEqualTo(200);
    assertThat(operator.get("/history/user-operation?processInstanceId=" + instance).status()).isEqualTo(200);

    Map<String, Object> answers = Rest.variables(formAnswers(testing, Map.of()));
    assertThat(operator.post("/task/" + testing.getId() + "/complete", Map.of("variables", answers)).status())
        .isEqualTo(403);
    assertThat(operator.post("/task/" + testing.getId() + "/claim", Map.of("userId", "operator")).status())
        .isEqualTo(403);
    assertThat(operator.put("/process-instance/" + instance + "/variables/notes",
        Map.of("value", "changed by an operator")).status()).isEqualTo(403);
    assertThat(operator.put("/process-instance/" + instance + "/suspended", Map.of("suspended", true)).status())
        .isEqualTo(403);
    assertThat(operator.delete("/process-instance/" + instance).status()).isEqualTo(403);
    String other = uniqueVersion("operator-start");
    assertThat(startRelease("operator", Map.of(Vars.VERSION, other)).status()).isEqualTo(403);

    assertThat(runningReleases(other)).isZero();
    assertThat(tasks.createTaskQuery().taskId(testing.getId()).singleResult().getAssignee()).isNull();
    assertThat(runtime.getVariable(instance, "notes")).isNull();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).active().count()).isOne();
  }

  @Test
  void aDeploymentManagerStartsAReleaseButNoPhaseOnItsOwn() {
    String version = uniqueVersion("phases");
    Rest.Reply started = startRelease("manager", Map.of(Vars.VERSION, version));
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    String instance = started.json().path("id").asText();
    assertThat(runtime.getVariable(instance, Vars.INITIATOR)).isEqualTo("manager");
    assertThat(runtime.getVariable(instance, Vars.DEPLOYMENT_MANAGER)).isEqualTo("manager");

    for (String phase : List.of(PreDeployment.KEY, DeploymentDay.KEY, PostDeployment.KEY, Rollback.KEY)) {
      assertThat(as("manager").post("/process-definition/key/" + phase + "/start", Map.of()).status())
          .as(phase).isEqualTo(403);
    }
    // ... and reads every release, including the phases it called
    assertThat(as("manager").get("/process-instance?processDefinitionKey=" + PreDeployment.KEY
        + "&businessKey=" + version).json()).hasSize(1);
    for (String user : List.of("qa", "product", "techlead", "platform")) {
      assertThat(startRelease(user, Map.of(Vars.VERSION, uniqueVersion(user))).status()).as(user).isEqualTo(403);
      assertThat(as(user).get("/process-instance?businessKey=" + version).json()).as(user).isEmpty();
    }
  }

  @Test
  void aDeploymentManagerRequestsARollbackAndTheLogSaysWho() {
    String version = uniqueVersion("rollback");
    String instance = startRelease("manager", Map.of(Vars.VERSION, version)).json().path("id").asText();
    runDueJobs();
    completeOpenTasksExcept(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);
    assertThat(openTask(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE)).isNotNull();
    Map<String, Object> message = Map.of(
        "messageName", ProductionDeployment.MESSAGE_ROLLBACK_REQUESTED,
        "businessKey", version,
        "processVariables", Map.of(Vars.ROLLBACK_REASON, Rest.value("Customers report duplicate emails")));
    Map<String, Object> request = Map.of("variables", Rest.variables(Map.of(
        RequestRollback.Vars.VERSION, version, Vars.ROLLBACK_REASON, "Customers report duplicate emails")));
    String requestRollback = "/process-definition/key/" + RequestRollback.KEY + "/start";

    // Nobody but the administrator sends the message itself: it would change the release directly.
    for (String user : List.of("qa", "operator", "manager")) {
      assertThat(as(user).post("/message", message).status()).as(user).isEqualTo(403);
    }
    assertThat(as("qa").post(requestRollback, request).status()).isEqualTo(403);
    assertThat(as("operator").post(requestRollback, request).status()).isEqualTo(403);
    assertThat(openTask(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE)).isNotNull();

    Rest.Reply requested = as("manager").post(requestRollback, request);
    assertThat(requested.status()).as(requested.toString()).isEqualTo(200);
    runDueJobs();

    assertThat(openTask(version, Rollback.Elements.ROLLBACK_DOCKER_COMPOSE)).isNotNull();
    assertThat(runtime.getVariable(instance, Vars.ROLLBACK_TRIGGER)).isEqualTo(ProductionDeployment.Errors.ROLLBACK_REQUESTED);
    List<UserOperationLogEntry> logged = history.createUserOperationLogQuery()
        .operationType(UserOperationLogEntry.OPERATION_TYPE_CORRELATE_MESSAGE)
        .processDefinitionKey(DeploymentDay.KEY).list().stream()
        .filter(entry -> version.equals(runtimeBusinessKey(entry.getRootProcessInstanceId()))).toList();
    assertThat(logged).isNotEmpty().allSatisfy(entry -> assertThat(entry.getUserId()).isEqualTo("manager"));
    assertThat(logged).anySatisfy(entry -> assertThat(entry.getNewValue()).isEqualTo("Customers report duplicate emails"));
    assertThat(history.createHistoricVariableInstanceQuery().variableName(Vars.ROLLBACK_REQUESTED_BY)
        .processDefinitionKey(DeploymentDay.KEY).list().stream()
        .filter(v -> version.equals(runtimeBusinessKey(v.getRootProcessInstanceId())))
        .map(v -> v.getValue())).containsExactly("manager");
  }

  @Test
  void eachGroupReadsItsOwnTasklistFilter() {
    String version = uniqueVersion("filters");
    startRelease("manager", Map.of(Vars.VERSION, version));
    JsonNode visible = as("qa").get("/filter").json();
    List<String> names = visible.findValuesAsText("name");
    assertThat(names).contains("Quality assurance tasks").doesNotContain("Product owners tasks", "Operators tasks");

    String qaFilter = filterId("Quality assurance tasks");
    String productFilter = filterId("Product owners tasks");
    JsonNode listed = as("qa").post("/filter/" + qaFilter + "/list", Map.of()).json();
    assertThat(listed.findValuesAsText("taskDefinitionKey")).contains(PreDeployment.Elements.TESTING)
        .doesNotContain(PreDeployment.Elements.CONFIGURATION);
    assertThat(as("qa").post("/filter/" + productFilter + "/list", Map.of()).status()).isIn(403, 404);
    assertThat(as("qa").get("/filter/" + productFilter).status()).isIn(403, 404);
  }

  @Test
  void aGroupsTaskCardsShowTheReleaseTheTaskBelongsTo() {
    String version = uniqueVersion("cards");
    startRelease("manager", Map.of(Vars.VERSION, version, Vars.ENVIRONMENT, "staging"));

    // What Tasklist shows on each card: the filter's variables, read with the group's permissions.
    JsonNode listed = as("qa").postHal("/filter/" + filterId("Quality assurance tasks") + "/list?maxResults=100", Map.of())
        .json();
    Map<String, String> card = new java.util.HashMap<>();
    for (JsonNode task : listed.path("_embedded").path("task")) {
      Map<String, String> variables = new java.util.HashMap<>();
      task.path("_embedded").path("variable").forEach(v -> variables.put(v.path("name").asText(), v.path("value").asText()));
      if (version.equals(variables.get(Vars.VERSION))) {
        assertThat(task.path("taskDefinitionKey").asText()).isEqualTo(PreDeployment.Elements.TESTING);
        card = variables;
      }
    }
    assertThat(card).containsEntry(Vars.VERSION, version).containsEntry(Vars.ENVIRONMENT, "staging");
  }

  @Test
  void eachGroupOpensOnlyTheWebappsItNeeds() {
    assertThat(new Webapp(port).logIn("qa", PASSWORD, "tasklist")).isEqualTo(200);
    assertThat(new Webapp(port).logIn("qa", PASSWORD, "cockpit")).isEqualTo(403);
    assertThat(new Webapp(port).logIn("qa", PASSWORD, "admin")).isEqualTo(403);
    assertThat(new Webapp(port).logIn("operator", PASSWORD, "cockpit")).isEqualTo(200);
    assertThat(new Webapp(port).logIn("operator", PASSWORD, "tasklist")).isEqualTo(403);
    assertThat(new Webapp(port).logIn("manager", PASSWORD, "tasklist")).isEqualTo(200);
    assertThat(new Webapp(port).logIn("manager", PASSWORD, "cockpit")).isEqualTo(200);
    assertThat(new Webapp(port).logIn("manager", PASSWORD, "admin")).isEqualTo(403);
    assertThat(new Webapp(port).logIn("admin", PASSWORD, "admin")).isEqualTo(200);
    assertThat(new Webapp(port).logIn("admin", PASSWORD, "cockpit")).isEqualTo(200);
  }

  @Test
  void cockpitShowsAnOperatorEveryRelease() {
    String version = uniqueVersion("cockpit");
    startRelease("manager", Map.of(Vars.VERSION, version));
    Webapp cockpit = webappLogin("operator", "cockpit");

    assertThat(cockpit.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").json()
        .findValuesAsText("key")).contains(ProductionDeployment.KEY, PreDeployment.KEY);
    assertThat(cockpit.get("/camunda/api/engine/engine/default/process-instance?businessKey=" + version).json())
        .hasSize(2); // the release and the phase it is in
    assertThat(cockpit.get("/camunda/api/engine/engine/default/history/process-instance?processInstanceBusinessKey="
        + version).json()).hasSize(2);
  }

  @Test
  void tasklistOffersTheReleaseStartOnlyToDeploymentManagers() {
    String startable = "/camunda/api/engine/engine/default/process-definition?latest=true&active=true"
        + "&startableInTasklist=true&startablePermissionCheck=true";
    Webapp manager = webappLogin("manager", "tasklist");
    assertThat(manager.get(startable).json().findValuesAsText("key"))
        .containsExactlyInAnyOrder(ProductionDeployment.KEY, RequestRollback.KEY);
    assertThat(manager.get("/camunda/api/engine/engine/default/process-definition/key/" + ProductionDeployment.KEY
        + "/deployed-start-form").json().path("id").asText()).isEqualTo("release-start");

    for (String user : List.of("qa", "platform", "product")) {
      assertThat(webappLogin(user, "tasklist").get(startable).json()).as(user).isEmpty();
    }
  }

  // ------------------------------------------------------------------ helpers

  private List<String> taskKeys(String user, String version) {
    Rest.Reply reply = as(user).get("/task?processInstanceBusinessKey=" + version);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    reply.json().forEach(task -> keys.add(task.path("taskDefinitionKey").asText()));
    return keys;
  }

  private String filterId(String name) {
    return StreamSupport.stream(as("admin").get("/filter").json().spliterator(), false)
        .filter(filter -> name.equals(filter.path("name").asText()))
        .findFirst().orElseThrow().path("id").asText();
  }

  /** A post-deployment phase of a release, started right at one element (set-up, no user). */
  private String startPostDeploymentAt(String activityId, String version) {
    Map<String, Object> variables = new HashMap<>(Map.of(Vars.VERSION, version,
        Vars.ENVIRONMENT, "production", Vars.DEPLOYMENT_METHOD, "docker-compose",
        Vars.TARGET_BASE_URL, "http://127.0.0.1:" + port + "/demo-target",
        Vars.OBSERVATION_HOURS, 24, Vars.DEPLOYMENT_MANAGER, "manager", Vars.INITIATOR, "manager"));
    return runtime.createProcessInstanceByKey(PostDeployment.KEY).businessKey(version)
        .setVariables(variables).startBeforeActivity(activityId).execute().getId();
  }

  private static Map<String, Object> criteria(List<String> keys) {
    Map<String, Object> answers = new HashMap<>();
    keys.forEach(key -> answers.put(key, true));
    return answers;
  }

  private String runtimeBusinessKey(String rootProcessInstanceId) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(rootProcessInstanceId)
        .singleResult().getBusinessKey();
  }

  private static String json(Object body) {
    try {
      return Rest.JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.deploychecklist.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.ApplicationTest;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.FormAnswers;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running application, its demo target and its users over HTTP: a target that fails its health
 * check after the deployment takes the release into rollback, and the evidence says why.
 */
@ApplicationTest
class FailingTargetRollbackTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final MediaType JSON_TYPE = MediaType.get("application/json");
  static final String VERSION = "5.0.0";
  /** Who does which section's task (demo users, password "demo"). */
  static final Map<String, String> ASSIGNEE = Map.of(
      PreDeployment.Elements.INFRASTRUCTURE_PREPARATION, "platform",
      PreDeployment.Elements.SECRETS_MANAGEMENT, "security",
      PreDeployment.Elements.CONFIGURATION, "platform",
      PreDeployment.Elements.EXTERNAL_SERVICE_VALIDATION, "platform",
      PreDeployment.Elements.MONITORING_OBSERVABILITY, "sre",
      PreDeployment.Elements.TESTING, "qa",
      DeploymentDay.Elements.PRE_DEPLOYMENT_VERIFICATION, "manager",
      DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE, "platform");

  @LocalServerPort int port;
  @Autowired ManagementService management;
  final OkHttpClient http = new OkHttpClient();

  @AfterEach
  void healthyAgain() throws IOException {
    send("manager", "PUT", "/demo-target/mode?value=healthy", "").close();
  }

  @Test
  void aTargetThatFailsItsHealthCheckAfterTheDeploymentTakesTheReleaseIntoRollback() throws IOException {
    String release = call("manager", "POST", "/engine-rest/process-definition/key/" + ProductionDeployment.KEY + "/start",
        "{\"variables\":{\"version\":{\"value\":\"" + VERSION + "\"}}}").path("id").asText();
    runDueJobs();
    for (String task : PreDeployment.Elements.SECTIONS) {
      complete(task);
    }
    runDueJobs();
    complete(DeploymentDay.Elements.PRE_DEPLOYMENT_VERIFICATION);

    // The new version breaks the service: the verification after the deployment finds it unhealthy.
    try (Response switched = send("manager", "PUT", "/demo-target/mode?value=unhealthy", "")) {
      assertThat(switched.code()).isEqualTo(200);
    }
    complete(DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);

    List<String> active = activityIds(call("operator", "GET", "/process-instance/" + release + "/activity-instances", null));
    assertThat(active).contains(ProductionDeployment.Elements.ROLLBACK);
    JsonNode variables = call("operator", "GET", "/process-instance/" + release + "/variables?deserializeValues=false", null);
    assertThat(variables.path(ProductionDeployment.Vars.ROLLBACK_TRIGGER).path("value").asText())
        .isEqualTo(ProductionDeployment.Errors.DEPLOYMENT_FAILED);
    assertThat(variables.path(ProductionDeployment.Vars.ROLLBACK_REASON).path("value").asText()).contains("health", "503");

    JsonNode health = call("operator", "GET", "/history/variable-instance?deserializeValues=false&variableName=check_"
        + DeploymentDay.Checks.HEALTH + "&processInstanceIdIn=" + instancesOfTheRelease(), null).get(0);
    JsonNode evidence = JSON.readTree(health.path("value").asText());
    assertThat(evidence.path("status").asText()).isEqualTo("FAIL");
    assertThat(evidence.path("observed").asText()).contains("503");
    assertThat(evidence.path("target").asText()).endsWith("/demo-target/health");
  }

  private void complete(String taskKey) throws IOException {
    String user = ASSIGNEE.get(taskKey);
    JsonNode task = call(user, "GET", "/engine-rest/task?processInstanceBusinessKey=" + VERSION
        + "&taskDefinitionKey=" + taskKey, null).get(0);
    Map<String, Object> variables = new LinkedHashMap<>();
    FormAnswers.complete(task.path("camundaFormRef").path("key").asText())
        .forEach((name, value) -> variables.put(name, Map.of("value", value)));
    try (Response response = send(user, "POST", "/engine-rest/task/" + task.path("id").asText() + "/complete",
        JSON.writeValueAsString(Map.of("variables", variables)))) {
      assertThat(response.code()).as("%s completes %s: %s", user, taskKey, response.body().string()).isEqualTo(204);
    }
    runDueJobs();
  }

  /** The ids of the release's process instances (its phases included), comma-separated. */
  private String instancesOfTheRelease() throws IOException {
    List<String> ids = new java.util.ArrayList<>();
    call("operator", "GET", "/history/process-instance?processInstanceBusinessKey=" + VERSION, null)
        .forEach(instance -> ids.add(instance.path("id").asText()));
    return String.join(",", ids);
  }

  /**
   * What the job executor would do: run every due job until none is left (the engine is shared:
   * other tests' releases left some too).
   */
  private void runDueJobs() {
    for (int round = 0; round < 1000; round++) {
      List<Job> due = management.createJobQuery().executable().listPage(0, 1);
      if (due.isEmpty()) {
        return;
      }
      management.executeJob(due.get(0).getId());
    }
  }

  private static List<String> activityIds(JsonNode tree) {
    List<String> ids = new java.util.ArrayList<>();
    ids.add(tree.path("activityId").asText());
    tree.path("childActivityInstances").forEach(child -> ids.addAll(activityIds(child)));
    return ids;
  }

  private JsonNode call(String user, String method, String path, String body) throws IOException {
    String fullPath = path.startsWith("/engine-rest") || path.startsWith("/demo-target") ? path : "/engine-rest" + path;
    try (Response response = send(user, method, fullPath, body)) {
      String text = response.body().string();
      assertThat(response.isSuccessful()).as("%s %s: %s", method, fullPath, text).isTrue();
      return JSON.readTree(text);
    }
  }

  private Response send(String user, String method, String path, String body) throws IOException {
    RequestBody requestBody = body == null ? null : RequestBody.create(body, JSON_TYPE);
    Request.Builder request = new Request.Builder().url("http://localhost:" + port + path).method(method, requestBody);
    if (user != null) {
      request.header("Authorization", Credentials.basic(user, "demo"));
    }
    return http.newCall(request.build()).execute();
  }
}

package io.deploychecklist.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.ApplicationTest;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A release as an HTTP client starts it: only a version, everything else from the defaults, the
 * built-in demo target as the target.
 */
@ApplicationTest
class ReleaseRestApiTest {

  static final MediaType JSON_TYPE = MediaType.get("application/json");
  /** Demo users (password "demo"): who starts, who reads every release, who works on section 1. */
  static final String MANAGER = "manager";
  static final String OPERATOR = "operator";
  static final String PLATFORM = "platform";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ManagementService management;
  final OkHttpClient http = new OkHttpClient();

  @Test
  void aReleaseStartedWithDefaultsProbesTheDemoTargetAndWaitsForTheSections() throws IOException {
    JsonNode started = call(MANAGER, "POST", "/process-definition/key/" + ProductionDeployment.KEY + "/start",
        "{\"variables\":{\"version\":{\"value\":\"2.0.0\"}}}");
    assertThat(started.path("businessKey").asText()).isEqualTo("2.0.0");
    runDueJobs();

    List<String> tasks = new ArrayList<>();
    call(OPERATOR, "GET", "/task?processInstanceBusinessKey=2.0.0", null).forEach(t -> tasks.add(t.path("taskDefinitionKey").asText()));
    assertThat(tasks).containsExactlyInAnyOrder(PreDeployment.Elements.SECTIONS);

    for (String check : List.of(PreDeployment.Checks.HEALTH, PreDeployment.Checks.READINESS, PreDeployment.Checks.DOCS)) {
      JsonNode variable = call(OPERATOR, "GET", "/variable-instance?deserializeValues=false&variableName=check_" + check
          + "&processInstanceIdIn=" + instancesOf("2.0.0"), null).get(0);
      assertThat(variable.path("type").asText()).isEqualTo("Json");
      JsonNode evidence = JSON.readTree(variable.path("value").asText());
      assertThat(evidence.path("status").asText()).as(check).isEqualTo("PASS");
      assertThat(evidence.path("target").asText()).contains("/demo-target/");
      assertThat(evidence.path("durationMs").isNumber()).isTrue();
      assertThat(evidence.path("checkedAt").asText()).isNotBlank();
    }
    JsonNode defaults = call(MANAGER, "GET", "/process-instance/" + started.path("id").asText() + "/variables", null);
    assertThat(defaults.path("environment").path("value").asText()).isEqualTo("production");
    assertThat(defaults.path("deploymentMethod").path("value").asText()).isEqualTo("docker-compose");
    assertThat(defaults.path("observationHours").path("value").asInt()).isEqualTo(24);
  }

  @Test
  void completingASectionWithoutItsRequiredItemsIsRefusedByNameAndTheTaskStaysOpen() throws IOException {
    call(MANAGER, "POST", "/process-definition/key/" + ProductionDeployment.KEY + "/start",
        "{\"variables\":{\"version\":{\"value\":\"2.0.1\"}}}");
    String taskId = call(PLATFORM, "GET", "/task?processInstanceBusinessKey=2.0.1&taskDefinitionKey="
        + PreDeployment.Elements.INFRASTRUCTURE_PREPARATION, null).get(0).path("id").asText();

    try (Response response = send(PLATFORM, "POST", "/task/" + taskId + "/complete",
        "{\"variables\":{\"dnsRecordsCreated\":{\"value\":true}}}")) {
      assertThat(response.code()).isEqualTo(400);
      String message = JSON.readTree(response.body().string()).path("message").asText();
      assertThat(message).contains("\"Network configuration completed\" (networkConfigurationCompleted)",
          "\"PostgreSQL instance created\" (postgresqlInstanceCreated)")
          .doesNotContain("(dnsRecordsCreated)", "(readReplicasConfigured)");
    }
    assertThat(call(PLATFORM, "GET", "/task/" + taskId, null).path("id").asText()).isEqualTo(taskId);
    try (Response variable = send(PLATFORM, "GET", "/task/" + taskId + "/variables/dnsRecordsCreated", null)) {
      assertThat(variable.code()).as("nothing of the refused attempt was kept").isEqualTo(404);
    }
  }

  @Test
  void aVersionThatIsNotTheBusinessKeyIsRefused() throws IOException {
    try (Response response = send(MANAGER, "POST", "/process-definition/key/" + ProductionDeployment.KEY + "/start",
        "{\"businessKey\":\"3.0.0\",\"variables\":{\"version\":{\"value\":\"3.0.1\"}}}")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("version");
    }
    assertThat(call(MANAGER, "GET", "/process-instance?businessKey=3.0.0", null)).isEmpty();
  }

  @Test
  void aReleaseWithoutVersionOrWithAWindowOutsideItsBoundsIsRefusedByName() throws IOException {
    try (Response response = send(MANAGER, "POST", "/process-definition/key/" + ProductionDeployment.KEY + "/start",
        "{\"variables\":{\"notes\":{\"value\":\"no version\"}}}")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(JSON.readTree(response.body().string()).path("message").asText()).contains("\"Version\" (version)");
    }
    try (Response response = send(MANAGER, "POST", "/process-definition/key/" + ProductionDeployment.KEY + "/start",
        "{\"variables\":{\"version\":{\"value\":\"4.0.0\"},\"observationHours\":{\"value\":72}}}")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("observationHours");
    }
    assertThat(call(MANAGER, "GET", "/process-instance?processDefinitionKey=" + ProductionDeployment.KEY + "&businessKey=4.0.0", null))
        .isEmpty();
    assertThat(call(MANAGER, "GET", "/history/process-instance?processDefinitionKey=" + ProductionDeployment.KEY
        + "&processInstanceBusinessKey=4.0.0", null)).isEmpty();
  }

  /** The ids of the release's process instances (its phases included), comma-separated. */
  private String instancesOf(String version) throws IOException {
    List<String> ids = new ArrayList<>();
    call(OPERATOR, "GET", "/process-instance?businessKey=" + version, null)
        .forEach(instance -> ids.add(instance.path("id").asText()));
    return String.join(",", ids);
  }

  /** Runs the due jobs; the engine is shared, so other tests' releases left some too. */
  private void runDueJobs() {
    for (int round = 0; round < 1000; round++) {
      List<Job> due = management.createJobQuery().executable().listPage(0, 1);
      if (due.isEmpty()) {
        return;
      }
      management.executeJob(due.get(0).getId());
    }
  }

  private JsonNode call(String user, String method, String path, String body) throws IOException {
    try (Response response = send(user, method, path, body)) {
      String text = response.body().string();
      assertThat(response.isSuccessful()).as("%s %s: %s", method, path, text).isTrue();
      return JSON.readTree(text);
    }
  }

  private Response send(String user, String method, String path, String body) throws IOException {
    RequestBody requestBody = body == null ? null : RequestBody.create(body, JSON_TYPE);
    return http.newCall(new Request.Builder().url("http://localhost:" + port + "/engine-rest" + path)
        .header("Authorization", Credentials.basic(user, "demo"))
        .method(method, requestBody).build()).execute();
  }
}

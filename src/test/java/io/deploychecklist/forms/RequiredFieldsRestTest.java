package io.deploychecklist.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploychecklist.ApplicationTest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Camunda Form of a task or start event is enforced by the server, through the REST API as
 * used by Tasklist and scripts, and through the Java API.
 */
@ApplicationTest
class RequiredFieldsRestTest {

  private static final String KEY = "form-validation-test";
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The REST API needs credentials; the test process has no candidate groups, so: the administrator. */
  private final OkHttpClient http = new OkHttpClient.Builder()
      .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
          .header("Authorization", Credentials.basic("admin", "demo")).build()))
      .build();

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  HistoryService historyService;

  @Autowired
  TaskService taskService;

  // ------------------------------------------------------------------ start form

  @Test
  void startWithoutRequiredStartFieldsIsRejectedAndCreatesNoInstance() throws IOException {
    String businessKey = uniqueBusinessKey();
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).count();

    Reply reply = post("/process-definition/key/" + KEY + "/start", Map.of(
        "businessKey", businessKey,
        "variables", Map.of("releaseVersion", value("1.4.0"))));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("type").asText()).isNotBlank();
    assertThat(reply.message())
        .contains("Cannot start \"Form validation test\": required fields missing:")
        .contains("\"Target environment\" (environment)")
        .contains("\"Observation window (hours)\" (observationHours)")
        .contains("\"Change approved\" (changeApproved)")
        .doesNotContain("(releaseVersion)");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).count())
        .isEqualTo(before);
    assertThat(runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey).count()).isZero();
  }

  @Test
  void startWithOutOfRangeFieldIsRejectedNamingTheRule() throws IOException {
    Map<String, Object> variables = validStartVariables();
    variables.put("observationHours", value(72));

    Reply reply = post("/process-definition/key/" + KEY + "/start",
        Map.of("variables", variables));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).contains(
        "invalid fields: \"Observation window (hours)\" (observationHours) must be at most 48");
  }

  @Test
  void submitStartFormWithoutRequiredFieldsIsRejected() throws IOException {
    String businessKey = uniqueBusinessKey();

    Reply reply = post("/process-definition/key/" + KEY + "/submit-form", Map.of(
        "businessKey", businessKey,
        "variables", Map.of("changeApproved", value(false))));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).contains("\"Change approved\" (changeApproved)",
        "\"Release version\" (releaseVersion)");
    assertThat(runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey).count()).isZero();
  }

  @Test
  void startWithValidStartFieldsCreatesTheInstance() throws IOException {
    Reply reply = post("/process-definition/key/" + KEY + "/start",
        Map.of("variables", validStartVariables()));

    assertThat(reply.status()).isEqualTo(200);
    String id = reply.json().path("id").asText();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(id).count())
        .isOne();
  }

  // ------------------------------------------------------------------ task form

  @Test
  void completeWithoutRequiredFieldsIsRejectedAndTaskStaysOpen() throws IOException {
    Task task = startAndGetTask();

    Reply reply = post("/task/" + task.getId() + "/complete", Map.of("variables", Map.of(
        "decision", value("proceed"),
        "smokeTests", json("[\"api\"]"))));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("type").asText()).isEqualTo("RestException");
    assertThat(reply.message()).startsWith("Cannot complete task " + task.getId()
        + ": Cannot complete \"Infrastructure Preparation\":"
        + " required fields missing:"
        + " \"Kubernetes cluster created (if using K8s)\" (kubernetesClusterCreated),"
        + " \"DNS records created\" (dnsRecordsCreated)");
    assertTaskOpen(task);
    // the rolled-back attempt leaves none of its variables behind
    assertThat(runtimeService.getVariable(task.getProcessInstanceId(), "decision")).isNull();
  }

  @Test
  void uncheckedRequiredCheckboxIsRejected() throws IOException {
    Task task = startAndGetTask();
    Map<String, Object> variables = validTaskVariables();
    variables.put("dnsRecordsCreated", value(false));

    Reply reply = post("/task/" + task.getId() + "/complete", Map.of("variables", variables));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).contains("\"DNS records created\" (dnsRecordsCreated)")
        .doesNotContain("kubernetesClusterCreated");
    assertTaskOpen(task);
  }

  @Test
  void conditionallyHiddenFieldIsOnlyRequiredWhenShown() throws IOException {
    Task waived = startAndGetTask();
    Map<String, Object> variables = validTaskVariables();
    variables.put("decision", value("waive"));

    Reply shown = post("/task/" + waived.getId() + "/complete", Map.of("variables", variables));

    assertThat(shown.status()).isEqualTo(400);
    assertThat(shown.message()).contains("\"Waiver reason\" (waiverReason)");
    assertTaskOpen(waived);

    variables.put("waiverReason", value("Cluster is shared with release 1.3"));
    assertThat(post("/task/" + waived.getId() + "/complete", Map.of("variables", variables))
        .status()).isEqualTo(204);

    Task proceeding = startAndGetTask();
    Reply hidden = post("/task/" + proceeding.getId() + "/complete",
        Map.of("variables", validTaskVariables()));
    assertThat(hidden.status()).isEqualTo(204);
  }

  @Test
  void submitFormIsValidatedTheSameWay() throws IOException {
    Task task = startAndGetTask();
    Map<String, Object> variables = validTaskVariables();
    variables.remove("smokeTests");

    Reply rejected = post("/task/" + task.getId() + "/submit-form",
        Map.of("variables", variables));

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.message()).contains("\"Smoke tests run\" (smokeTests)");
    assertTaskOpen(task);

    variables.put("smokeTests", json("[\"api\", \"ui\"]"));
    Reply accepted = post("/task/" + task.getId() + "/submit-form",
        Map.of("variables", variables));
    assertThat(accepted.status()).isEqualTo(204);
    assertTaskGone(task);
  }

  @Test
  void completeWithAllFieldsSucceedsAndTaskIsGone() throws IOException {
    Task task = startAndGetTask();

    Reply reply = post("/task/" + task.getId() + "/complete",
        Map.of("variables", validTaskVariables()));

    assertThat(reply.status()).isEqualTo(204);
    assertTaskGone(task);
    assertThat(historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).completed().count()).isOne();
  }

  @Test
  void javaApiIsValidatedToo() {
    Task task = startAndGetTask();

    // The engine wraps whatever a task listener throws (ENGINE-03051); the cause is ours.
    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("decision", "proceed")))
        .hasRootCauseInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("\"DNS records created\" (dnsRecordsCreated)");

    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(KEY))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("\"Release version\" (releaseVersion)");
  }

  // ------------------------------------------------------------------ helpers

  private Task startAndGetTask() {
    Map<String, Object> variables = Map.of("releaseVersion", "1.4.0",
        "environment", "production", "observationHours", 24, "changeApproved", true);
    String id = runtimeService.startProcessInstanceByKey(KEY, variables).getId();
    return taskService.createTaskQuery().processInstanceId(id).singleResult();
  }

  private void assertTaskOpen(Task task) throws IOException {
    assertThat(get("/task/" + task.getId()).status()).isEqualTo(200);
  }

  private void assertTaskGone(Task task) throws IOException {
    assertThat(get("/task/" + task.getId()).status()).isEqualTo(404);
  }

  private static Map<String, Object> validStartVariables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("releaseVersion", value("1.4.0"));
    variables.put("environment", value("production"));
    variables.put("observationHours", value(24));
    variables.put("changeApproved", value(true));
    return variables;
  }

  private static Map<String, Object> validTaskVariables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("kubernetesClusterCreated", value(true));
    variables.put("dnsRecordsCreated", value(true));
    variables.put("replicas", value(3));
    variables.put("smokeTests", json("[\"api\"]"));
    variables.put("decision", value("proceed"));
    return variables;
  }

  /** An untyped variable, as Tasklist sends primitives. */
  private static Map<String, Object> value(Object value) {
    return Map.of("value", value);
  }

  /** A Json variable, as Tasklist sends arrays and objects. */
  private static Map<String, Object> json(String value) {
    return Map.of("value", value, "type", "Json");
  }

  private static String uniqueBusinessKey() {
    return "form-validation-" + UUID.randomUUID();
  }

  private Reply post(String path, Object body) throws IOException {
    RequestBody json = RequestBody.create(JSON.writeValueAsString(body), JSON_TYPE);
    return call(new Request.Builder().url(url(path)).post(json).build());
  }

  private Reply get(String path) throws IOException {
    return call(new Request.Builder().url(url(path)).get().build());
  }

  private Reply call(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      return new Reply(response.code(), response.body() == null ? "" : response.body().string());
    }
  }

  private String url(String path) {
    return "http://localhost:" + port + "/engine-rest" + path;
  }

  private record Reply(int status, String body) {

    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    String message() throws IOException {
      return json().path("message").asText();
    }
  }
}

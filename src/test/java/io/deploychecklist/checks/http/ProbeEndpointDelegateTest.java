package io.deploychecklist.checks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.EvidenceVariables;
import io.deploychecklist.targets.TargetGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProbeEndpointDelegateTest {

  private static final String PROCESS = "process_probeEndpointTest";

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  private MockWebServer server;
  private RuntimeService runtime;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    runtime = engine.getRuntimeService();
    register(new TargetGuard(List.of("localhost", "127.0.0.1"), Dns.SYSTEM));
  }

  private static void register(TargetGuard targets) {
    HttpChecksProperties properties =
        new HttpChecksProperties(
            Duration.ofSeconds(5), Duration.ofSeconds(3), Map.of("docs", ""));
    Mocks.register(
        "probeEndpointDelegate",
        new ProbeEndpointDelegate(new HttpEndpointCheck(properties.timeout(), targets), properties));
  }

  @AfterEach
  void tearDown() throws IOException {
    Mocks.reset();
    server.shutdown();
  }

  @Test
  void recordsPassingEvidenceAsJsonOnTheProcessInstance() throws InterruptedException {
    deploy("baselineHealth", "health");
    server.enqueue(new MockResponse().setResponseCode(200).setBody("{\"status\":\"UP\"}"));

    ProcessInstance instance =
        runtime.startProcessInstanceByKey(
            PROCESS, Map.of("targetBaseUrl", server.url("/app/").toString()));

    assertThat(server.takeRequest().getPath()).isEqualTo("/app/health");
    VariableInstance variable =
        runtime.createVariableInstanceQuery().variableName("check_baselineHealth").singleResult();
    assertThat(variable.getExecutionId()).isEqualTo(instance.getId());
    assertThat(variable.getTypedValue()).isInstanceOf(JsonValue.class);
    Evidence evidence = Evidence.fromJson(variable.getTypedValue().getValue().toString());
    assertThat(evidence.check()).isEqualTo("baselineHealth");
    assertThat(evidence.status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo(server.url("/app/health").toString());
  }

  @Test
  void recordsFailingEvidence() {
    deploy("health", "health");
    server.enqueue(new MockResponse().setResponseCode(503));

    ProcessInstance instance =
        runtime.startProcessInstanceByKey(
            PROCESS, Map.of("targetBaseUrl", server.url("/").toString()));

    assertThat(evidence(instance, "health").status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void aHostThatResolvesToAnAddressThatIsNotAllowedIsNotContactedAndTheEvidenceSaysWhy() {
    // "release.test" resolves to the server's 127.0.0.1; only the name localhost is listed.
    Dns resolver = host -> host.equals("release.test") ? List.of(InetAddress.getByName("127.0.0.1")) : Dns.SYSTEM.lookup(host);
    register(new TargetGuard(List.of("localhost"), resolver));
    deploy("health", "health");
    server.enqueue(new MockResponse().setResponseCode(200));

    ProcessInstance instance = runtime.startProcessInstanceByKey(
        PROCESS, Map.of("targetBaseUrl", "http://release.test:" + server.getPort() + "/app/"));

    Evidence evidence = evidence(instance, "health");
    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.target()).isEqualTo("http://release.test:" + server.getPort() + "/app/health");
    assertThat(evidence.observed()).isEqualTo("not contacted");
    assertThat(evidence.detail()).isEqualTo("host release.test is not an allowed target (it resolves to 127.0.0.1,"
        + " a loopback address); allowed: checklist.targets.allowed-hosts=localhost (and public addresses);"
        + " no connection was made");
    assertThat(server.getRequestCount()).isZero();

    // Listed by name, the same host is probed.
    register(new TargetGuard(List.of("release.test"), resolver));
    ProcessInstance listed = runtime.startProcessInstanceByKey(
        PROCESS, Map.of("targetBaseUrl", "http://release.test:" + server.getPort() + "/app/"));
    assertThat(evidence(listed, "health").status()).isEqualTo(CheckStatus.PASS);
    assertThat(server.getRequestCount()).isOne();
  }

  @Test
  void withoutTargetTheCheckIsSkipped() {
    deploy("readiness", "readiness");

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    Evidence evidence = evidence(instance, "readiness");
    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).isEqualTo("no target URL configured: verify by hand");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void blankPathIsSkippedAndNamesTheConfigurationKey() {
    deploy("docs", "docs");

    ProcessInstance instance =
        runtime.startProcessInstanceByKey(
            PROCESS, Map.of("targetBaseUrl", server.url("/").toString()));

    assertThat(evidence(instance, "docs").detail()).contains("checklist.http.paths.docs");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void unknownEndpointIsAModellingMistake() {
    deploy("metrics", "metrics");

    assertThatThrownBy(
            () ->
                runtime.startProcessInstanceByKey(
                    PROCESS, Map.of("targetBaseUrl", server.url("/").toString())))
        .hasMessageContaining("checklist.http.paths.metrics");
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    Object value = runtime.getVariable(instance.getId(), EvidenceVariables.variableName(checkName));
    assertThat(value).as("evidence of " + checkName).isNotNull();
    return Evidence.fromJson(value.toString());
  }

  private void deploy(String checkName, String endpoint) {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(PROCESS)
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("serviceTask_probe")
            .camundaDelegateExpression("${probeEndpointDelegate}")
            .camundaInputParameter("checkName", checkName)
            .camundaInputParameter("endpoint", endpoint)
            .userTask("userTask_wait")
            .endEvent()
            .done();
    engine.manageDeployment(
        engine.getRepositoryService()
            .createDeployment()
            .addModelInstance(PROCESS + ".bpmn", model)
            .deploy());
  }
}

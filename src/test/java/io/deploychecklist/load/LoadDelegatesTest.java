package io.deploychecklist.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.EvidenceVariables;
import io.deploychecklist.evidence.SlaProperties;
import io.deploychecklist.targets.TargetGuard;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoadDelegatesTest {

  private static final String PROCESS = "process_loadDelegatesTest";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  private MockWebServer server;
  private RuntimeService runtime;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setBody("{\"status\":\"UP\"}");
      }
    });
    server.start();
    runtime = engine.getRuntimeService();
    register(new LoadProperties("/health", 100, Duration.ofMillis(1100), Duration.ofSeconds(5), 150,
        Duration.ofSeconds(30), List.of(), 0.5, Duration.ofMillis(1)));
  }

  @AfterEach
  void tearDown() throws IOException {
    Mocks.reset();
    server.shutdown();
  }

  @Test
  void runsAgainstTheTargetAndStoresTheP95ForTheComparison() throws InterruptedException {
    deployLoad(Map.of("checkName", "loadBaseline"));

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, target());

    Evidence evidence = evidence(instance, "loadBaseline");
    assertThat(evidence.status()).as(evidence.observed()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.target()).isEqualTo(server.url("/app/health").toString());
    assertThat(evidence.observed()).contains("110 requests at 100/s");
    assertThat(runtime.getVariable(instance.getId(), "loadBaselineP95Ms")).isInstanceOf(Long.class);
    assertThat(server.getRequestCount()).isEqualTo(110);
    assertThat(server.takeRequest().getPath()).isEqualTo("/app/health");
  }

  @Test
  void inputMappingsOverrideRateAndDurationWithinTheBounds() {
    deployLoad(Map.of("checkName", "loadAfterDeployment", "rate", "120", "duration", "PT1S", "path", "/ready"));

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, target());

    assertThat(evidence(instance, "loadAfterDeployment").observed()).contains("120 requests at 120/s over 1 s");
    assertThat(server.getRequestCount()).isEqualTo(120);
  }

  @Test
  void aRateAboveTheMaximumIsRefusedBeforeAnythingIsSent() {
    deployLoad(Map.of("checkName", "loadBaseline", "rate", "500"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS, target()))
        .hasMessageContaining("load refused, nothing was sent: the rate 500/s is above checklist.load.max-rate (150/s)");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aHostOtherThanTheTargetIsRefused() {
    deployLoad(Map.of("checkName", "loadBaseline", "url", "http://payments.internal.example/health"));

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS, target()))
        .hasMessageContaining("the host payments.internal.example is not allowed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aTargetThatIsNotAnAllowedTargetFailsWithoutASingleRequest() {
    // The server is on 127.0.0.1, reached through a name that is not listed.
    register(new LoadProperties("/health", 100, Duration.ofMillis(1100), Duration.ofSeconds(5), 150,
        Duration.ofSeconds(30), List.of(), 0.5, Duration.ofMillis(1)), new TargetGuard(List.of(), Dns.SYSTEM));
    deployLoad(Map.of("checkName", "loadBaseline"));

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, target());

    Evidence evidence = evidence(instance, "loadBaseline");
    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("not contacted");
    assertThat(evidence.detail()).startsWith("host " + server.getHostName() + " is not an allowed target (")
        .contains("loopback address", "public addresses only", "no request was sent");
    assertThat(server.getRequestCount()).isZero();
    assertThat(runtime.getVariable(instance.getId(), "loadBaselineP95Ms")).isNull();
  }

  @Test
  void withoutTargetTheLoadIsSkippedAndNoP95IsStored() {
    deployLoad(Map.of("checkName", "loadBaseline"));

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    Evidence evidence = evidence(instance, "loadBaseline");
    assertThat(evidence.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence.detail()).contains("run the performance baseline by hand");
    assertThat(runtime.getVariable(instance.getId(), "loadBaselineP95Ms")).isNull();
  }

  @Test
  void aBlankPathSwitchesTheLoadOff() {
    register(LoadProperties.withPath(""));
    deployLoad(Map.of("checkName", "loadBaseline"));

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, target());

    assertThat(evidence(instance, "loadBaseline").detail()).contains("checklist.load.path is blank");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void comparesThePostDeploymentP95WithTheBaseline() {
    deployComparison();

    ProcessInstance degraded = runtime.startProcessInstanceByKey(PROCESS,
        Map.of("loadBaselineP95Ms", 80L, "loadAfterDeploymentP95Ms", 130L));
    ProcessInstance fine = runtime.startProcessInstanceByKey(PROCESS,
        Map.of("loadBaselineP95Ms", 80L, "loadAfterDeploymentP95Ms", 100L));
    ProcessInstance unmeasured = runtime.startProcessInstanceByKey(PROCESS,
        Map.of("loadAfterDeploymentP95Ms", 100L));

    assertThat(evidence(degraded, "performanceDegradation").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence(fine, "performanceDegradation").status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence(unmeasured, "performanceDegradation").status()).isEqualTo(CheckStatus.SKIPPED);
  }

  private Map<String, Object> target() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("targetBaseUrl", server.url("/app/").toString());
    return variables;
  }

  private void register(LoadProperties properties) {
    register(properties, new TargetGuard(List.of("localhost", "127.0.0.1"), Dns.SYSTEM));
  }

  private void register(LoadProperties properties, TargetGuard targets) {
    Mocks.register("runLoadBaselineDelegate",
        new RunLoadBaselineDelegate(new LoadBaseline(targets), properties, SlaProperties.defaults(), targets));
    Mocks.register("compareWithBaselineDelegate", new CompareWithBaselineDelegate(properties));
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    Object value = runtime.getVariable(instance.getId(), EvidenceVariables.variableName(checkName));
    assertThat(value).as("evidence of " + checkName).isNotNull();
    return Evidence.fromJson(value.toString());
  }

  private void deployLoad(Map<String, String> inputs) {
    deploy("${runLoadBaselineDelegate}", inputs);
  }

  private void deployComparison() {
    deploy("${compareWithBaselineDelegate}", Map.of("baseline", "loadBaseline", "current", "loadAfterDeployment"));
  }

  private void deploy(String delegate, Map<String, String> inputs) {
    ServiceTaskBuilder task = Bpmn.createExecutableProcess(PROCESS)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("serviceTask_load")
        .camundaDelegateExpression(delegate);
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      task = task.camundaInputParameter(input.getKey(), input.getValue());
    }
    engine.manageDeployment(engine.getRepositoryService().createDeployment()
        .addModelInstance(PROCESS + ".bpmn", task.userTask("userTask_wait").endEvent().done())
        .deploy());
  }
}

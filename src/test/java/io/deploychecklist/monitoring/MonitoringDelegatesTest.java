package io.deploychecklist.monitoring;

import static io.deploychecklist.monitoring.FakeMonitoring.alertingRule;
import static io.deploychecklist.monitoring.FakeMonitoring.rules;
import static io.deploychecklist.monitoring.FakeMonitoring.single;
import static io.deploychecklist.monitoring.FakeMonitoring.vector;
import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.EvidenceVariables;
import io.deploychecklist.evidence.SlaProperties;
import java.io.IOException;
import java.time.Duration;
import okhttp3.mockwebserver.MockWebServer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MonitoringDelegatesTest {

  private static final String PROCESS = "process_monitoringDelegatesTest";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  private final FakeMonitoring fake = new FakeMonitoring();
  private MockWebServer server;
  private RuntimeService runtime;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(fake);
    server.start();
    runtime = engine.getRuntimeService();
  }

  @AfterEach
  void tearDown() throws IOException {
    Mocks.reset();
    server.shutdown();
  }

  @Test
  void monitoringStackEvidenceForEveryComponent() {
    String url = server.url("/").toString();
    register(new MonitoringProperties(
        new MonitoringProperties.Prometheus(url, "deployment-target", null, null),
        new MonitoringProperties.Grafana(url), new MonitoringProperties.Jaeger(null), Duration.ofSeconds(5)));
    fake.path("/-/ready", 200, "Prometheus Server is Ready.\n")
        .query("up{job=\"deployment-target\"}", vector("app-1:8080", "0"))
        .path("/api/v1/rules", 200, rules(alertingRule("HighErrorRate", "inactive", "ok", null)))
        .path("/api/health", 200, "{\"database\":\"ok\",\"version\":\"11.3.0\"}");
    deploy("${checkMonitoringDelegate}", null);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    assertThat(evidence(instance, "prometheus").status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence(instance, "scrapeTarget").status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence(instance, "alertRules").status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence(instance, "grafana").status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence(instance, "jaeger").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(runtime.<JsonValue>getVariableTyped(instance.getId(), "check_prometheus")).isInstanceOf(JsonValue.class);
  }

  @Test
  void slaMetricsWithAPrefixForTheObservationWindow() {
    String url = server.url("/").toString();
    register(new MonitoringProperties(
        new MonitoringProperties.Prometheus(url, "deployment-target", "job:errors:ratio5m{job=\"$job\"}", "job:latency:p95{job=\"$job\"}"),
        null, null, Duration.ofSeconds(5)));
    fake.query("job:errors:ratio5m{job=\"deployment-target\"}", single("0.0001"))
        .query("job:latency:p95{job=\"deployment-target\"}", single("0.8"));
    deploy("${checkSlaMetricsDelegate}", "observation");

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    assertThat(evidence(instance, "observationErrorRate").status()).isEqualTo(CheckStatus.PASS);
    Evidence p95 = evidence(instance, "observationP95Latency");
    assertThat(p95.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(p95.observed()).isEqualTo("p95 800 ms");
    assertThat(runtime.getVariable(instance.getId(), "check_errorRate")).isNull();
  }

  @Test
  void nothingConfiguredRecordsSkippedEvidence() {
    register(new MonitoringProperties(null, null, null, null));
    deploy("${checkSlaMetricsDelegate}", null);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    assertThat(evidence(instance, "errorRate").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(evidence(instance, "p95Latency").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(server.getRequestCount()).isZero();
  }

  private void register(MonitoringProperties properties) {
    MonitoringChecks checks = new MonitoringChecks(properties.timeout());
    Mocks.register("checkMonitoringDelegate", new CheckMonitoringDelegate(checks, properties));
    Mocks.register("checkSlaMetricsDelegate", new CheckSlaMetricsDelegate(checks, properties, SlaProperties.defaults()));
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    Object value = runtime.getVariable(instance.getId(), EvidenceVariables.variableName(checkName));
    assertThat(value).as("evidence of " + checkName).isNotNull();
    return Evidence.fromJson(value.toString());
  }

  private void deploy(String delegate, String prefix) {
    ServiceTaskBuilder task = Bpmn.createExecutableProcess(PROCESS)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("serviceTask_check")
        .camundaDelegateExpression(delegate);
    if (prefix != null) {
      task = task.camundaInputParameter("checkPrefix", prefix);
    }
    engine.manageDeployment(engine.getRepositoryService().createDeployment()
        .addModelInstance(PROCESS + ".bpmn", task.userTask("userTask_wait").endEvent().done())
        .deploy());
  }
}

package io.deploychecklist.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.evidence.EvidenceVariables;
import io.deploychecklist.evidence.SecretSource;
import io.deploychecklist.evidence.SlaProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring delegates in a process, against a real Prometheus scraping {@link MetricsTarget}
 * and a real Alertmanager (skipped by name when Debian's packages are not installed).
 */
class MonitoringDelegatesTest {

  private static final String PROCESS = "process_monitoringDelegatesTest";
  private static final String JOB = "deployment-target";

  @RegisterExtension
  static ProcessEngineExtension engine =
      ProcessEngineExtension.builder().configurationResource("checks-engine.cfg.xml").build();

  @TempDir static Path dir;
  private static MetricsTarget target;
  private static MonitoringServerProcess prometheus;
  private static MonitoringServerProcess alertmanager;

  private RuntimeService runtime;

  private static synchronized MonitoringServerProcess prometheus() {
    if (prometheus == null) {
      target = new MetricsTarget()
          .set("http_error_ratio", 0.0001)
          .set("p95_seconds", 0.8)
          .set("cpu_usage_ratio", 0.35)
          .set("memory_usage_ratio", 0.62)
          .set("db_timeouts_total", 0);
      prometheus = MonitoringServerProcess.prometheus(dir.resolve("prometheus"), Map.of(
          JOB, List.of(target.hostPort()),
          "half-down", List.of(target.hostPort(), "127.0.0.1:" + MonitoringServerProcess.freePort())));
    }
    return prometheus;
  }

  private static synchronized MonitoringServerProcess alertmanager() {
    if (alertmanager == null) {
      alertmanager = MonitoringServerProcess.alertmanager(dir.resolve("alertmanager"), AlertRoutingCheckTest.CONFIG);
    }
    return alertmanager;
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable server : new AutoCloseable[] {prometheus, alertmanager, target}) {
      try {
        if (server != null) {
          server.close();
        }
      } catch (Exception ignored) {
        // stopping anyway
      }
    }
  }

  @BeforeEach
  void setUp() {
    runtime = engine.getRuntimeService();
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  @Test
  void monitoringStackEvidenceForEveryComponent() throws Exception {
    MonitoringServerProcess prometheus = prometheus();
    prometheus.rules("""
        groups:
          - name: content-generator
            rules:
              - {alert: HighErrorRate, expr: 'http_error_ratio > 0.001'}
              - {alert: HighLatency, expr: 'p95_seconds > 5'}
              - {alert: ServiceDown, expr: 'up{job="deployment-target"} == 0'}
              - {alert: DatabaseConnectionsExhausted, expr: 'absent(nothing_here) * 0 > 1'}
              - {alert: HighCpuUsage, expr: 'cpu_usage_ratio > 0.9'}
        """, 5);
    String alertmanagerUrl = alertmanager().url();
    try (MockWebServer grafana = new MockWebServer()) {
      grafana.enqueue(new MockResponse().setBody("{\"database\":\"ok\",\"version\":\"11.3.0\"}"));
      grafana.enqueue(new MockResponse().setBody(MonitoringChecksTest.DASHBOARDS));
      register(new MonitoringProperties(
          new MonitoringProperties.Prometheus(prometheus.url(), "half-down", null, null, null), null, null,
          new MonitoringProperties.Alertmanager(alertmanagerUrl, Map.of("job", JOB), null),
          MonitoringProperties.Grafana.at(grafana.url("/").toString()), new MonitoringProperties.Jaeger(null), Duration.ofSeconds(5)));
      deploy("${checkMonitoringDelegate}", null, false, false);

      ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

      assertThat(evidence(instance, "prometheus").status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence(instance, "scrapeTarget").status()).isEqualTo(CheckStatus.FAIL);
      assertThat(evidence(instance, "alertRules").status()).isEqualTo(CheckStatus.PASS);
      assertThat(evidence(instance, "alertKinds").status()).isEqualTo(CheckStatus.PASS);
      Evidence gaps = evidence(instance, "metricGaps");
      assertThat(gaps.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(gaps.detail()).contains("scrapes failed (up 0)");
      Evidence certificates = evidence(instance, "certificateExpiryAlert");
      assertThat(certificates.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(certificates.detail()).startsWith("no loaded alerting rule for: certificate expiry (name ~ /");
      Evidence routing = evidence(instance, "alertRouting");
      assertThat(routing.status()).isEqualTo(CheckStatus.PASS);
      assertThat(routing.observed()).contains("receiver 'content-team'");
      assertThat(evidence(instance, "grafana").status()).isEqualTo(CheckStatus.PASS);
      Evidence dashboards = evidence(instance, "grafanaDashboards");
      assertThat(dashboards.status()).isEqualTo(CheckStatus.PASS);
      assertThat(dashboards.observed()).startsWith("4 of 4 kinds among 4 dashboards: application overview: 'Content Generator Overview'");
      grafana.takeRequest();
      assertThat(grafana.takeRequest().getHeader("Authorization")).as("the token of CHECKLIST_GRAFANA_TOKEN").isEqualTo("Bearer glsa_t0ken");
      assertThat(evidence(instance, "jaeger").status()).isEqualTo(CheckStatus.SKIPPED);
      assertThat(runtime.<JsonValue>getVariableTyped(instance.getId(), "check_alertKinds")).isInstanceOf(JsonValue.class);
    }
  }

  @Test
  void alertRoutingFollowsTheScrapeJobWhenNoLabelsAreConfigured() {
    String prometheusUrl = prometheus().url();
    register(new MonitoringProperties(
        new MonitoringProperties.Prometheus(prometheusUrl, "content-generator", null, null, null), null, null,
        new MonitoringProperties.Alertmanager(alertmanager().url(), null, null), null, null, null));
    deploy("${checkMonitoringDelegate}", "verification", false, false);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    Evidence routing = evidence(instance, "verificationAlertRouting");
    assertThat(routing.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(routing.threshold()).startsWith("alerts {job=\"content-generator\"}");
    assertThat(routing.detail()).contains("routed to nowhere");
  }

  @Test
  void slaMetricsAndResourcesWithAPrefixForTheObservationWindowAndTheMemoryGrowthOverIt() {
    MonitoringServerProcess prometheus = slaAndResourcesAtMemory(0.62);
    deploy("${checkSlaMetricsDelegate}", "observation", true, true);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    assertThat(evidence(instance, "observationErrorRate").status()).isEqualTo(CheckStatus.PASS);
    Evidence p95 = evidence(instance, "observationP95Latency");
    assertThat(p95.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(p95.observed()).isEqualTo("p95 800 ms");
    assertThat(evidence(instance, "observationCpu").status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence(instance, "observationMemory").status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence(instance, "observationDatabaseConnections").status()).isEqualTo(CheckStatus.SKIPPED);
    Evidence connectionErrors = evidence(instance, "observationDatabaseConnectionErrors");
    assertThat(connectionErrors.status()).isEqualTo(CheckStatus.PASS);
    assertThat(connectionErrors.observed()).isEqualTo("0.0 database connection errors or timeouts");
    assertThat(evidence(instance, "observationMemoryGrowth").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(runtime.getVariable(instance.getId(), "observationMemoryStart")).isEqualTo(0.62);
    assertThat(runtime.getVariable(instance.getId(), "check_errorRate")).isNull();

    // The memory climbs until the next re-check: a leak, and above the memory threshold.
    target.set("memory_usage_ratio", 0.9);
    prometheus.awaitQuery("memory_usage_ratio{job=\"deployment-target\"}", "\"0.9\"");
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());

    Evidence growth = evidence(instance, "observationMemoryGrowth");
    assertThat(growth.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(growth.observed()).startsWith("memory 90.0 %, +45.2 % since 62.0 % at ");
    Evidence memory = evidence(instance, "observationMemory");
    assertThat(memory.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(memory.observed()).isEqualTo("memory 90.0 %");
    assertThat(runtime.getVariable(instance.getId(), "observationMemoryStart")).as("the start stays").isEqualTo(0.62);
  }

  /**
   * The deployment's verification runs once: without measureMemoryGrowth it records no memory growth
   * (there is no earlier measurement to grow from) and keeps no start, though it measures the memory.
   */
  @Test
  void aTaskThatRunsOnceRecordsNoMemoryGrowth() {
    slaAndResourcesAtMemory(0.62);
    deploy("${checkSlaMetricsDelegate}", "verification", false, false);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    Evidence memory = evidence(instance, "verificationMemory");
    assertThat(memory.status()).isEqualTo(CheckStatus.PASS);
    assertThat(memory.observed()).isEqualTo("memory 62.0 %");
    assertThat(runtime.getVariable(instance.getId(), EvidenceVariables.variableName("verificationMemoryGrowth"))).isNull();
    assertThat(runtime.getVariable(instance.getId(), "verificationMemoryStart")).isNull();
    assertThat(runtime.getVariable(instance.getId(), "verificationMemoryStartedAt")).isNull();
  }

  @Test
  void nothingConfiguredRecordsSkippedEvidence() {
    register(new MonitoringProperties(null, null, null, null, null, null, null));
    deploy("${checkSlaMetricsDelegate}", null, false, true);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    for (String check : List.of("errorRate", "p95Latency", "cpu", "memory", "databaseConnections", "databaseConnectionErrors",
        "memoryGrowth")) {
      assertThat(evidence(instance, check).status()).as(check).isEqualTo(CheckStatus.SKIPPED);
    }
    assertThat(runtime.getVariable(instance.getId(), "memoryStart")).isNull();
  }

  @Test
  void nothingConfiguredSkipsTheWholeMonitoringStack() {
    register(new MonitoringProperties(null, null, null, null, null, null, null));
    deploy("${checkMonitoringDelegate}", null, false, false);

    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);

    for (String check : List.of("prometheus", "scrapeTarget", "metricGaps", "alertRules", "alertKinds", "certificateExpiryAlert",
        "alertRouting", "grafana", "grafanaDashboards", "jaeger")) {
      assertThat(evidence(instance, check).status()).as(check).isEqualTo(CheckStatus.SKIPPED);
    }
  }

  /** The SLA and resource queries against the real Prometheus, once it has scraped the target's memory at {@code ratio}. */
  private MonitoringServerProcess slaAndResourcesAtMemory(double ratio) {
    MonitoringServerProcess prometheus = prometheus();
    target.set("memory_usage_ratio", ratio);
    prometheus.awaitQuery("memory_usage_ratio{job=\"deployment-target\"}", "\"" + ratio + "\"");
    register(new MonitoringProperties(
        new MonitoringProperties.Prometheus(prometheus.url(), JOB, "http_error_ratio{job=\"$job\"}", "p95_seconds{job=\"$job\"}", null),
        new MonitoringProperties.Resources("cpu_usage_ratio{job=\"$job\"}", "memory_usage_ratio{job=\"$job\"}", null,
            "max(db_timeouts_total{job=\"$job\"})", null, null, null, null),
        null, null, null, null, null));
    return prometheus;
  }

  private void register(MonitoringProperties properties) {
    MonitoringChecks checks = new MonitoringChecks(properties.timeout());
    SecretSource secrets = name -> "CHECKLIST_GRAFANA_TOKEN".equals(name) ? "glsa_t0ken" : null;
    Mocks.register("checkMonitoringDelegate", new CheckMonitoringDelegate(checks, properties, secrets));
    Mocks.register("checkSlaMetricsDelegate", new CheckSlaMetricsDelegate(checks, properties, SlaProperties.defaults()));
  }

  private Evidence evidence(ProcessInstance instance, String checkName) {
    Object value = runtime.getVariable(instance.getId(), EvidenceVariables.variableName(checkName));
    assertThat(value).as("evidence of " + checkName).isNotNull();
    return Evidence.fromJson(value.toString());
  }

  /**
   * start, the delegate, a wait state, and with {@code twice} the delegate again (a re-check) and
   * another wait state; {@code memoryGrowth} gives the delegate measureMemoryGrowth "true".
   */
  private void deploy(String delegate, String prefix, boolean twice, boolean memoryGrowth) {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent();
    flow = check(flow, "serviceTask_check", delegate, prefix, memoryGrowth).userTask("userTask_wait");
    if (twice) {
      flow = check(flow, "serviceTask_recheck", delegate, prefix, memoryGrowth).userTask("userTask_waitAgain");
    }
    engine.manageDeployment(engine.getRepositoryService().createDeployment()
        .addModelInstance(PROCESS + ".bpmn", flow.endEvent().done())
        .deploy());
  }

  private static AbstractFlowNodeBuilder<?, ?> check(AbstractFlowNodeBuilder<?, ?> flow, String id, String delegate, String prefix,
      boolean memoryGrowth) {
    var task = flow.serviceTask(id).camundaDelegateExpression(delegate);
    if (prefix != null) {
      task = task.camundaInputParameter("checkPrefix", prefix);
    }
    if (memoryGrowth) {
      task = task.camundaInputParameter("measureMemoryGrowth", "true");
    }
    return task;
  }
}

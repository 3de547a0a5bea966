package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.deploychecklist.TestSecrets;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.monitoring.MetricsTarget;
import io.deploychecklist.monitoring.MonitoringServerProcess;
import io.deploychecklist.process.DeploymentDay.Values;
import io.deploychecklist.process.PostDeployment.Checks;
import io.deploychecklist.process.ProductionDeployment.Elements;
import io.deploychecklist.process.ProductionDeployment.Errors;
import io.deploychecklist.process.ProductionDeployment.Outcome;
import io.deploychecklist.process.ProductionDeployment.Vars;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The release against Debian's real monitoring stack, each server started before the application
 * and each test skipped by name when its server's package is not installed.
 *
 * <p>Section 10's "test alert sent and received", against Alertmanager: the release posts a
 * synthetic alert, waits in its model, and Alertmanager delivers it to the application's webhook
 * (PASS); routed to nowhere, the release's timer fires once the clock is moved past the timeout
 * (FAIL, to the deployment managers' review).
 *
 * <p>The observation window's re-check of the SLA metrics and the target's resources, against
 * Prometheus scraping a {@link MetricsTarget} whose gauges the test sets: the CPU going above its
 * threshold is an SLA breach that rolls the release back ({@code SLA_BREACH}, the failed evidence as
 * the reason); with every resource within its threshold each re-check passes and the release goes
 * live. Prometheus also holds an alerting rule of each kind the monitoring checks look for, so the
 * monitoring checks before the deployment and in section 10 pass against it.
 *
 * <p>The test has an application context of its own: the URLs of Alertmanager and Prometheus and
 * the PromQL queries are read at start-up, and Alertmanager must know the application's port, so
 * the port is picked before the application starts.
 */
class MonitoringStackProcessTest extends ReleaseProcessTest {

  private static final String TOKEN = "alert-webhook-test-token";
  private static final int APP_PORT = MonitoringServerProcess.freePort();

  /**
   * The target's scrape job. The queries name it themselves: with checklist.monitoring.prometheus.job
   * unset, the scrape target, metric gaps and alert routing checks stay SKIPPED, and the test alert
   * routed to nowhere fails nothing but the test alert.
   */
  private static final String JOB = "orders";
  private static final String ERROR_RATE_QUERY = "max(http_error_ratio{job=\"orders\"})";
  private static final String P95_QUERY = "max(http_p95_seconds{job=\"orders\"})";
  private static final String CPU_QUERY = "max(cpu_usage_ratio{job=\"orders\"})";
  private static final String MEMORY_QUERY = "max(memory_usage_ratio{job=\"orders\"})";
  private static final String CONNECTIONS_QUERY =
      "max(hikaricp_connections_active{job=\"orders\"} / hikaricp_connections_max{job=\"orders\"})";
  private static final String CONNECTION_ERRORS_QUERY = "sum(hikaricp_connections_timeout_total{job=\"orders\"})";

  /** An alerting rule of each kind section 5 requires, and one on expiring certificates. */
  private static final String RULES = """
      groups:
        - name: orders
          rules:
            - {alert: HighErrorRate, expr: 'http_error_ratio{job="orders"} > 0.001'}
            - {alert: HighLatency, expr: 'http_p95_seconds{job="orders"} > 0.5'}
            - {alert: ServiceDown, expr: 'up{job="orders"} == 0'}
            - {alert: DatabaseConnectionPoolExhausted, expr: 'hikaricp_connections_active / hikaricp_connections_max > 0.8'}
            - {alert: HighCpuUsage, expr: 'cpu_usage_ratio{job="orders"} > 0.7'}
            - {alert: CertificateExpiringSoon, expr: 'probe_ssl_earliest_cert_expiry - time() < 30 * 86400'}
      """;

  private static Path dir;
  private static MonitoringServerProcess alertmanager;
  private static MonitoringServerProcess prometheus;
  private static MetricsTarget metrics;

  @Autowired TestSecrets secrets;

  @DynamicPropertySource
  static void monitoringStack(DynamicPropertyRegistry properties) throws IOException {
    dir = Files.createTempDirectory("monitoring-stack-");
    properties.add("spring.datasource.url", () -> "jdbc:h2:mem:monitoring-stack;DB_CLOSE_DELAY=-1");
    properties.add("server.port", () -> APP_PORT);
    if (MonitoringServerProcess.alertmanagerInstalled()) {
      Files.writeString(dir.resolve("token"), TOKEN);
      alertmanager = MonitoringServerProcess.alertmanager(dir.resolve("alertmanager"), alertmanagerConfig(true));
      properties.add("checklist.monitoring.alertmanager.url", alertmanager::url);
    }
    if (MonitoringServerProcess.prometheusInstalled()) {
      metrics = new MetricsTarget();
      withinThresholds(metrics);
      prometheus = MonitoringServerProcess.prometheus(dir.resolve("prometheus"), Map.of(JOB, List.of(metrics.hostPort())));
      prometheus.rules(RULES, 6);
      properties.add("checklist.monitoring.prometheus.url", prometheus::url);
      properties.add("checklist.monitoring.prometheus.error-rate-query", () -> ERROR_RATE_QUERY);
      properties.add("checklist.monitoring.prometheus.p95-query", () -> P95_QUERY);
      properties.add("checklist.monitoring.resources.cpu-query", () -> CPU_QUERY);
      properties.add("checklist.monitoring.resources.memory-query", () -> MEMORY_QUERY);
      properties.add("checklist.monitoring.resources.database-connections-query", () -> CONNECTIONS_QUERY);
      properties.add("checklist.monitoring.resources.database-connection-errors-query", () -> CONNECTION_ERRORS_QUERY);
    }
  }

  /** Alertmanager's configuration: every alert to the checklist's webhook, or to a receiver without any. */
  private static String alertmanagerConfig(boolean toTheWebhook) {
    return """
        route:
          receiver: %s
          group_by: [alertname, checklistToken]
          group_wait: 1s
          group_interval: 1s
        receivers:
          - name: checklist
            webhook_configs:
              - url: http://127.0.0.1:%d/api/alerts/webhook
                send_resolved: false
                http_config:
                  authorization:
                    type: Bearer
                    credentials_file: %s
          - name: nowhere
        """.formatted(toTheWebhook ? "checklist" : "nowhere", APP_PORT, dir.resolve("token"));
  }

  /** The target's metrics as a healthy service's: every one well within the SLA and the default thresholds. */
  private static void withinThresholds(MetricsTarget target) {
    target.set("http_error_ratio", 0.0002)
        .set("http_p95_seconds", 0.12)
        .set("cpu_usage_ratio", 0.35)
        .set("memory_usage_ratio", 0.62)
        .set("hikaricp_connections_active", 4)
        .set("hikaricp_connections_max", 10)
        .set("hikaricp_connections_timeout_total", 0);
  }

  @AfterAll
  static void stopTheStack() throws IOException {
    if (alertmanager != null) {
      alertmanager.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    if (dir != null) {
      FileSystemUtils.deleteRecursively(dir);
    }
  }

  @BeforeEach
  void webhookOnAndTargetHealthy() {
    secrets.set("CHECKLIST_ALERT_WEBHOOK_TOKEN", TOKEN);
    if (alertmanager != null) {
      alertmanager.writeFile("alertmanager.yml", alertmanagerConfig(true));
      alertmanager.reload();
    }
    if (prometheus != null) {
      withinThresholds(metrics);
      awaitPrometheus(CPU_QUERY, 0.35);
      awaitPrometheus(MEMORY_QUERY, 0.62);
    }
  }

  @AfterEach
  void webhookOff() {
    secrets.remove("CHECKLIST_ALERT_WEBHOOK_TOKEN");
  }

  // ---- the test alert (section 10), against Alertmanager

  @Test
  void aTestAlertThatAlertmanagerDeliversPasses() {
    MonitoringServerProcess.requireAlertmanager();
    start();
    reachTheMonitoringChecks();

    Evidence evidence = awaitTestAlertEvidence(Duration.ofSeconds(60));

    assertThat(evidence.status()).as(evidence.toString()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence.observed()).startsWith("delivered after ");
    assertThat(openTaskKeys()).contains(DeploymentDay.Elements.MONITORING_VERIFICATION)
        .doesNotContain(DeploymentDay.Elements.REVIEW_FAILED_CHECKS);
  }

  @Test
  void aTestAlertRoutedToNowhereFailsWhenTheClockPassesTheTimeout() {
    MonitoringServerProcess.requireAlertmanager();
    alertmanager.writeFile("alertmanager.yml", alertmanagerConfig(false));
    alertmanager.reload();
    start();
    reachTheMonitoringChecks();
    assertThat(hasTask(DeploymentDay.Elements.MONITORING_VERIFICATION)).isFalse();
    alertmanager.await("/api/v2/alerts", alerts -> alerts.contains("ChecklistTestAlert") && alerts.contains(version),
        "the release's test alert");
    runDueJobs();
    assertThat(evidence(DeploymentDay.Checks.TEST_ALERT)).as("Alertmanager has the alert, the release still waits").isEmpty();

    advance(Duration.ofMinutes(5).plusSeconds(1));
    runDueJobs();

    Evidence evidence = evidence(DeploymentDay.Checks.TEST_ALERT).orElseThrow();
    assertThat(evidence.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(evidence.observed()).isEqualTo("not delivered within 5 min");
    assertThat(evidence.detail()).contains("alertname=ChecklistTestAlert");
    assertThat((String) tasks.getVariable(task(DeploymentDay.Elements.REVIEW_FAILED_CHECKS).getId(), "failedChecksSummary"))
        .contains(DeploymentDay.Checks.TEST_ALERT);
  }

  private void reachTheMonitoringChecks() {
    passPreDeployment();
    executeDeployment();
    complete(DeploymentDay.Elements.POST_DEPLOYMENT_VERIFICATION,
        Map.of(DeploymentDay.Vars.VERIFICATION_RESULT, Values.PASSED));
  }

  /** Both phases; section 10 once Alertmanager has delivered the test alert (at once when it is not installed: SKIPPED). */
  private void passPreDeploymentAndDeploymentDay() {
    reachTheMonitoringChecks();
    assertThat(awaitTestAlertEvidence(Duration.ofSeconds(60)).status()).isNotEqualTo(CheckStatus.FAIL);
    complete(DeploymentDay.Elements.MONITORING_VERIFICATION, DeploymentDay.Elements.DOCUMENTATION);
  }

  /** Runs the release's jobs while Alertmanager delivers (a real server, in real time), until the evidence is there. */
  private Evidence awaitTestAlertEvidence(Duration limit) {
    return Awaitility.await("the test alert's evidence").atMost(limit).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          runDueJobs();
          return evidence(DeploymentDay.Checks.TEST_ALERT);
        }, Optional::isPresent)
        .orElseThrow();
  }

  // ---- the observation window's re-check of the SLA metrics and resources, against Prometheus

  @Test
  void aCpuAboveItsThresholdInTheObservationWindowRollsTheReleaseBack() {
    MonitoringServerProcess.requirePrometheus();
    ProcessInstance release = start();
    passPreDeploymentAndDeploymentDay();
    assertThat(evidence(DeploymentDay.Checks.CPU).orElseThrow().observed())
        .as("the deployment's verification measured the CPU too").isEqualTo("CPU 35.0 %");
    passTheFirstRecheck(release);

    metrics.set("cpu_usage_ratio", 0.93);
    awaitPrometheus(CPU_QUERY, 0.93);
    advance(Duration.ofMinutes(15));
    runDueJobs();

    Evidence cpu = evidence(Checks.OBSERVATION_CPU).orElseThrow();
    assertThat(cpu.status()).as(cpu.toString()).isEqualTo(CheckStatus.FAIL);
    assertThat(cpu.observed()).isEqualTo("CPU 93.0 %");
    assertThat(cpu.threshold()).isEqualTo("CPU < 70.0 %");
    assertThat(cpu.target()).startsWith(prometheus.url()).endsWith(" " + CPU_QUERY);
    assertThat(evidence(Checks.OBSERVATION_HEALTH).orElseThrow().status())
        .as("the health probe still passes: the breach is the CPU's").isEqualTo(CheckStatus.PASS);

    assertThat(release).hasPassed(Elements.SLA_BREACH).isWaitingAt(Elements.ROLLBACK);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_TRIGGER)).isEqualTo(Errors.SLA_BREACH);
    assertThat(((String) runtime.getVariable(release.getId(), Vars.ROLLBACK_REASON)).lines())
        .as("the CPU's failure is the whole reason").singleElement().asString()
        .startsWith(Checks.OBSERVATION_CPU + ": CPU 93.0 % from " + prometheus.url())
        .endsWith(" " + CPU_QUERY + " (expected CPU < 70.0 %) – CPU breaches the threshold");
    assertThat(openTaskKeys()).containsExactly(Rollback.Elements.ROLLBACK_DOCKER_COMPOSE);

    complete(Rollback.Elements.ROLLBACK_DOCKER_COMPOSE);
    completePostRollbackActions();
    assertThat(release).isEnded().hasPassed(Elements.ROLLED_BACK);
    assertThat(variable(release, Vars.OUTCOME)).isEqualTo(Outcome.ROLLED_BACK);
  }

  @Test
  void resourcesWithinTheirThresholdsPassEveryRecheckAndTheReleaseGoesLive() {
    MonitoringServerProcess.requirePrometheus();
    ProcessInstance release = start();
    passPreDeploymentAndDeploymentDay();
    passTheFirstRecheck(release);
    assertThat(evidence(Checks.OBSERVATION_CPU).orElseThrow().threshold()).isEqualTo("CPU < 70.0 %");

    // The memory grows a little, within the 20 % the window allows.
    metrics.set("memory_usage_ratio", 0.68);
    awaitPrometheus(MEMORY_QUERY, 0.68);
    advance(Duration.ofMinutes(15));
    runDueJobs();
    Evidence growth = evidence(Checks.OBSERVATION_MEMORY_GROWTH).orElseThrow();
    assertThat(growth.status()).as(growth.toString()).isEqualTo(CheckStatus.PASS);
    assertThat(growth.observed()).startsWith("memory 68.0 %, +9.7 % since 62.0 % at ");
    assertThat(evidence(Checks.OBSERVATION_MEMORY).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    assertThat(release).isWaitingAt(Elements.POST_DEPLOYMENT).hasNotPassed(Elements.SLA_BREACH);

    passObservationWindow();
    goLive(release);
    assertThat(release).isEnded().hasPassed(Elements.RELEASED).hasNotPassed(Elements.SLA_BREACH);
    assertThat(variable(release, Vars.OUTCOME)).isEqualTo(Outcome.RELEASED);
  }

  /** The window's first re-check, 15 minutes in: every SLA metric and resource PASSes, and the release goes on. */
  private void passTheFirstRecheck(ProcessInstance release) {
    advance(Duration.ofMinutes(15));
    runDueJobs();
    Map.of(
        Checks.OBSERVATION_ERROR_RATE, "error rate 0.020 %",
        Checks.OBSERVATION_P95_LATENCY, "p95 120 ms",
        Checks.OBSERVATION_CPU, "CPU 35.0 %",
        Checks.OBSERVATION_MEMORY, "memory 62.0 %",
        Checks.OBSERVATION_DATABASE_CONNECTIONS, "database connections in use 40.0 %",
        Checks.OBSERVATION_DATABASE_CONNECTION_ERRORS, "0.0 database connection errors or timeouts")
        .forEach((check, observed) -> {
          Evidence evidence = evidence(check).orElseThrow();
          assertThat(evidence.status()).as(evidence.toString()).isEqualTo(CheckStatus.PASS);
          assertThat(evidence.observed()).as(check).isEqualTo(observed);
        });
    assertThat(evidence(Checks.OBSERVATION_MEMORY_GROWTH).orElseThrow().status())
        .as("the window's first measurement of the memory").isEqualTo(CheckStatus.SKIPPED);
    assertThat(release).isWaitingAt(Elements.POST_DEPLOYMENT).hasNotPassed(Elements.SLA_BREACH);
  }

  /** Waits until Prometheus has scraped the target's new value and answers it to {@code promql}. */
  private static void awaitPrometheus(String promql, double value) {
    // As Prometheus writes a float: 0.93, not 0.930.
    prometheus.awaitQuery(promql, "\"" + BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + "\"");
  }

  /**
   * The latest evidence of a check among the release's instances: a re-check overwrites its own, and
   * a call activity's variables are copied to the instances that follow.
   */
  private Optional<Evidence> evidence(String check) {
    String[] instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(version).list()
        .stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    return history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances)
        .variableName("check_" + check).list().stream()
        .map(HistoricVariableInstance::getValue).map(String::valueOf).map(Evidence::fromJson)
        .max(Comparator.comparing(Evidence::checkedAt));
  }
}

package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.TestSecrets;
import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.monitoring.MonitoringServerProcess;
import io.deploychecklist.process.DeploymentDay.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Section 10's "test alert sent and received", against Debian's real Alertmanager: the release posts
 * a synthetic alert, waits in its model, and Alertmanager delivers it to the application's webhook
 * (PASS); routed to nowhere, the release's timer fires once the clock is moved past the timeout
 * (FAIL, to the deployment managers' review). The test has an application context of its own:
 * Alertmanager's URL is read at start-up, and Alertmanager must know the application's port, so
 * the port is picked before the application starts.
 */
class TestAlertRoundTripTest extends ReleaseProcessTest {

  private static final String TOKEN = "alert-webhook-test-token";
  private static final int APP_PORT = MonitoringServerProcess.freePort();
  private static Path dir;
  private static MonitoringServerProcess alertmanager;

  @Autowired TestSecrets secrets;

  @DynamicPropertySource
  static void alertmanager(DynamicPropertyRegistry properties) throws IOException {
    dir = Files.createTempDirectory("alertmanager-");
    Files.writeString(dir.resolve("token"), TOKEN);
    alertmanager = MonitoringServerProcess.alertmanager(dir, config(true));
    properties.add("spring.datasource.url", () -> "jdbc:h2:mem:test-alert-round-trip;DB_CLOSE_DELAY=-1");
    properties.add("server.port", () -> APP_PORT);
    properties.add("checklist.monitoring.alertmanager.url", alertmanager::url);
  }

  /** Alertmanager's configuration: every alert to the checklist's webhook, or to a receiver without any. */
  private static String config(boolean toTheWebhook) {
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

  @AfterAll
  static void stopAlertmanager() {
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  @BeforeEach
  void webhookOn() {
    secrets.set("CHECKLIST_ALERT_WEBHOOK_TOKEN", TOKEN);
    alertmanager.writeFile("alertmanager.yml", config(true));
    alertmanager.reload();
  }

  @AfterEach
  void webhookOff() {
    secrets.remove("CHECKLIST_ALERT_WEBHOOK_TOKEN");
  }

  @Test
  void aTestAlertThatAlertmanagerDeliversPasses() {
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
    alertmanager.writeFile("alertmanager.yml", config(false));
    alertmanager.reload();
    start();
    reachTheMonitoringChecks();
    assertThat(hasTask(DeploymentDay.Elements.MONITORING_VERIFICATION)).isFalse();
    alertmanager.await("/api/v2/alerts", alerts -> alerts.contains("ChecklistTestAlert") && alerts.contains(version),
        "the release's test alert");
    runDueJobs();
    assertThat(testAlertEvidence()).as("Alertmanager has the alert, the release still waits").isEmpty();

    advance(Duration.ofMinutes(5).plusSeconds(1));
    runDueJobs();

    Evidence evidence = testAlertEvidence().orElseThrow();
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

  /** Runs the release's jobs while Alertmanager delivers (a real server, in real time), until the evidence is there. */
  private Evidence awaitTestAlertEvidence(Duration limit) {
    return Awaitility.await("the test alert's evidence").atMost(limit).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          runDueJobs();
          return testAlertEvidence();
        }, Optional::isPresent)
        .orElseThrow();
  }

  private Optional<Evidence> testAlertEvidence() {
    String[] instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(version).list()
        .stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    return history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances)
        .variableName("check_" + DeploymentDay.Checks.TEST_ALERT).list().stream()
        .map(HistoricVariableInstance::getValue).map(String::valueOf).map(Evidence::fromJson).findFirst();
  }
}

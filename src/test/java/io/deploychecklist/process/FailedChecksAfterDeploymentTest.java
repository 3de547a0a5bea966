package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.deploychecklist.process.CertificateServer.Certificate;
import io.deploychecklist.process.PreDeployment.Decision;
import io.deploychecklist.process.ProductionDeployment.Elements;
import io.deploychecklist.process.ProductionDeployment.Errors;
import io.deploychecklist.process.ProductionDeployment.Vars;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A check that FAILs once the new version is deployed is not ticked over: the TLS certificate
 * check before section 14 and the monitoring checks before section 10 go to the deployment
 * managers' review (re-run, waive with a second manager's approval, or roll back) like a failed
 * baseline check does. The target's TLS endpoint is a real TLS server whose certificate the test
 * switches; Grafana is a real HTTP server answering {@code /api/health} and {@code /api/search}
 * as Grafana does. The test has an application context of its own: those checks read their
 * targets at start-up.
 */
class FailedChecksAfterDeploymentTest extends ReleaseProcessTest {

  private static CertificateServer tls;
  private static Grafana grafana;

  @DynamicPropertySource
  static void monitoringAndCertificate(DynamicPropertyRegistry properties) throws IOException {
    tls = new CertificateServer();
    grafana = new Grafana();
    properties.add("spring.datasource.url", () -> "jdbc:h2:mem:failed-checks-after-deployment;DB_CLOSE_DELAY=-1");
    properties.add("checklist.tls.host", () -> CertificateServer.HOST);
    properties.add("checklist.tls.port", tls::port);
    properties.add("checklist.tls.trust-store", tls::trustStore);
    properties.add("checklist.monitoring.grafana.url", grafana::url);
  }

  @AfterAll
  static void closeServers() throws IOException {
    tls.close();
    grafana.close();
  }

  @BeforeEach
  void soundAndHealthy() {
    tls.present(Certificate.SOUND);
    grafana.healthy(true);
  }

  // ---- the TLS certificate before section 14

  @Test
  void aFailedCertificateCheckGoesToTheReviewNotToTheSecurityTask() {
    ProcessInstance release = start();
    passPreDeployment();
    tls.present(Certificate.EXPIRING);
    passDeploymentDay();

    assertThat(openTaskKeys()).containsExactlyInAnyOrder(PostDeployment.Elements.REVIEW_FAILED_CHECKS,
        PostDeployment.Elements.OPTIMIZATION, PostDeployment.Elements.BACKUP_VERIFICATION);
    Task review = task(PostDeployment.Elements.REVIEW_FAILED_CHECKS);
    assertThat(review.getProcessDefinitionId()).startsWith(PostDeployment.KEY + ":");
    assertThat(review.getName()).isEqualTo("Review failed checks");
    assertThat((String) tasks.getVariable(review.getId(), "failedChecksSummary"))
        .contains(PostDeployment.Checks.TLS_CERTIFICATE, "30-day threshold");
    assertThat(evidenceStatus(review.getProcessInstanceId(), "check_" + PostDeployment.Checks.TLS_CERTIFICATE))
        .isEqualTo("FAIL");

    // The observation window does not close over an open review either.
    complete(PostDeployment.Elements.OPTIMIZATION, PostDeployment.Elements.BACKUP_VERIFICATION);
    advance(Duration.ofHours(25));
    runDueJobs();
    assertThat(hasTask(PostDeployment.Elements.MONITORING_VALIDATION)).isFalse();
    assertThat(hasTask(PostDeployment.Elements.SECURITY)).isFalse();
    assertThat(release).isWaitingAt(Elements.POST_DEPLOYMENT);
    assertThat((String) tasks.getVariable(review.getId(), "failedChecksSummary"))
        .as("the window's health re-checks leave the review's summary alone")
        .contains(PostDeployment.Checks.TLS_CERTIFICATE);
  }

  @Test
  void aRerunThatPassesContinuesToTheSecurityTask() {
    start();
    passPreDeployment();
    tls.present(Certificate.EXPIRING);
    passDeploymentDay();

    complete(PostDeployment.Elements.REVIEW_FAILED_CHECKS, Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.RERUN));
    Task again = task(PostDeployment.Elements.REVIEW_FAILED_CHECKS);
    assertThat(tasks.getVariable(again.getId(), PreDeployment.Vars.FAILED_CHECKS_DECISION))
        .as("a re-run that fails again asks again, without the previous decision").isNull();

    tls.present(Certificate.SOUND);
    complete(PostDeployment.Elements.REVIEW_FAILED_CHECKS, Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.RERUN));

    assertThat(openTaskKeys()).containsExactlyInAnyOrder(PostDeployment.Elements.SECURITY,
        PostDeployment.Elements.OPTIMIZATION, PostDeployment.Elements.BACKUP_VERIFICATION);
    assertThat(evidenceStatus(task(PostDeployment.Elements.SECURITY).getProcessInstanceId(),
        "check_" + PostDeployment.Checks.TLS_CERTIFICATE)).isEqualTo("PASS");
  }

  @Test
  void aWaivedCertificateNeedsASecondDeploymentManager() {
    start();
    passPreDeployment();
    tls.present(Certificate.EXPIRING);
    passDeploymentDay();

    completeAs("manager", PostDeployment.Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE,
        PreDeployment.Vars.WAIVER_REASON, "The renewed certificate is rolled out tonight"));
    assertThat(openTaskKeys()).contains(PostDeployment.Elements.APPROVE_WAIVER)
        .doesNotContain(PostDeployment.Elements.SECURITY);

    assertThatThrownBy(() -> completeAs("manager", PostDeployment.Elements.APPROVE_WAIVER,
        Map.of(PreDeployment.Vars.WAIVER_APPROVAL, PreDeployment.WaiverApproval.APPROVE)))
        .hasMessageContaining("manager asked for this waiver");
    assertThat(openTaskKeys()).contains(PostDeployment.Elements.APPROVE_WAIVER)
        .doesNotContain(PostDeployment.Elements.SECURITY);

    completeAs("manager2", PostDeployment.Elements.APPROVE_WAIVER,
        Map.of(PreDeployment.Vars.WAIVER_APPROVAL, PreDeployment.WaiverApproval.APPROVE));
    assertThat(openTaskKeys()).contains(PostDeployment.Elements.SECURITY)
        .doesNotContain(PostDeployment.Elements.APPROVE_WAIVER);
    assertThat(historicValues(PreDeployment.Vars.WAIVER_REQUESTED_BY)).contains("manager");
    assertThat(historicValues(PreDeployment.Vars.WAIVER_DECIDED_BY)).contains("manager2");
  }

  @Test
  void rollingBackAfterAFailedCertificateCheckTakesTheRollbackPath() {
    ProcessInstance release = start();
    passPreDeployment();
    tls.present(Certificate.EXPIRING);
    passDeploymentDay();

    completeAs("manager", PostDeployment.Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.ROLLBACK,
        Vars.ROLLBACK_REASON, "The certificate expires in 5 days and cannot be renewed before"));

    assertThat(release).hasPassed(Elements.ROLLBACK_REQUESTED_AFTER_DEPLOYMENT).isWaitingAt(Elements.ROLLBACK);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_TRIGGER)).isEqualTo(Errors.ROLLBACK_REQUESTED);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_REASON))
        .isEqualTo("The certificate expires in 5 days and cannot be renewed before");
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_REQUESTED_BY)).isEqualTo("manager");
    assertThat(historicValues(Vars.ROLLBACK_REQUESTED_BY)).containsOnly("manager");
    assertThat(openTaskKeys()).containsExactly(Rollback.Elements.ROLLBACK_DOCKER_COMPOSE);
  }

  @Test
  void abortingIsNoChoiceOnceTheReleaseIsDeployed() {
    start();
    passPreDeployment();
    tls.present(Certificate.EXPIRING);
    passDeploymentDay();

    assertThatThrownBy(() -> completeAs("manager", PostDeployment.Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.ABORT, Vars.ABORT_REASON, "Stop it")))
        .hasMessageContaining("roll it back");
    assertThat(openTaskKeys()).contains(PostDeployment.Elements.REVIEW_FAILED_CHECKS);
  }

  // ---- the HTTP security of the target before section 14, in the same sub-process

  @Test
  void missingSecurityHeadersAfterTheDeploymentGoToTheReview() {
    start();
    passPreDeployment();
    target.securityHeaders(false);
    passDeploymentDay();

    assertThat(openTaskKeys()).contains(PostDeployment.Elements.REVIEW_FAILED_CHECKS)
        .doesNotContain(PostDeployment.Elements.SECURITY);
    Task review = task(PostDeployment.Elements.REVIEW_FAILED_CHECKS);
    assertThat((String) tasks.getVariable(review.getId(), "failedChecksSummary"))
        .contains(PostDeployment.Checks.SECURITY_HEADERS + ": HTTP 200: Content-Security-Policy missing",
            "X-Frame-Options missing", PostDeployment.Checks.HTTPS_REDIRECT + ": SKIPPED")
        .doesNotContain(PostDeployment.Checks.TLS_CERTIFICATE + ":");
    assertThat(evidenceStatus(review.getProcessInstanceId(), "check_" + PostDeployment.Checks.CORS)).isEqualTo("PASS");

    target.securityHeaders(true);
    complete(PostDeployment.Elements.REVIEW_FAILED_CHECKS, Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.RERUN));
    assertThat(openTaskKeys()).contains(PostDeployment.Elements.SECURITY)
        .doesNotContain(PostDeployment.Elements.REVIEW_FAILED_CHECKS);
    assertThat(evidenceStatus(task(PostDeployment.Elements.SECURITY).getProcessInstanceId(),
        "check_" + PostDeployment.Checks.SECURITY_HEADERS)).isEqualTo("PASS");
  }

  // ---- the monitoring stack before section 10

  @Test
  void aFailedMonitoringCheckGoesToTheReviewNotToMonitoringVerification() {
    start();
    passPreDeployment();
    grafana.healthy(false);
    verifyTheDeployment();

    assertThat(openTaskKeys()).containsExactlyInAnyOrder(DeploymentDay.Elements.REVIEW_FAILED_CHECKS,
        DeploymentDay.Elements.DOCUMENTATION);
    Task review = task(DeploymentDay.Elements.REVIEW_FAILED_CHECKS);
    assertThat(review.getProcessDefinitionId()).startsWith(DeploymentDay.KEY + ":");
    assertThat((String) tasks.getVariable(review.getId(), "failedChecksSummary"))
        .contains(DeploymentDay.Checks.GRAFANA + ": HTTP 503", DeploymentDay.Checks.PROMETHEUS + ": SKIPPED");

    // Section 11 alone does not end the deployment day while the review is open.
    complete(DeploymentDay.Elements.DOCUMENTATION);
    assertThat(openTaskKeys()).containsExactly(DeploymentDay.Elements.REVIEW_FAILED_CHECKS);

    grafana.healthy(true);
    complete(DeploymentDay.Elements.REVIEW_FAILED_CHECKS, Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.RERUN));
    assertThat(openTaskKeys()).containsExactly(DeploymentDay.Elements.MONITORING_VERIFICATION);
  }

  @Test
  void aWaiverOnDeploymentDayNeedsASecondManagerAndLeavesTheEarlierWaiverAlone() {
    ProcessInstance release = start();
    grafana.healthy(false);
    runDueJobs();
    completeAs("manager", PreDeployment.Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE,
        PreDeployment.Vars.WAIVER_REASON, "Grafana is being migrated this week"));
    completeAs("manager2", PreDeployment.Elements.APPROVE_WAIVER,
        Map.of(PreDeployment.Vars.WAIVER_APPROVAL, PreDeployment.WaiverApproval.APPROVE));
    complete(PreDeployment.Elements.SECTIONS);
    verifyTheDeployment();

    Task review = task(DeploymentDay.Elements.REVIEW_FAILED_CHECKS);
    assertThat(tasks.getVariable(review.getId(), PreDeployment.Vars.FAILED_CHECKS_DECISION))
        .as("the earlier review's decision does not pre-fill this one").isNull();
    assertThat(tasks.getVariable(review.getId(), PreDeployment.Vars.WAIVER_REASON)).isNull();

    // A waiver rejected, a re-run that fails again, then a waiver approved by the other manager.
    completeAs("manager2", DeploymentDay.Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE, PreDeployment.Vars.WAIVER_REASON, "Not needed"));
    completeAs("manager", DeploymentDay.Elements.APPROVE_WAIVER, Map.of(
        PreDeployment.Vars.WAIVER_APPROVAL, PreDeployment.WaiverApproval.REJECT,
        PreDeployment.Vars.WAIVER_APPROVAL_COMMENT, "Try again first"));
    completeAs("manager2", DeploymentDay.Elements.REVIEW_FAILED_CHECKS,
        Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.RERUN));
    completeAs("manager2", DeploymentDay.Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE,
        PreDeployment.Vars.WAIVER_REASON, "Dashboards are checked by hand in section 10"));
    assertThatThrownBy(() -> completeAs("manager2", DeploymentDay.Elements.APPROVE_WAIVER,
        Map.of(PreDeployment.Vars.WAIVER_APPROVAL, PreDeployment.WaiverApproval.APPROVE)))
        .hasMessageContaining("manager2 asked for this waiver");
    completeAs("manager", DeploymentDay.Elements.APPROVE_WAIVER,
        Map.of(PreDeployment.Vars.WAIVER_APPROVAL, PreDeployment.WaiverApproval.APPROVE));

    assertThat(openTaskKeys()).containsExactlyInAnyOrder(DeploymentDay.Elements.MONITORING_VERIFICATION,
        DeploymentDay.Elements.DOCUMENTATION);
    complete(DeploymentDay.Elements.MONITORING_VERIFICATION, DeploymentDay.Elements.DOCUMENTATION);
    assertThat(release).hasPassed(Elements.DEPLOYMENT_DAY);
    assertThat(runtime.getVariable(release.getId(), PreDeployment.Vars.WAIVER_REASON))
        .as("the release keeps the pre-deployment waiver").isEqualTo("Grafana is being migrated this week");
    assertThat(runtime.getVariable(release.getId(), PreDeployment.Vars.WAIVER_REQUESTED_BY)).isEqualTo("manager");
    assertThat(runtime.getVariable(release.getId(), PreDeployment.Vars.WAIVER_DECIDED_BY)).isEqualTo("manager2");
    assertThat(historicValues(PreDeployment.Vars.WAIVER_REASON)).contains("Dashboards are checked by hand in section 10");
  }

  @Test
  void rollingBackAfterAFailedMonitoringCheckTakesTheRollbackPath() {
    ProcessInstance release = start();
    passPreDeployment();
    grafana.healthy(false);
    verifyTheDeployment();

    completeAs("manager", DeploymentDay.Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.ROLLBACK,
        Vars.ROLLBACK_REASON, "Without Grafana nobody sees the new version's errors"));

    assertThat(release).hasPassed(Elements.ROLLBACK_REQUESTED_ON_DEPLOYMENT_DAY).isWaitingAt(Elements.ROLLBACK);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_TRIGGER)).isEqualTo(Errors.ROLLBACK_REQUESTED);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_REASON))
        .isEqualTo("Without Grafana nobody sees the new version's errors");
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_REQUESTED_BY)).isEqualTo("manager");
    assertThat(historicValues(Vars.ROLLBACK_REQUESTED_BY)).containsOnly("manager");
    assertThat(openTaskKeys()).containsExactly(Rollback.Elements.ROLLBACK_DOCKER_COMPOSE);
  }

  @Test
  void checksThatAreNotConfiguredStaySkippedAndGoToNoReview() {
    start();
    passPreDeployment();
    verifyTheDeployment();

    String deploymentDay = task(DeploymentDay.Elements.MONITORING_VERIFICATION).getProcessInstanceId();
    assertThat(evidenceStatus(deploymentDay, "check_" + DeploymentDay.Checks.GRAFANA)).isEqualTo("PASS");
    assertThat(evidenceStatus(deploymentDay, "check_" + DeploymentDay.Checks.GRAFANA_DASHBOARDS)).isEqualTo("PASS");
    assertThat(evidenceStatus(deploymentDay, "check_" + DeploymentDay.Checks.PROMETHEUS)).isEqualTo("SKIPPED");
    assertThat(evidenceStatus(deploymentDay, "check_" + DeploymentDay.Checks.JAEGER)).isEqualTo("SKIPPED");
    assertThat(openTaskKeys()).containsExactlyInAnyOrder(DeploymentDay.Elements.MONITORING_VERIFICATION,
        DeploymentDay.Elements.DOCUMENTATION);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(version)
        .taskDefinitionKey(PreDeployment.Elements.REVIEW_FAILED_CHECKS).count()).isZero();
  }

  // ---- helpers

  /** Deployment day up to the QA verification, passed: the monitoring checks run next. */
  private void verifyTheDeployment() {
    executeDeployment();
    complete(DeploymentDay.Elements.POST_DEPLOYMENT_VERIFICATION,
        Map.of(DeploymentDay.Vars.VERIFICATION_RESULT, DeploymentDay.Values.PASSED));
  }

  private String evidenceStatus(String processInstanceId, String variable) {
    JsonValue evidence = runtime.getVariableTyped(processInstanceId, variable);
    return evidence.getValue().prop("status").stringValue();
  }

  /** Every value the variable had in this release's phases (local scopes included). */
  private List<Object> historicValues(String name) {
    List<String> instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(version).list()
        .stream().map(instance -> instance.getId()).toList();
    return history.createHistoricVariableInstanceQuery().variableName(name).includeDeleted()
        .processInstanceIdIn(instances.toArray(String[]::new)).list().stream()
        .map(HistoricVariableInstance::getValue).filter(value -> value != null).toList();
  }

  /**
   * Answers {@code /api/health} as Grafana does, healthy or with its database failing, and lists a
   * dashboard of each required kind ({@code /api/search}).
   */
  static final class Grafana implements AutoCloseable {

    private static final String DASHBOARDS = """
        [
          {"id": 1, "uid": "ov", "orgId": 1, "title": "Service Overview", "url": "/d/ov/service-overview", "type": "dash-db",
           "tags": [], "isStarred": false, "sortMeta": 0},
          {"id": 2, "uid": "perf", "orgId": 1, "title": "Performance", "url": "/d/perf/performance", "type": "dash-db",
           "tags": [], "isStarred": false, "sortMeta": 0},
          {"id": 3, "uid": "infra", "orgId": 1, "title": "Infrastructure", "url": "/d/infra/infrastructure", "type": "dash-db",
           "tags": [], "isStarred": false, "sortMeta": 0},
          {"id": 4, "uid": "biz", "orgId": 1, "title": "Business KPIs", "url": "/d/biz/business-kpis", "type": "dash-db",
           "tags": [], "isStarred": false, "sortMeta": 0}
        ]
        """;

    private final MockWebServer server = new MockWebServer();
    private final AtomicBoolean healthy = new AtomicBoolean(true);

    Grafana() throws IOException {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          if ("/api/search".equals(request.getRequestUrl().encodedPath())) {
            return json(200, DASHBOARDS);
          }
          if (!"/api/health".equals(request.getRequestUrl().encodedPath())) {
            return new MockResponse().setResponseCode(404).setBody("{\"message\":\"Not found\"}");
          }
          return healthy.get()
              ? json(200, "{\"commit\":\"0a5ab9b\",\"database\":\"ok\",\"version\":\"11.3.0\"}")
              : json(503, "{\"commit\":\"0a5ab9b\",\"database\":\"failing\",\"version\":\"11.3.0\"}");
        }
      });
      server.start(InetAddress.getLoopbackAddress(), 0);
    }

    private static MockResponse json(int code, String body) {
      return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    String url() {
      return server.url("/").toString();
    }

    void healthy(boolean answer) {
      healthy.set(answer);
    }

    @Override
    public void close() throws IOException {
      server.shutdown();
    }
  }
}

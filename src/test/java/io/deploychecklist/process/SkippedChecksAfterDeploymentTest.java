package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * SKIPPED is not FAIL: with no TLS target (the target is plain http) and no monitoring stack or
 * Loki configured, the checks after the deployment are SKIPPED and the sections ask the people to
 * verify by hand, as before; nobody is sent to review a failure.
 */
class SkippedChecksAfterDeploymentTest extends ReleaseProcessTest {

  @Test
  void checksThatCannotRunGoStraightToTheirSectionsWithoutAReview() {
    start();
    passPreDeployment();
    executeDeployment();
    complete(DeploymentDay.Elements.POST_DEPLOYMENT_VERIFICATION,
        Map.of(DeploymentDay.Vars.VERIFICATION_RESULT, DeploymentDay.Values.PASSED));

    String deploymentDay = task(DeploymentDay.Elements.MONITORING_VERIFICATION).getProcessInstanceId();
    for (String check : List.of(DeploymentDay.Checks.PROMETHEUS, DeploymentDay.Checks.SCRAPE_TARGET,
        DeploymentDay.Checks.ALERT_RULES, DeploymentDay.Checks.GRAFANA, DeploymentDay.Checks.GRAFANA_DASHBOARDS,
        DeploymentDay.Checks.JAEGER,
        DeploymentDay.Checks.LOGS_FLOWING, DeploymentDay.Checks.CRITICAL_ERRORS_IN_LOGS,
        DeploymentDay.Checks.AUTH_ERRORS_IN_LOGS, DeploymentDay.Checks.DEBUG_LINES_IN_LOGS,
        DeploymentDay.Checks.SECRETS_IN_LOGS)) {
      assertThat(status(deploymentDay, check)).as(check).isEqualTo("SKIPPED");
    }
    assertThat(openTaskKeys()).containsExactlyInAnyOrder(DeploymentDay.Elements.MONITORING_VERIFICATION,
        DeploymentDay.Elements.DOCUMENTATION);

    complete(DeploymentDay.Elements.MONITORING_VERIFICATION, DeploymentDay.Elements.DOCUMENTATION);
    String postDeployment = task(PostDeployment.Elements.SECURITY).getProcessInstanceId();
    assertThat(status(postDeployment, PostDeployment.Checks.TLS_CERTIFICATE)).isEqualTo("SKIPPED");
    assertThat(status(postDeployment, PostDeployment.Checks.SECRETS_IN_LOGS)).isEqualTo("SKIPPED");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(version)
        .taskDefinitionKey(PreDeployment.Elements.REVIEW_FAILED_CHECKS).count()).isZero();
  }

  private String status(String processInstanceId, String check) {
    JsonValue evidence = runtime.getVariableTyped(processInstanceId, "check_" + check);
    return evidence.getValue().prop("status").stringValue();
  }
}

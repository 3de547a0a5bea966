package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.evidence.CheckStatus;
import io.deploychecklist.evidence.Evidence;
import io.deploychecklist.process.PreDeployment.Decision;
import io.deploychecklist.process.PreDeployment.Elements;
import io.deploychecklist.process.TargetServer.Behaviour;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP security check beside the baseline probes, before the deployment. The demo profile
 * switches it on; the prod profile leaves it off until configured, so this class has no PostgreSQL
 * twin (PreDeploymentProcessTest's other tests do).
 */
class HttpSecurityCheckProcessTest extends ReleaseProcessTest {

  @BeforeEach
  void startWithAnUnhealthyTarget() {
    target.become(Behaviour.UNHEALTHY);
    start();
    runDueJobs();
  }

  @Test
  void theHttpSecurityCheckRunsBesideTheProbes() {
    // The target answers 503 but sends its security headers: they are judged on whatever it answers.
    assertThat(evidence(PreDeployment.Checks.SECURITY_HEADERS).status()).isEqualTo(CheckStatus.PASS);
    assertThat(evidence(PreDeployment.Checks.CORS).status()).isEqualTo(CheckStatus.PASS);
    // A plain http target without protected paths: the rest is a person's.
    for (String aspect : List.of(PreDeployment.Checks.HTTPS_REDIRECT, PreDeployment.Checks.TLS_PROTOCOLS,
        PreDeployment.Checks.PROTECTED_PATHS)) {
      assertThat(evidence(aspect).status()).as(aspect).isEqualTo(CheckStatus.SKIPPED);
    }
    assertThat((String) tasks.getVariable(task(Elements.REVIEW_FAILED_CHECKS).getId(), "failedChecksSummary"))
        .contains(PreDeployment.Checks.TLS_PROTOCOLS + ": SKIPPED – the target is plain http");
  }

  @Test
  void missingSecurityHeadersAreAFailedCheckToReview() {
    target.become(Behaviour.HEALTHY);
    target.securityHeaders(false);
    complete(Elements.REVIEW_FAILED_CHECKS, Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.RERUN));

    assertThat((String) tasks.getVariable(task(Elements.REVIEW_FAILED_CHECKS).getId(), "failedChecksSummary"))
        .contains(PreDeployment.Checks.SECURITY_HEADERS + ": HTTP 200: Content-Security-Policy missing",
            "X-Content-Type-Options missing; X-Frame-Options missing")
        .doesNotContain(PreDeployment.Checks.HEALTH + ":");

    target.securityHeaders(true);
    complete(Elements.REVIEW_FAILED_CHECKS, Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.RERUN));
    assertThat(hasTask(Elements.REVIEW_FAILED_CHECKS)).isFalse();
  }

  private Evidence evidence(String check) {
    String[] instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(version).list()
        .stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    List<HistoricVariableInstance> found = history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances).variableName("check_" + check).list();
    assertThat(found).as("evidence of " + check).isNotEmpty();
    return Evidence.fromJson(String.valueOf(found.get(0).getValue()));
  }
}

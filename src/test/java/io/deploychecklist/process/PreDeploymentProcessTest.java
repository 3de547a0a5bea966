package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.deploychecklist.process.PreDeployment.Decision;
import io.deploychecklist.process.PreDeployment.Elements;
import io.deploychecklist.process.ProductionDeployment.Outcome;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.process.TargetServer.Behaviour;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** A failed baseline check never passes silently: the deployment manager re-runs, waives or aborts. */
class PreDeploymentProcessTest extends ReleaseProcessTest {

  ProcessInstance release;
  /** On in the demo profile, off in prod unless configured (the PostgreSQL subclass runs in prod). */
  @Value("${checklist.http-security.enabled:false}") boolean httpSecurity;

  @BeforeEach
  void startWithAnUnhealthyTarget() {
    target.become(Behaviour.UNHEALTHY);
    release = start();
    runDueJobs();
  }

  @Test
  void theManagerSeesWhatFailed() {
    Task review = task(Elements.REVIEW_FAILED_CHECKS);
    assertThat(review.getName()).isEqualTo("Review failed checks");
    assertThat((String) tasks.getVariable(review.getId(), "failedChecksSummary"))
        .contains("baselineHealth", "HTTP 503", "baselineReadiness");
    assertThat((Boolean) tasks.getVariable(review.getId(), "checksFailed")).isTrue();
  }

  @Test
  void aWaivedCheckLetsTheReleaseContinueOnceASecondManagerApprovesAndKeepsTheReason() {
    completeAs("manager", Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE,
        PreDeployment.Vars.WAIVER_REASON, "Target is still on the old version; health is checked on deployment day"));
    complete(Elements.SECTIONS);
    assertThat(openTaskKeys()).as("the waiver waits for its approval").containsExactly(Elements.APPROVE_WAIVER);
    completeAs("manager2", Elements.APPROVE_WAIVER, Map.of(PreDeployment.Vars.WAIVER_APPROVAL, "approve"));

    assertThat(release).hasPassed(ProductionDeployment.Elements.PRE_DEPLOYMENT);
    assertThat(openTaskKeys()).containsExactly(DeploymentDay.Elements.PRE_DEPLOYMENT_VERIFICATION);
    assertThat(variable(release, PreDeployment.Vars.WAIVER_REASON)).asString().contains("old version");
    assertThat(variable(release, PreDeployment.Vars.WAIVER_REQUESTED_BY)).isEqualTo("manager");
    assertThat(variable(release, PreDeployment.Vars.WAIVER_DECIDED_BY)).isEqualTo("manager2");
  }

  @Test
  void aRejectedWaiverGoesBackToTheReview() {
    completeAs("manager", Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE, PreDeployment.Vars.WAIVER_REASON, "Looks fine"));
    completeAs("manager2", Elements.APPROVE_WAIVER, Map.of(
        PreDeployment.Vars.WAIVER_APPROVAL, "reject", PreDeployment.Vars.WAIVER_APPROVAL_COMMENT, "Fix the target first"));
    assertThat(openTaskKeys()).contains(Elements.REVIEW_FAILED_CHECKS).doesNotContain(Elements.APPROVE_WAIVER);
  }

  @Test
  void sectionsAloneDoNotFinishPreDeploymentWhileACheckFailed() {
    complete(Elements.SECTIONS);
    assertThat(openTaskKeys()).containsExactly(Elements.REVIEW_FAILED_CHECKS);
  }

  @Test
  void anAbortedReleaseEndsAborted() {
    complete(Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.ABORT,
        Vars.ABORT_REASON, "Target environment is gone"));

    assertThat(release).isEnded().hasPassed(ProductionDeployment.Elements.ABORTED);
    assertThat(variable(release, Vars.OUTCOME)).isEqualTo(Outcome.ABORTED);
    assertThat(variable(release, Vars.ABORT_REASON)).isEqualTo("Target environment is gone");
    assertThat(openTaskKeys()).isEmpty();
  }

  @Test
  void rollingBackIsNoChoiceBeforeTheDeployment() {
    assertThatThrownBy(() -> complete(Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.ROLLBACK, Vars.ROLLBACK_REASON, "Nothing works")))
        .hasMessageContaining("not deployed yet");
    assertThat(openTaskKeys()).contains(Elements.REVIEW_FAILED_CHECKS);
    assertThat(release).isNotEnded();
  }

  @Test
  void aRerunProbesAgainAndPassesOnceTheTargetIsHealthy() {
    target.become(Behaviour.HEALTHY);
    int before = target.requestCount();
    complete(Elements.REVIEW_FAILED_CHECKS, Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.RERUN));

    // The three endpoint probes, and where the HTTP security check is on, its GET and CORS preflight.
    assertThat(target.requestCount()).isEqualTo(before + 3 + (httpSecurity ? 2 : 0));
    assertThat(hasTask(Elements.REVIEW_FAILED_CHECKS)).isFalse();
    complete(Elements.SECTIONS);
    assertThat(release).hasPassed(ProductionDeployment.Elements.PRE_DEPLOYMENT);
  }

  @Test
  void aRerunThatFailsAgainAsksAgain() {
    complete(Elements.REVIEW_FAILED_CHECKS, Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.RERUN));
    Task again = task(Elements.REVIEW_FAILED_CHECKS);
    assertThat(tasks.getVariable(again.getId(), PreDeployment.Vars.FAILED_CHECKS_DECISION))
        .as("the previous decision does not pre-fill the new review").isNull();
  }
}

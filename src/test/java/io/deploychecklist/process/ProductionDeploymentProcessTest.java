package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.deploychecklist.process.DeploymentDay.Values;
import io.deploychecklist.process.PostDeployment.Criteria;
import io.deploychecklist.process.ProductionDeployment.Elements;
import io.deploychecklist.process.ProductionDeployment.Errors;
import io.deploychecklist.process.ProductionDeployment.Outcome;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.process.TargetServer.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;

class ProductionDeploymentProcessTest extends ReleaseProcessTest {

  @Test
  void aHealthyReleaseIsReleasedAfterTheWholeChecklist() {
    ProcessInstance release = start();
    passPreDeployment();
    assertThat(release).hasPassed(Elements.PRE_DEPLOYMENT, Elements.DEPLOYMENT_DATE_TIMER);
    passDeploymentDay();
    passObservationWindow();
    goLive(release);

    assertThat(release).isEnded().hasPassed(Elements.RELEASED);
    assertThat(variable(release, Vars.OUTCOME)).isEqualTo(Outcome.RELEASED);
    assertThat(((JsonValue) history.createHistoricVariableInstanceQuery().processInstanceId(release.getId())
        .variableName("check_health").singleResult().getTypedValue()).getValue().prop("status").stringValue())
        .isEqualTo("PASS");
    assertThat(variable(release, "deploymentManagerSignOffBy")).isEqualTo("manager");
    assertThat(variable(release, "technicalLeadSignOffBy")).isEqualTo("techlead");
    assertThat(variable(release, "productOwnerSignOffBy")).isEqualTo("product");
    assertThat(variable(release, "productOwnerSignOffAt")).isInstanceOf(Date.class);
  }

  @Test
  void aFailingHealthCheckOnDeploymentDayRollsBack() {
    ProcessInstance release = start();
    passPreDeployment();
    target.become(Behaviour.UNHEALTHY);
    executeDeployment();

    assertThat(release).hasPassed(Elements.DEPLOYMENT_FAILED).isWaitingAt(Elements.ROLLBACK);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_TRIGGER)).isEqualTo(Errors.DEPLOYMENT_FAILED);
    assertThat((String) runtime.getVariable(release.getId(), Vars.ROLLBACK_REASON)).contains("health", "503");

    complete(Rollback.Elements.ROLLBACK_DOCKER_COMPOSE);
    assertThat(openTaskKeys()).as("still unhealthy after the rollback steps").containsExactly(Rollback.Elements.RESTORE_SERVICE);
    target.become(Behaviour.HEALTHY);
    complete(Rollback.Elements.RESTORE_SERVICE);
    completePostRollbackActions();
    assertThat(release).isEnded().hasPassed(Elements.ROLLED_BACK);
    assertThat(variable(release, Vars.OUTCOME)).isEqualTo(Outcome.ROLLED_BACK);
  }

  @Test
  void aFailedManualVerificationRollsBackWithItsReason() {
    ProcessInstance release = start();
    passPreDeployment();
    executeDeployment();
    complete(DeploymentDay.Elements.POST_DEPLOYMENT_VERIFICATION, Map.of(
        DeploymentDay.Vars.VERIFICATION_RESULT, Values.FAILED,
        DeploymentDay.Vars.VERIFICATION_FAILURE_REASON, "Email distribution is broken"));

    assertThat(release).hasPassed(Elements.DEPLOYMENT_FAILED).isWaitingAt(Elements.ROLLBACK);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_REASON)).isEqualTo("Email distribution is broken");
  }

  @Test
  void anSlaBreachInsideTheObservationWindowRollsBack() {
    ProcessInstance release = start();
    passPreDeployment();
    passDeploymentDay();
    advance(Duration.ofMinutes(15));
    runDueJobs();
    assertThat(release).isWaitingAt(Elements.POST_DEPLOYMENT);

    target.become(Behaviour.SLOW);
    advance(Duration.ofMinutes(15));
    runDueJobs();

    assertThat(release).hasPassed(Elements.SLA_BREACH).isWaitingAt(Elements.ROLLBACK);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_TRIGGER)).isEqualTo(Errors.SLA_BREACH);
    assertThat((String) runtime.getVariable(release.getId(), Vars.ROLLBACK_REASON)).contains("observationHealth", "ms");
  }

  @Test
  void rollbackRequestedDuringTheWindowRollsBackWithTheReason() {
    ProcessInstance release = start();
    passPreDeployment();
    passDeploymentDay();
    advance(Duration.ofHours(3));
    runDueJobs();

    runtime.createMessageCorrelation(ProductionDeployment.MESSAGE_ROLLBACK_REQUESTED)
        .processInstanceBusinessKey(version)
        .setVariable(Vars.ROLLBACK_REASON, "Customers report duplicate emails")
        .correlate();
    runDueJobs();

    assertThat(release).hasPassed(Elements.ROLLBACK_REQUESTED_AFTER_DEPLOYMENT).isWaitingAt(Elements.ROLLBACK);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_TRIGGER)).isEqualTo(Errors.ROLLBACK_REQUESTED);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_REASON)).isEqualTo("Customers report duplicate emails");
    assertThat(openTaskKeys()).containsExactly(Rollback.Elements.ROLLBACK_DOCKER_COMPOSE);
  }

  @Test
  void rollbackCanBeRequestedOnceExecutionBeganButNotBefore() {
    ProcessInstance release = start();
    passPreDeployment();
    runDueJobs();
    assertThat(openTaskKeys()).containsExactly(DeploymentDay.Elements.PRE_DEPLOYMENT_VERIFICATION);
    assertThatThrownBy(() -> requestRollback("too early"))
        .isInstanceOf(MismatchingMessageCorrelationException.class);

    complete(DeploymentDay.Elements.PRE_DEPLOYMENT_VERIFICATION);
    requestRollback("Deployment script hangs");
    runDueJobs();
    assertThat(release).hasPassed(Elements.ROLLBACK_REQUESTED_ON_DEPLOYMENT_DAY).isWaitingAt(Elements.ROLLBACK);
  }

  @Test
  void theObservationWindowLastsExactlyObservationHours() {
    ProcessInstance release = start(Map.of(Vars.OBSERVATION_HOURS, 36));
    passPreDeployment();
    passDeploymentDay();
    completeWindowTasks();
    int probesBeforeTheWindow = target.requestCount();
    for (int interval = 1; interval <= 4; interval++) {
      advance(Duration.ofMinutes(15));
      runDueJobs();
    }
    assertThat(target.requestCount()).as("one health re-check per interval").isEqualTo(probesBeforeTheWindow + 4);

    advance(Duration.ofHours(35).minusMinutes(1));
    runDueJobs();
    assertThat(hasTask(PostDeployment.Elements.MONITORING_VALIDATION)).isFalse();
    assertThat(release).isWaitingAt(Elements.POST_DEPLOYMENT);

    advance(Duration.ofMinutes(1));
    runDueJobs();
    assertThat(openTaskKeys()).containsExactly(PostDeployment.Elements.MONITORING_VALIDATION);
  }

  @Test
  void overdueSignOffsAreEscalatedWithoutStoppingThem() {
    start();
    passPreDeployment();
    passDeploymentDay();
    passObservationWindow();
    meetAllCriteria();
    complete(PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER);

    advance(Duration.ofHours(8).plusMinutes(1));
    runDueJobs();

    assertThat(task(PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD).getPriority()).isEqualTo(100);
    assertThat(task(PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER).getPriority()).isEqualTo(100);
    String overdue = (String) runtime.getVariable(task(PostDeployment.Elements.FOLLOW_UP_OVERDUE_SIGN_OFFS).getProcessInstanceId(),
        PostDeployment.Vars.OVERDUE_SIGN_OFFS);
    assertThat(overdue).contains("Technical Lead sign-off", "tech-leads", "Product Owner sign-off")
        .doesNotContain("Deployment Manager");

    complete(PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD, PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER);
    assertThat(openTaskKeys()).as("the follow-up ends with the sign-offs").isEmpty();
  }

  @Test
  void deploymentDayWaitsForThePlannedDate() {
    Instant planned = ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(3));
    ProcessInstance release = start(Map.of(Vars.DEPLOYMENT_DATE, planned.toString()));
    passPreDeployment();
    assertThat(release).isWaitingAt(Elements.DEPLOYMENT_DATE_TIMER);
    Job timer = management.createJobQuery().processInstanceId(release.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(Date.from(planned));

    advance(Duration.ofDays(3).minusMinutes(1));
    runDueJobs();
    assertThat(release).isWaitingAt(Elements.DEPLOYMENT_DATE_TIMER);
    advance(Duration.ofMinutes(1));
    runDueJobs();
    assertThat(openTaskKeys()).containsExactly(DeploymentDay.Elements.PRE_DEPLOYMENT_VERIFICATION);
  }

  @Test
  void unmetGoLiveCriteriaLetTheManagerReassessOrRollBack() {
    ProcessInstance release = start();
    passPreDeployment();
    passDeploymentDay();
    passObservationWindow();
    Map<String, Object> technical = criteria(Criteria.TECHNICAL, true);
    technical.put(Criteria.NO_CRITICAL_BUGS, false);
    complete(PostDeployment.Elements.TECHNICAL_CRITERIA, technical);
    complete(PostDeployment.Elements.BUSINESS_CRITERIA, criteria(Criteria.BUSINESS, true));

    assertThat(openTaskKeys()).containsExactly(PostDeployment.Elements.GO_LIVE_NOT_MET);
    complete(PostDeployment.Elements.GO_LIVE_NOT_MET, Map.of(PostDeployment.Vars.GO_LIVE_NOT_MET_DECISION, PostDeployment.Decision.REASSESS));
    assertThat(openTaskKeys()).containsExactlyInAnyOrder(PostDeployment.Elements.BUSINESS_CRITERIA, PostDeployment.Elements.TECHNICAL_CRITERIA);
    complete(PostDeployment.Elements.TECHNICAL_CRITERIA, technical);
    complete(PostDeployment.Elements.BUSINESS_CRITERIA, criteria(Criteria.BUSINESS, true));
    complete(PostDeployment.Elements.GO_LIVE_NOT_MET, Map.of(
        PostDeployment.Vars.GO_LIVE_NOT_MET_DECISION, PostDeployment.Decision.ROLLBACK,
        Vars.ROLLBACK_REASON, "A critical bug was found"));

    assertThat(release).isWaitingAt(Elements.ROLLBACK);
    assertThat(runtime.getVariable(release.getId(), Vars.ROLLBACK_REASON)).isEqualTo("A critical bug was found");
  }

  // ---- helpers

  private void requestRollback(String reason) {
    runtime.createMessageCorrelation(ProductionDeployment.MESSAGE_ROLLBACK_REQUESTED)
        .processInstanceBusinessKey(version)
        .setVariable(Vars.ROLLBACK_REASON, reason)
        .correlate();
  }

}

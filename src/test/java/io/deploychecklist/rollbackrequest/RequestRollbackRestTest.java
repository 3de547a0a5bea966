package io.deploychecklist.rollbackrequest;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.process.RequestRollback;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deployment manager requests a rollback by starting {@code request-rollback} (Tasklist's Start
 * process, or the REST API): accepted once the release's deployment execution has begun, refused
 * with 400 naming the field otherwise, and no request is left behind.
 */
class RequestRollbackRestTest extends SecuredApplicationTest {

  private static final String REASON = "Customers report duplicate emails";

  @Test
  void aRequestAfterExecutionBeganRollsTheReleaseBack() {
    String version = releaseInExecution();

    Rest.Reply reply = request("manager", version, REASON);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    runDueJobs();
    String release = releaseId(version);
    assertThat(runtime.getVariable(release, Vars.ROLLBACK_TRIGGER)).isEqualTo(ProductionDeployment.Errors.ROLLBACK_REQUESTED);
    assertThat(runtime.getVariable(release, Vars.ROLLBACK_REASON)).isEqualTo(REASON);
    assertThat(history.createHistoricVariableInstanceQuery().variableName(Vars.ROLLBACK_REQUESTED_BY)
        .processInstanceIdIn(phaseIds(version)).list()).isNotEmpty()
        .allSatisfy(requestedBy -> assertThat(requestedBy.getValue()).isEqualTo("manager"));
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(RequestRollback.KEY)
        .variableValueEquals(RequestRollback.Vars.VERSION, version).finished().count()).isOne();
    assertThat(history.createHistoricVariableInstanceQuery().variableName(RequestRollback.Vars.REQUESTED_BY)
        .processInstanceId(reply.json().path("id").asText()).singleResult().getValue()).isEqualTo("manager");

    completeOpenTasksExcept(version);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(release)
        .variableName(Vars.OUTCOME).singleResult().getValue()).isEqualTo(ProductionDeployment.Outcome.ROLLED_BACK);
  }

  @Test
  void aReleaseThatHasNotBegunExecutionIsRefused() {
    String version = uniqueVersion("early");
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);

    assertRefused(request("manager", version, REASON), RequestRollback.Vars.VERSION, "has not begun deployment execution");
    assertThat(runtime.getVariable(releaseId(version), Vars.ROLLBACK_TRIGGER)).isNull();
  }

  @Test
  void anUnknownOrEndedVersionIsRefused() {
    assertRefused(request("manager", "9.9.9-unknown", REASON), RequestRollback.Vars.VERSION, "is not a running release");

    String ended = releaseInExecution();
    runtime.deleteProcessInstance(releaseId(ended), "test: the release ended");
    assertRefused(request("manager", ended, REASON), RequestRollback.Vars.VERSION, "is not a running release");
  }

  @Test
  void aRequestWithoutAReasonIsRefused() {
    String version = releaseInExecution();

    assertRefused(request("manager", version, " "), RequestRollback.Vars.ROLLBACK_REASON, "Reason");
    Map<String, Object> noReason = Map.of(RequestRollback.Vars.VERSION, version);
    assertRefused(as("manager").post(start(), Map.of("variables", Rest.variables(noReason))),
        RequestRollback.Vars.ROLLBACK_REASON, "Reason");
    assertThat(openTask(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE)).as("release untouched").isNotNull();
  }

  @Test
  void onlyDeploymentManagersRequestARollback() {
    String version = releaseInExecution();
    for (String user : new String[] {"qa", "platform", "operator"}) {
      assertThat(request(user, version, REASON).status()).as(user).isEqualTo(403);
    }
    assertThat(openTask(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE)).isNotNull();
  }

  @Test
  void aRequestCarriesNothingButItsFormsFields() {
    String version = releaseInExecution();
    Map<String, Object> forged = new HashMap<>(Map.of(RequestRollback.Vars.VERSION, version,
        RequestRollback.Vars.ROLLBACK_REASON, REASON, Vars.ROLLBACK_REQUESTED_BY, "manager2"));

    assertRefused(as("manager").post(start(), Map.of("variables", Rest.variables(forged))),
        Vars.ROLLBACK_REQUESTED_BY, "does not ask for");
  }

  // ------------------------------------------------------------------ helpers

  private void assertRefused(Rest.Reply reply, String field, String why) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.message()).contains(field, why);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(RequestRollback.KEY)
        .unfinished().count()).as("no request left behind").isZero();
  }

  private Rest.Reply request(String user, String version, String reason) {
    return as(user).post(start(), Map.of("variables", Rest.variables(Map.of(
        RequestRollback.Vars.VERSION, version, RequestRollback.Vars.ROLLBACK_REASON, reason))));
  }

  private static String start() {
    return "/process-definition/key/" + RequestRollback.KEY + "/start";
  }

  /** A release whose deployment execution has begun: Docker Compose deployment open. */
  private String releaseInExecution() {
    String version = uniqueVersion("rollback");
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);
    runDueJobs();
    completeOpenTasksExcept(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);
    assertThat(openTask(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE)).isNotNull();
    return version;
  }

  private String releaseId(String version) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY)
        .processInstanceBusinessKey(version).singleResult().getId();
  }

  private String[] phaseIds(String version) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(version).list().stream()
        .map(instance -> instance.getId()).toArray(String[]::new);
  }
}

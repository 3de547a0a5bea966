package io.deploychecklist.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.PreDeployment.Decision;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nobody forges a release with a completion or a start: a person writes only the fields of the form
 * in front of them. Each forgery measured against the product before is refused with 400 naming the
 * variable, the task stays open and the release keeps its values.
 */
class ForgeryRestTest extends SecuredApplicationTest {

  /** The product's own facts, each of which a completion of section 1 could overwrite before. */
  @ParameterizedTest
  @ValueSource(strings = {"check_health", "check_dns", "version", "environment", "outcome", "rollbackTrigger",
      "waiverApproval", "deploymentManagerSignOffBy", "technicalLeadSignOffBy", "targetBaseUrl",
      "deploymentManager", "initiator", "deploymentMethod", "deploymentDate", "checksFailed"})
  void aCompletionCannotWriteWhatItsFormDoesNotAsk(String forged) {
    String version = release();
    Task section = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);
    Map<String, Object> before = runtime.getVariables(section.getProcessInstanceId());

    Map<String, Object> answers = new HashMap<>(formAnswers(section, Map.of()));
    answers.put(forged, forgedValue(forged));
    Rest.Reply reply = as("platform").post("/task/" + section.getId() + "/complete",
        Map.of("variables", Rest.variables(answers)));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.message()).contains("1. Infrastructure Preparation", forged, "does not ask for");
    assertThat(tasks.createTaskQuery().taskId(section.getId()).count()).as("still open").isOne();
    // As text: Json evidence comes back as new Spin nodes, equal only in what they say.
    assertThat(String.valueOf(runtime.getVariables(section.getProcessInstanceId()))).isEqualTo(String.valueOf(before));
  }

  @Test
  void theSameCompletionWithOnlyItsFormsFieldsIsAccepted() {
    String version = release();
    Task section = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);

    Rest.Reply reply = as("platform").post("/task/" + section.getId() + "/complete",
        Map.of("variables", Rest.variables(formAnswers(section, Map.of()))));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(section.getId()).count()).isZero();
  }

  @Test
  void tasklistsSubmitFormIsHeldToTheSameRule() {
    String version = release();
    Task section = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);
    Map<String, Object> answers = new HashMap<>(formAnswers(section, Map.of()));
    answers.put(Vars.TARGET_BASE_URL, "http://127.0.0.1:1/elsewhere");

    Rest.Reply reply = webappLogin("platform", "tasklist").post("/camunda/api/engine/engine/default/task/"
        + section.getId() + "/submit-form", json(Map.of("variables", Rest.variables(answers))));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.message()).contains(Vars.TARGET_BASE_URL);
    assertThat(runtime.getVariable(section.getProcessInstanceId(), Vars.TARGET_BASE_URL))
        .isEqualTo(runtime.getVariable(releaseInstance(version), Vars.TARGET_BASE_URL));
  }

  @Test
  void theJavaApiHoldsAnAuthenticatedUserToTheSameRule() {
    String version = release();
    Task section = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);
    Map<String, Object> answers = new HashMap<>(formAnswers(section, Map.of()));
    answers.put(Vars.OUTCOME, ProductionDeployment.Outcome.RELEASED);

    identity.setAuthentication("platform", List.of("platform-engineers"));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(section.getId(), answers))
          .isInstanceOf(RefusedRequest.class).hasMessageContaining(Vars.OUTCOME);
    } finally {
      identity.clearAuthentication();
    }
    assertThat(tasks.createTaskQuery().taskId(section.getId()).count()).isOne();
  }

  @Test
  void aWaiverCannotNameSomebodyElseAsTheOneWhoAskedForIt() {
    String version = waiverReview();
    Task review = openTask(version, PreDeployment.Elements.REVIEW_FAILED_CHECKS);

    Rest.Reply reply = as("manager").post("/task/" + review.getId() + "/complete", Map.of("variables",
        Rest.variables(Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE,
            PreDeployment.Vars.WAIVER_REASON, "Known", PreDeployment.Vars.WAIVER_REQUESTED_BY, "manager2"))));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.message()).contains(PreDeployment.Vars.WAIVER_REQUESTED_BY);
    assertThat(openTask(version, PreDeployment.Elements.APPROVE_WAIVER)).isNull();
  }

  @Test
  void aReadonlyFieldComesBackUnchangedOrNotAtAll() {
    String version = waiverReview();
    Task review = openTask(version, PreDeployment.Elements.REVIEW_FAILED_CHECKS);
    Map<String, Object> answers = Map.of(PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.RERUN,
        "failedChecksSummary", "all PASS");

    Rest.Reply changed = as("manager").post("/task/" + review.getId() + "/complete",
        Map.of("variables", Rest.variables(answers)));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(400);
    assertThat(changed.message()).contains("failedChecksSummary");

    Map<String, Object> asShown = new HashMap<>(answers);
    asShown.put("failedChecksSummary", "baselineHealth: FAIL (HTTP 503)");
    Rest.Reply unchanged = as("manager").post("/task/" + review.getId() + "/complete",
        Map.of("variables", Rest.variables(asShown)));
    assertThat(unchanged.status()).as(unchanged.toString()).isEqualTo(204);
  }

  @Test
  void aSignOffCannotCarryAnotherSigner() {
    String version = uniqueVersion("signoff");
    runtime.createProcessInstanceByKey(PostDeployment.KEY).businessKey(version)
        .setVariables(Map.of(Vars.VERSION, version, Vars.ENVIRONMENT, "production",
            Vars.DEPLOYMENT_METHOD, "docker-compose", Vars.OBSERVATION_HOURS, 24,
            Vars.TARGET_BASE_URL, "http://127.0.0.1:" + port + "/demo-target",
            Vars.INITIATOR, "manager", Vars.DEPLOYMENT_MANAGER, "manager"))
        .startBeforeActivity(PostDeployment.Elements.FINAL_SIGN_OFF).execute();
    Task signOff = openTask(version, PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER);
    Map<String, Object> answers = new HashMap<>(formAnswers(signOff, Map.of()));
    answers.put(Vars.INITIATOR, "someoneelse");
    answers.put(Vars.DEPLOYMENT_MANAGER, "someoneelse");

    Rest.Reply reply = as("product").post("/task/" + signOff.getId() + "/complete",
        Map.of("variables", Rest.variables(answers)));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.message()).contains(Vars.INITIATOR, Vars.DEPLOYMENT_MANAGER);
    assertThat(runtime.getVariable(signOff.getProcessInstanceId(), Vars.DEPLOYMENT_MANAGER)).isEqualTo("manager");
  }

  @ParameterizedTest
  @ValueSource(strings = {"initiator", "outcome", "check_health", "waiverDecidedBy", "rollbackTrigger"})
  void aStartCarriesOnlyTheStartFormsFields(String forged) {
    String version = uniqueVersion("start");

    Rest.Reply reply = startRelease("manager", Map.of(Vars.VERSION, version, forged, "forged"));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.message()).contains(forged, "does not ask for");
    assertThat(releasesEver(version)).isZero();
  }

  @Test
  void aStartWithItsFormsFieldsStillStarts() {
    String version = uniqueVersion("start");

    Rest.Reply reply = startRelease("manager", Map.of(Vars.VERSION, version, Vars.NOTES, "Quarterly release"));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(runningReleases(version)).isOne();
    assertThat(runtime.getVariable(releaseInstance(version), Vars.INITIATOR)).isEqualTo("manager");
  }

  @Test
  void aMessageCarriesOnlyItsReasonEvenForTheAdministrator() {
    String version = release();
    Map<String, Object> message = Map.of(
        "messageName", ProductionDeployment.MESSAGE_ROLLBACK_REQUESTED, "businessKey", version,
        "processVariables", Map.of(Vars.ROLLBACK_REASON, Rest.value("why"), Vars.OUTCOME, Rest.value("RELEASED")));

    Rest.Reply reply = as("admin").post("/message", message);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.message()).contains(Vars.OUTCOME, "only rollbackReason");
  }

  // ------------------------------------------------------------------ helpers

  private String release() {
    String version = uniqueVersion("forgery");
    Rest.Reply started = startRelease("manager", Map.of(Vars.VERSION, version));
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    runDueJobs();
    return version;
  }

  /** A review of failed checks, in the waiver process as proposed for pre-deployment (test resources). */
  private String waiverReview() {
    String version = uniqueVersion("waiver");
    runtime.startProcessInstanceByKey("waiver-approval-test", version, Map.of(Vars.VERSION, version,
        "failedChecksSummary", "baselineHealth: FAIL (HTTP 503)"));
    return version;
  }

  private String releaseInstance(String version) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY)
        .processInstanceBusinessKey(version).singleResult().getId();
  }

  private static String json(Object body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object forgedValue(String name) {
    return switch (name) {
      case "check_health" -> "{\"check\":\"health\",\"status\":\"PASS\"}";
      case "outcome" -> "RELEASED";
      case "deploymentManager", "initiator", "deploymentManagerSignOffBy" -> "platform";
      case "targetBaseUrl" -> "http://127.0.0.1:1/elsewhere";
      case "deploymentMethod" -> "teleport";
      case "deploymentDate" -> "2099-01-01T00:00:00Z";
      case "checksFailed" -> false;
      default -> "forged";
    };
  }
}

package io.deploychecklist.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.PreDeployment.Decision;
import io.deploychecklist.process.PreDeployment.WaiverApproval;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import io.deploychecklist.security.Webapp;
import io.deploychecklist.turns.SameMoment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Four eyes, enforced by the server whoever calls it: three different people sign off; the person
 * who started the release is not its product owner; a waived check is approved by a second
 * deployment manager. A refusal is a 400 naming the rule, and the task stays open.
 */
class FourEyesRestTest extends SecuredApplicationTest {

  /** Who signed, recorded after the four-eyes check of the same completion (spied: ApplicationTest). */
  @Autowired @Qualifier("recordSignOffListener") TaskListener recordSignOff;

  /** The waiver as proposed for pre-deployment.bpmn (src/test/resources/processes). */
  static final String WAIVER_PROCESS = "waiver-approval-test";

  @BeforeEach
  void usersWithTwoRoles() {
    user("duallead", ChecklistGroup.DEPLOYMENT_MANAGERS.id, ChecklistGroup.TECH_LEADS.id);
    user("ownermanager", ChecklistGroup.DEPLOYMENT_MANAGERS.id, ChecklistGroup.PRODUCT_OWNERS.id);
  }

  // ------------------------------------------------------------------ final sign-off

  @Test
  void theSameUserCannotSignTwoSignOffs() {
    String version = startSignOffs("manager", "manager");

    assertThat(signOff("duallead", version, PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER).status())
        .isEqualTo(204);
    Rest.Reply twice = signOff("duallead", version, PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD);

    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.message()).contains("Technical Lead sign-off",
        "duallead already signed off as Deployment Manager", "three different people");
    Task open = openTask(version, PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD);
    assertThat(open).as("the refused sign-off stays open").isNotNull();
    assertThat(runtime.getVariable(open.getProcessInstanceId(), "technicalLeadSignOffBy")).isNull();

    assertThat(signOff("techlead", version, PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD).status()).isEqualTo(204);
  }

  @Test
  void oneUserSigningTwoSignOffsAtTheSameMomentSignsOne() throws Exception {
    String version = startSignOffs("manager", "manager");
    doAnswer(new SameMoment().runThenWaitForTheOther()).when(recordSignOff).notify(any(DelegateTask.class));

    List<Rest.Reply> replies = SameMoment.both(
        () -> signOff("duallead", version, PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER),
        () -> signOff("duallead", version, PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD));

    assertThat(replies).extracting(Rest.Reply::status).containsExactlyInAnyOrder(204, 400);
    assertThat(replies).filteredOn(reply -> reply.status() == 400).singleElement()
        .extracting(Rest.Reply::message).asString().contains("duallead already signed off as");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(version).taskDefinitionKeyIn(
        PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER, PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD).count())
        .as("sign-offs still open").isOne();
  }

  @Test
  void theSameRefusalWhicheverSignOffComesFirst() {
    String version = startSignOffs("manager", "manager");
    assertThat(signOff("duallead", version, PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD).status()).isEqualTo(204);

    Rest.Reply twice = signOff("duallead", version, PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER);

    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.message()).contains("duallead already signed off as Technical Lead");
  }

  @Test
  void theDeploymentManagerWhoStartedTheReleaseCannotSignAsProductOwner() {
    String version = startSignOffs("ownermanager", "manager");

    Rest.Reply refused = signOff("ownermanager", version, PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.message()).contains("Product Owner sign-off",
        "ownermanager started this release and cannot also sign off as Product Owner");
    assertThat(signOff("product", version, PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER).status()).isEqualTo(204);
  }

  @Test
  void theReleasesDeploymentManagerCannotSignAsProductOwnerEither() {
    String version = startSignOffs("manager", "ownermanager");

    Rest.Reply refused = signOff("ownermanager", version, PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.message()).contains("ownermanager is this release's deployment manager");
  }

  @Test
  void threeDifferentPeopleSignOffAndTheLogSaysWho() {
    String version = startSignOffs("manager", "manager");
    Map<String, String> signers = Map.of(
        PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER, "manager",
        PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD, "techlead",
        PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER, "product");
    Map<String, String> taskIds = new HashMap<>();
    signers.forEach((taskKey, user) -> {
      taskIds.put(taskKey, openTask(version, taskKey).getId());
      assertThat(signOff(user, version, taskKey).status()).as(user).isEqualTo(204);
    });
    runDueJobs();

    String instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(PostDeployment.KEY)
        .processInstanceBusinessKey(version).singleResult().getId();
    assertThat(variable(instance, "deploymentManagerSignOffBy")).isEqualTo("manager");
    assertThat(variable(instance, "technicalLeadSignOffBy")).isEqualTo("techlead");
    assertThat(variable(instance, "productOwnerSignOffBy")).isEqualTo("product");
    signers.forEach((taskKey, user) -> assertThat(history.createUserOperationLogQuery()
        .taskId(taskIds.get(taskKey)).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
        .singleResult().getUserId()).as(taskKey).isEqualTo(user));
  }

  @Test
  void tasklistGetsTheSameRefusal() {
    String version = startSignOffs("manager", "manager");
    signOff("duallead", version, PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER);
    Task task = openTask(version, PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD);

    Webapp tasklist = webappLogin("duallead", "tasklist");
    Rest.Reply refused = tasklist.post("/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form",
        "{\"variables\":{\"technicalLeadSignOff\":{\"value\":true}}}");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.message()).contains("duallead already signed off as Deployment Manager");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  // ------------------------------------------------------------------ waiver

  @Test
  void aWaiverApprovedByTheManagerWhoAskedForItIsRefused() {
    String version = startWaiverReview();
    Task review = openTask(version, PreDeployment.Elements.REVIEW_FAILED_CHECKS);
    assertThat(as("manager").post("/task/" + review.getId() + "/complete", Map.of("variables", Rest.variables(Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE,
        PreDeployment.Vars.WAIVER_REASON, "The readiness endpoint is new in this release")))).status()).isEqualTo(204);
    Task approval = openTask(version, PreDeployment.Elements.APPROVE_WAIVER);
    assertThat(runtime.getVariable(approval.getProcessInstanceId(), PreDeployment.Vars.WAIVER_REQUESTED_BY))
        .isEqualTo("manager");

    Rest.Reply own = approve("manager", approval, WaiverApproval.APPROVE);

    assertThat(own.status()).isEqualTo(400);
    assertThat(own.message()).contains("Approve waiver", "manager asked for this waiver",
        "a different deployment manager must approve");
    assertThat(tasks.createTaskQuery().taskId(approval.getId()).count()).as("still waiting for approval").isOne();

    assertThat(approve("manager2", approval, WaiverApproval.APPROVE).status()).isEqualTo(204);
    String instance = approval.getProcessInstanceId();
    assertThat(variable(instance, PreDeployment.Vars.WAIVER_DECIDED_BY)).isEqualTo("manager2");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
        .getEndActivityId()).isEqualTo("endEvent_waived");
    assertThat(history.createUserOperationLogQuery().taskId(review.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult().getUserId()).isEqualTo("manager");
    assertThat(history.createUserOperationLogQuery().taskId(approval.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult().getUserId())
        .isEqualTo("manager2");
  }

  @Test
  void aRejectedWaiverGoesBackToTheReview() {
    String version = startWaiverReview();
    Task review = openTask(version, PreDeployment.Elements.REVIEW_FAILED_CHECKS);
    as("manager").post("/task/" + review.getId() + "/complete", Map.of("variables", Rest.variables(Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE, PreDeployment.Vars.WAIVER_REASON, "Trust me"))));
    Task approval = openTask(version, PreDeployment.Elements.APPROVE_WAIVER);

    Rest.Reply withoutReason = approve("manager2", approval, WaiverApproval.REJECT);
    assertThat(withoutReason.status()).isEqualTo(400);
    assertThat(withoutReason.message()).contains("(waiverApprovalComment)");

    Rest.Reply rejected = as("manager2").post("/task/" + approval.getId() + "/complete",
        Map.of("variables", Rest.variables(Map.of(PreDeployment.Vars.WAIVER_APPROVAL, WaiverApproval.REJECT,
            PreDeployment.Vars.WAIVER_APPROVAL_COMMENT, "Not without a health check"))));
    assertThat(rejected.status()).isEqualTo(204);
    Task again = openTask(version, PreDeployment.Elements.REVIEW_FAILED_CHECKS);
    assertThat(again).isNotNull();
    assertThat(runtime.getVariable(again.getProcessInstanceId(), PreDeployment.Vars.FAILED_CHECKS_DECISION)).isNull();
  }

  @Test
  void aWaiverDecisionIsApproveOrReject() {
    String version = startWaiverReview();
    Task review = openTask(version, PreDeployment.Elements.REVIEW_FAILED_CHECKS);
    as("manager").post("/task/" + review.getId() + "/complete", Map.of("variables", Rest.variables(Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE, PreDeployment.Vars.WAIVER_REASON, "Known issue"))));
    Task approval = openTask(version, PreDeployment.Elements.APPROVE_WAIVER);

    Rest.Reply odd = approve("manager2", approval, "maybe");

    assertThat(odd.status()).isEqualTo(400);
    assertThat(odd.message()).contains("(waiverApproval) must be approve or reject");
  }

  // ------------------------------------------------------------------ helpers

  /** A post-deployment phase waiting for the three sign-offs (set-up, no user). */
  private String startSignOffs(String initiator, String deploymentManager) {
    String version = uniqueVersion("signoff");
    runtime.createProcessInstanceByKey(PostDeployment.KEY).businessKey(version)
        .setVariables(Map.of(Vars.VERSION, version, Vars.ENVIRONMENT, "production",
            Vars.DEPLOYMENT_METHOD, "docker-compose", Vars.OBSERVATION_HOURS, 24,
            Vars.TARGET_BASE_URL, "http://127.0.0.1:" + port + "/demo-target",
            Vars.INITIATOR, initiator, Vars.DEPLOYMENT_MANAGER, deploymentManager))
        .startBeforeActivity("subProcess_finalSignOff").execute();
    return version;
  }

  private Rest.Reply signOff(String user, String version, String taskKey) {
    Task task = openTask(version, taskKey);
    return as(user).post("/task/" + task.getId() + "/complete",
        Map.of("variables", Rest.variables(formAnswers(task, Map.of()))));
  }

  private String startWaiverReview() {
    String version = uniqueVersion("waiver");
    runtime.startProcessInstanceByKey(WAIVER_PROCESS, version, Map.of(Vars.VERSION, version,
        "failedChecksSummary", "baselineHealth: FAIL (HTTP 503)"));
    return version;
  }

  private Rest.Reply approve(String user, Task approval, String decision) {
    return as(user).post("/task/" + approval.getId() + "/complete",
        Map.of("variables", Rest.variables(Map.of(PreDeployment.Vars.WAIVER_APPROVAL, decision))));
  }

  private Object variable(String processInstanceId, String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName(name).singleResult().getValue();
  }
}

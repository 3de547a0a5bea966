package io.deploychecklist.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.PreDeployment.WaiverApproval;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.process.RequestRollback;
import io.deploychecklist.process.ResolveBlocker;
import io.deploychecklist.process.ResolveBlocker.Decision;
import io.deploychecklist.process.Rollback;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * "Something is not right" on a section's form, over the REST API with the demo users: the report
 * needs no ticks and reaches the deployment managers' "Resolve blocker", whose four decisions do what
 * they say: fixed opens the section again for its group, a waiver takes a second deployment manager,
 * abort ends the release before the deployment, roll back takes the rollback plan after execution
 * began. Who reported and who decided is the server's record, not a form field.
 */
class BlockerRestTest extends SecuredApplicationTest {

  private static final String WHAT = "The load balancer is missing in eu-west-1";
  private static final String SECTION_ONE = "1. Infrastructure Preparation";

  @Test
  void aBlockerInSectionOneNeedsNoTicksAndReachesTheDeploymentManagers() {
    String version = release();
    Task section = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);

    Rest.Reply reply = complete("platform", section, blocker(WHAT));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    assertThat(openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION)).as("section 1 waits").isNull();
    assertThat(openTask(version, PreDeployment.Elements.SECRETS_MANAGEMENT)).as("the other sections go on").isNotNull();
    Task resolve = openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER);
    assertThat(resolve).isNotNull();
    assertThat(tasks.getIdentityLinksForTask(resolve.getId())).extracting(IdentityLink::getGroupId)
        .contains(ChecklistGroup.DEPLOYMENT_MANAGERS.id);
    Map<String, Object> shown = tasks.getVariables(resolve.getId());
    assertThat(shown).containsEntry(ResolveBlocker.Vars.BLOCKER_SECTION, SECTION_ONE)
        .containsEntry(ResolveBlocker.Vars.BLOCKER_DESCRIPTION, WHAT)
        .containsEntry(ResolveBlocker.Vars.BLOCKER_REPORTED_BY, "platform")
        .containsEntry(Vars.VERSION, version);
    assertThat(as("manager").get("/task/" + resolve.getId()).status()).as("deployment managers see it").isEqualTo(200);

    // Section 1's items wait on the blocker, not left empty: what is not right, who reported it when.
    JsonNode report = report(version);
    JsonNode blocker = report.path("blockers").path(0);
    assertThat(blocker.path("decision").isNull()).as("open").isTrue();
    JsonNode items = report.path("items");
    JsonNode firewall = item(items, "Firewall rules configured");
    assertThat(firewall.path("state").asText()).isEqualTo("BLOCKED");
    assertThat(firewall.path("note").asText()).contains(WHAT, "waiting for the deployment managers");
    assertThat(firewall.path("by").asText()).isEqualTo("platform");
    assertThat(firewall.path("at").asText()).isEqualTo(blocker.path("reportedAt").asText()).isNotBlank();
    assertThat(item(items, "Kubernetes cluster created (if using K8s)").path("state").asText())
        .as("hidden by its form for Docker Compose, blocker or not").isEqualTo("NOT_APPLICABLE");
    JsonNode group = item(items, "**Cloud Infrastructure Provisioned**");
    assertThat(group.path("state").asText()).isEqualTo("BLOCKED");
    assertThat(group.path("note").asText()).isEqualTo("0 of 5 items ticked, 5 blocked");
    assertThat(states(items, SECTION_ONE)).contains("BLOCKED").doesNotContain("NOT_TICKED");
    assertThat(sectionsIn(items, "BLOCKED")).as("only section 1").containsOnly(SECTION_ONE);

    assertThat(page(version)).contains("<td class=\"BLOCKED\">blocked</td>");
  }

  @Test
  void aBlockerNeedsADescriptionAndASectionWithoutOneStillNeedsItsTicks() {
    String version = release();
    Task section = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);

    Rest.Reply noDescription = complete("platform", section, Map.of(ResolveBlocker.Vars.BLOCKER_REPORTED, true));
    assertThat(noDescription.status()).as(noDescription.toString()).isEqualTo(400);
    assertThat(noDescription.message()).contains(ResolveBlocker.Vars.BLOCKER_DESCRIPTION);

    Rest.Reply noTicks = complete("platform", section, Map.of(ResolveBlocker.Vars.BLOCKER_REPORTED, false));
    assertThat(noTicks.status()).as(noTicks.toString()).isEqualTo(400);
    assertThat(noTicks.message()).contains("networkConfigurationCompleted");
    assertThat(openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION)).as("still open").isNotNull();
    assertThat(openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER)).isNull();
  }

  @Test
  void nobodyWritesWhoReportedIt() {
    String version = release();
    Task section = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);
    Map<String, Object> forged = new HashMap<>(blocker(WHAT));
    forged.put(ResolveBlocker.Vars.BLOCKER_REPORTED_BY, "security");

    Rest.Reply reply = complete("platform", section, forged);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.message()).contains(ResolveBlocker.Vars.BLOCKER_REPORTED_BY);
    assertThat(openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER)).isNull();
  }

  @Test
  void fixedOpensTheSectionAgainForTheSameGroup() {
    String version = release();
    complete("platform", openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION),
        withNotes(blocker(WHAT), "provisioning ticket INFRA-12"));
    Task resolve = openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER);

    assertThat(as("qa").post("/task/" + resolve.getId() + "/complete", decision(Decision.FIXED, "blockerFix", "x"))
        .status()).as("only deployment managers decide").isIn(403, 404);
    Rest.Reply fixed = as("manager").post("/task/" + resolve.getId() + "/complete",
        decision(Decision.FIXED, "blockerFix", "Load balancer provisioned by INFRA-12"));
    assertThat(fixed.status()).as(fixed.toString()).isEqualTo(204);
    runDueJobs();

    Task again = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);
    assertThat(again).as("section 1 open again").isNotNull();
    assertThat(tasks.getIdentityLinksForTask(again.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly(ChecklistGroup.PLATFORM_ENGINEERS.id);
    Map<String, Object> shown = tasks.getVariables(again.getId());
    assertThat(shown).as("the earlier answers are kept, the report is cleared")
        .containsEntry("infrastructurePreparationNotes", "provisioning ticket INFRA-12")
        .containsEntry(ResolveBlocker.Vars.BLOCKER_DESCRIPTION, WHAT)
        .containsEntry(ResolveBlocker.Vars.BLOCKER_REPORTED, false);
    assertThat(decidedBy(version)).containsExactly("manager");
    // Open again: neither left empty nor blocked, whatever the earlier completion said.
    assertThat(states(report(version).path("items"), SECTION_ONE)).contains("OPEN")
        .doesNotContain("NOT_TICKED", "BLOCKED");

    Rest.Reply ticked = complete("platform", again, formAnswers(again, Map.of()));
    assertThat(ticked.status()).as(ticked.toString()).isEqualTo(204);
    assertThat(openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION)).isNull();
    assertThat(openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER)).isNull();

    // Fixed and then ticked: the report shows the ticks, nothing waived.
    JsonNode items = report(version).path("items");
    assertThat(states(items, null)).doesNotContain("WAIVED");
    assertThat(item(items, "Firewall rules configured").path("state").asText()).isEqualTo("TICKED");
    assertThat(item(items, "Firewall rules configured").path("by").asText()).isEqualTo("platform");
  }

  @Test
  void aWaiverTakesASecondDeploymentManager() {
    String version = release();
    // One item ticked before the blocker was reported: it stays ticked.
    Map<String, Object> oneTicked = new HashMap<>(blocker(WHAT));
    oneTicked.put("networkConfigurationCompleted", true);
    complete("platform", openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION), oneTicked);
    Task resolve = openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER);
    assertThat(as("manager").post("/task/" + resolve.getId() + "/complete",
        decision(Decision.WAIVE, "waiverReason", "The old load balancer carries this release")).status()).isEqualTo(204);
    runDueJobs();
    Task approve = openTask(version, ResolveBlocker.Elements.APPROVE_WAIVER);
    assertThat(approve).isNotNull();
    Map<String, Object> approval = Map.of("variables", Rest.variables(Map.of(
        PreDeployment.Vars.WAIVER_APPROVAL, WaiverApproval.APPROVE)));

    Rest.Reply sameManager = as("manager").post("/task/" + approve.getId() + "/complete", approval);
    assertThat(sameManager.status()).as(sameManager.toString()).isEqualTo(400);
    assertThat(sameManager.message()).contains("four eyes");

    assertThat(as("manager2").post("/task/" + approve.getId() + "/complete", approval).status()).isEqualTo(204);
    runDueJobs();
    assertThat(openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION)).as("section 1 waived").isNull();
    assertThat(openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER)).isNull();
    completeOpenTasksExcept(version, DeploymentDay.Elements.PRE_DEPLOYMENT_VERIFICATION);
    assertThat(history.createHistoricActivityInstanceQuery().activityId(PreDeployment.Elements.INFRASTRUCTURE_PREPARATION)
        .processInstanceId(phase(version, PreDeployment.KEY)).count()).as("never ticked").isOne();

    JsonNode report = report(version);
    JsonNode blocker = report.path("blockers").path(0);
    assertThat(blocker.path("section").asText()).isEqualTo(SECTION_ONE);
    assertThat(blocker.path("description").asText()).isEqualTo(WHAT);
    assertThat(blocker.path("reportedBy").asText()).isEqualTo("platform");
    assertThat(blocker.path("decision").asText()).isEqualTo(Decision.WAIVE);
    assertThat(blocker.path("reason").asText()).isEqualTo("The old load balancer carries this release");
    assertThat(blocker.path("decidedBy").asText()).isEqualTo("manager");
    assertThat(blocker.path("waiverDecidedBy").asText()).isEqualTo("manager2");
    assertThat(blocker.path("waiverDecidedAt").asText()).isNotBlank();

    // Section 1's items were waived, not forgotten: what was not right, and who approved it when.
    JsonNode items = report.path("items");
    JsonNode firewall = item(items, "Firewall rules configured");
    assertThat(firewall.path("state").asText()).isEqualTo("WAIVED");
    assertThat(firewall.path("note").asText()).contains(WHAT);
    assertThat(firewall.path("by").asText()).isEqualTo("manager2");
    assertThat(firewall.path("at").asText()).isEqualTo(blocker.path("waiverDecidedAt").asText());
    JsonNode network = item(items, "Network configuration completed");
    assertThat(network.path("state").asText()).isEqualTo("TICKED");
    assertThat(network.path("by").asText()).isEqualTo("platform");
    assertThat(item(items, "Kubernetes cluster created (if using K8s)").path("state").asText())
        .as("hidden by its form for Docker Compose, blocker or not").isEqualTo("NOT_APPLICABLE");
    assertThat(item(items, "**Cloud Infrastructure Provisioned**").path("state").asText()).isEqualTo("WAIVED");
    assertThat(states(items, SECTION_ONE)).contains("WAIVED").doesNotContain("NOT_TICKED");
    assertThat(StreamSupport.stream(items.spliterator(), false)
        .filter(row -> row.path("state").asText().equals("WAIVED"))
        .map(row -> row.path("section").asText())).as("only section 1").containsOnly(SECTION_ONE);

    Rest.Reply page = Rest.application(port, "operator", PASSWORD).get("/api/releases/" + version + "/report",
        "text/html");
    assertThat(page.body()).contains("<td class=\"WAIVED\">waived</td>");
  }

  @Test
  void abortEndsTheReleaseBeforeTheDeploymentAndRollBackIsRefusedThere() {
    String version = release();
    // One item ticked before the blocker was reported: it stays ticked.
    Map<String, Object> oneTicked = new HashMap<>(blocker(WHAT));
    oneTicked.put("networkConfigurationCompleted", true);
    complete("platform", openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION), oneTicked);
    Task resolve = openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER);

    Rest.Reply rollback = as("manager").post("/task/" + resolve.getId() + "/complete",
        decision(Decision.ROLLBACK, "rollbackReason", "No load balancer"));
    assertThat(rollback.status()).as(rollback.toString()).isEqualTo(400);
    assertThat(rollback.message()).contains(ResolveBlocker.Vars.BLOCKER_DECISION, "nothing to roll back");

    Rest.Reply abort = as("manager").post("/task/" + resolve.getId() + "/complete",
        decision(Decision.ABORT, "abortReason", "No load balancer before the freeze"));
    assertThat(abort.status()).as(abort.toString()).isEqualTo(204);
    runDueJobs();

    assertThat(runningReleases(version)).isZero();
    assertThat(releaseVariable(version, Vars.OUTCOME)).isEqualTo(ProductionDeployment.Outcome.ABORTED);
    assertThat(releaseVariable(version, "abortReason")).isEqualTo("No load balancer before the freeze");

    // Section 1's items were not forgotten: its blocker stopped the release there, and who decided it when.
    JsonNode report = report(version);
    assertThat(report.path("outcome").asText()).isEqualTo(ProductionDeployment.Outcome.ABORTED);
    JsonNode blocker = report.path("blockers").path(0);
    assertThat(blocker.path("decision").asText()).isEqualTo(Decision.ABORT);
    JsonNode items = report.path("items");
    JsonNode firewall = item(items, "Firewall rules configured");
    assertThat(firewall.path("state").asText()).isEqualTo("STOPPED");
    assertThat(firewall.path("note").asText()).contains(WHAT, "decision abort", "No load balancer before the freeze");
    assertThat(firewall.path("by").asText()).isEqualTo("manager");
    assertThat(firewall.path("at").asText()).isEqualTo(blocker.path("decidedAt").asText()).isNotBlank();
    JsonNode network = item(items, "Network configuration completed");
    assertThat(network.path("state").asText()).isEqualTo("TICKED");
    assertThat(network.path("by").asText()).isEqualTo("platform");
    JsonNode group = item(items, "**Cloud Infrastructure Provisioned**");
    assertThat(group.path("state").asText()).isEqualTo("STOPPED");
    assertThat(group.path("note").asText()).isEqualTo("1 of 5 items ticked, 4 stopped");
    assertThat(states(items, SECTION_ONE)).contains("STOPPED").doesNotContain("NOT_TICKED", "BLOCKED");
    assertThat(sectionsIn(items, "STOPPED")).as("only section 1").containsOnly(SECTION_ONE);
    assertThat(states(items, null)).doesNotContain("BLOCKED");

    assertThat(page(version)).contains("<td class=\"STOPPED\">stopped</td>");
  }

  @Test
  void aBlockerLeftUndecidedWhenAnotherAbortedTheReleaseSaysSo() {
    String version = release();
    complete("platform", openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION), blocker(WHAT));
    complete("security", openTask(version, PreDeployment.Elements.SECRETS_MANAGEMENT), blocker("Vault is sealed"));
    Task first = tasks.createTaskQuery().processInstanceBusinessKey(version)
        .taskDefinitionKey(ResolveBlocker.Elements.RESOLVE_BLOCKER).orderByTaskCreateTime().asc().list().get(0);

    Rest.Reply abort = as("manager").post("/task/" + first.getId() + "/complete",
        decision(Decision.ABORT, "abortReason", "No load balancer before the freeze"));
    assertThat(abort.status()).as(abort.toString()).isEqualTo(204);
    runDueJobs();
    assertThat(runningReleases(version)).isZero();

    JsonNode report = report(version);
    JsonNode undecided = report.path("blockers").path(1);
    assertThat(undecided.path("description").asText()).isEqualTo("Vault is sealed");
    assertThat(undecided.path("decision").isNull()).isTrue();
    assertThat(undecided.path("resolvedAt").asText()).isNotBlank();
    assertThat(states(report.path("items"), "2. Secrets Management")).contains("BLOCKED").doesNotContain("NOT_TICKED");
    assertThat(report.path("items").findValuesAsText("note"))
        .anyMatch(note -> note.equals("blocker reported: Vault is sealed; not resolved before the release left this step"));
    assertThat(page(version)).contains("<td>not decided (the release left this step)</td>");
  }

  @Test
  void rollBackAfterExecutionBeganTakesTheRollbackPlanAndAbortIsRefusedThere() {
    String version = release();
    completeOpenTasksExcept(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);
    complete("platform", openTask(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE),
        blocker("The new image does not start"));
    Task resolve = openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER);
    assertThat(tasks.getVariable(resolve.getId(), ResolveBlocker.Vars.BLOCKER_SECTION)).isEqualTo("Deploy to Docker Compose");

    Rest.Reply abort = as("manager").post("/task/" + resolve.getId() + "/complete",
        decision(Decision.ABORT, "abortReason", "Image broken"));
    assertThat(abort.status()).as(abort.toString()).isEqualTo(400);
    assertThat(abort.message()).contains(ResolveBlocker.Vars.BLOCKER_DECISION, "roll the release back");

    Rest.Reply rollback = as("manager").post("/task/" + resolve.getId() + "/complete",
        decision(Decision.ROLLBACK, "rollbackReason", "The new image does not start"));
    assertThat(rollback.status()).as(rollback.toString()).isEqualTo(204);
    runDueJobs();

    assertThat(releaseVariable(version, Vars.ROLLBACK_TRIGGER)).isEqualTo(ProductionDeployment.Errors.ROLLBACK_REQUESTED);
    assertThat(releaseVariable(version, Vars.ROLLBACK_REASON)).isEqualTo("The new image does not start");
    assertThat(openTask(version, Rollback.Elements.ROLLBACK_DOCKER_COMPOSE)).as("the rollback plan runs").isNotNull();
    assertThat(history.createHistoricVariableInstanceQuery().variableName(Vars.ROLLBACK_REQUESTED_BY)
        .processInstanceIdIn(resolveInstances(version)).singleResult().getValue()).isEqualTo("manager");

    // The deployment's items were not forgotten: its blocker stopped the release there, and who decided it when.
    JsonNode report = report(version);
    JsonNode blocker = report.path("blockers").path(0);
    assertThat(blocker.path("decision").asText()).isEqualTo(Decision.ROLLBACK);
    JsonNode items = report.path("items");
    JsonNode images = item(items, "Images built successfully");
    assertThat(images.path("state").asText()).isEqualTo("STOPPED");
    assertThat(images.path("note").asText()).contains("The new image does not start", "decision rollback");
    assertThat(images.path("by").asText()).isEqualTo("manager");
    assertThat(images.path("at").asText()).isEqualTo(blocker.path("decidedAt").asText()).isNotBlank();
    assertThat(item(items, "**Deploy to Docker Compose**").path("state").asText()).isEqualTo("STOPPED");
    assertThat(item(items, "Cluster connectivity verified").path("state").asText())
        .as("the other deployment method").isEqualTo("NOT_APPLICABLE");
    assertThat(sectionsIn(items, "STOPPED")).as("only section 8").containsOnly("8. Deployment Execution");
    assertThat(states(items, null)).doesNotContain("BLOCKED");

    assertThat(page(version)).contains("<td class=\"STOPPED\">stopped</td>");
  }

  @Test
  void duringTheRollbackABlockerIsFixedOrWaivedOnly() {
    String version = release();
    completeOpenTasksExcept(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);
    Task deploy = openTask(version, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);
    assertThat(as("manager").post("/process-definition/key/" + RequestRollback.KEY + "/start",
        Map.of("variables", Rest.variables(Map.of(RequestRollback.Vars.VERSION, version,
            RequestRollback.Vars.ROLLBACK_REASON, "drill"))))).extracting(Rest.Reply::status).isEqualTo(200);
    runDueJobs();
    assertThat(tasks.createTaskQuery().taskId(deploy.getId()).count()).isZero();
    complete("platform", openTask(version, Rollback.Elements.ROLLBACK_DOCKER_COMPOSE), blocker("Old image gone"));
    Task resolve = openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER);

    for (String stop : List.of(Decision.ABORT, Decision.ROLLBACK)) {
      Rest.Reply refused = as("manager").post("/task/" + resolve.getId() + "/complete",
          decision(stop, stop.equals(Decision.ABORT) ? "abortReason" : "rollbackReason", "x"));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.message()).contains("rolled back already");
    }
  }

  // ------------------------------------------------------------------ helpers

  private String release() {
    String version = uniqueVersion("blocker");
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);
    runDueJobs();
    return version;
  }

  private Rest.Reply complete(String user, Task task, Map<String, Object> answers) {
    return as(user).post("/task/" + task.getId() + "/complete", Map.of("variables", Rest.variables(answers)));
  }

  private static Map<String, Object> blocker(String what) {
    return Map.of(ResolveBlocker.Vars.BLOCKER_REPORTED, true, ResolveBlocker.Vars.BLOCKER_DESCRIPTION, what);
  }

  private static Map<String, Object> withNotes(Map<String, Object> answers, String notes) {
    Map<String, Object> all = new HashMap<>(answers);
    all.put("infrastructurePreparationNotes", notes);
    return all;
  }

  private static Map<String, Object> decision(String decision, String reasonKey, String reason) {
    return Map.of("variables", Rest.variables(Map.of(ResolveBlocker.Vars.BLOCKER_DECISION, decision, reasonKey, reason)));
  }

  private JsonNode report(String version) {
    Rest.Reply report = Rest.application(port, "operator", PASSWORD).get("/api/releases/" + version + "/report",
        "application/json");
    assertThat(report.status()).as(report.toString()).isEqualTo(200);
    return report.json();
  }

  private static JsonNode item(JsonNode items, String text) {
    return StreamSupport.stream(items.spliterator(), false).filter(row -> text.equals(row.path("item").asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no item '" + text + "'"));
  }

  /** The printable report. */
  private String page(String version) {
    Rest.Reply page = Rest.application(port, "operator", PASSWORD).get("/api/releases/" + version + "/report",
        "text/html");
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.body();
  }

  /** The sections of the items in that state. */
  private static List<String> sectionsIn(JsonNode items, String state) {
    return StreamSupport.stream(items.spliterator(), false).filter(row -> state.equals(row.path("state").asText()))
        .map(row -> row.path("section").asText()).toList();
  }

  /** The states of the items of that section (of all, for null). */
  private static List<String> states(JsonNode items, String section) {
    return StreamSupport.stream(items.spliterator(), false)
        .filter(row -> section == null || section.equals(row.path("section").asText()))
        .map(row -> row.path("state").asText()).toList();
  }

  private Object releaseVariable(String version, String name) {
    String release = history.createHistoricProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY)
        .processInstanceBusinessKey(version).singleResult().getId();
    HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery().processInstanceId(release)
        .variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  private String phase(String version, String key) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
        .processInstanceBusinessKey(version).singleResult().getId();
  }

  private String[] resolveInstances(String version) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(ResolveBlocker.KEY)
        .processInstanceBusinessKey(version).list().stream().map(instance -> instance.getId()).toArray(String[]::new);
  }

  private List<Object> decidedBy(String version) {
    return history.createHistoricVariableInstanceQuery().variableName(ResolveBlocker.Vars.BLOCKER_DECIDED_BY)
        .processInstanceIdIn(resolveInstances(version)).list().stream().map(HistoricVariableInstance::getValue).toList();
  }
}

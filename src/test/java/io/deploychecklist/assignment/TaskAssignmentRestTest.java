package io.deploychecklist.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import io.deploychecklist.security.Webapp;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who holds a task, through the REST API and Tasklist: a person claims a task of their group for
 * themselves and may give it back; nobody hands it to someone else or takes it from its assignee
 * without TASK_ASSIGN (the administrator has it).
 */
class TaskAssignmentRestTest extends SecuredApplicationTest {

  private Task testing;

  @BeforeEach
  void aReleaseWithATaskForQa() {
    user("qa2", "qa");
    String version = uniqueVersion("assignment");
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);
    // The baseline checks run now: no job of this release is left to the tests that share the engine.
    runDueJobs();
    testing = openTask(version, PreDeployment.Elements.TESTING);
  }

  @Test
  void aPersonClaimsATaskOnlyForThemselves() {
    Rest.Reply forSomebodyElse = as("qa").post(task("/claim"), Map.of("userId", "qa2"));

    assertThat(forSomebodyElse.status()).isEqualTo(403);
    assertThat(forSomebodyElse.message()).contains("qa", "TASK_ASSIGN");
    assertThat(assignee()).isNull();

    assertThat(as("qa").post(task("/claim"), Map.of("userId", "qa")).status()).isEqualTo(204);
    assertThat(assignee()).isEqualTo("qa");
  }

  @Test
  void theAssigneeGivesATaskBackInTasklist() {
    assertThat(as("qa").post(task("/claim"), Map.of("userId", "qa")).status()).isEqualTo(204);
    Webapp tasklist = webappLogin("qa", "tasklist");

    Rest.Reply unclaimed = tasklist.post("/camunda/api/engine/engine/default" + task("/unclaim"), "{}");

    assertThat(unclaimed.status()).as(unclaimed.toString()).isEqualTo(204);
    assertThat(assignee()).isNull();
    // ... and anybody of the group may take it now
    assertThat(as("qa2").post(task("/claim"), Map.of("userId", "qa2")).status()).isEqualTo(204);
    assertThat(as("qa2").post(task("/unclaim"), Map.of()).status()).isEqualTo(204);
    assertThat(assignee()).isNull();
  }

  @Test
  void nobodyTakesATaskFromItsAssignee() {
    assertThat(as("qa").post(task("/claim"), Map.of("userId", "qa")).status()).isEqualTo(204);
    Rest colleague = as("qa2");
    Map<String, Object> nobody = new HashMap<>();
    nobody.put("userId", null);

    assertThat(colleague.post(task("/unclaim"), Map.of()).status()).isEqualTo(403);
    assertThat(colleague.post(task("/claim"), nobody).status()).isEqualTo(403);
    assertThat(colleague.post(task("/assignee"), Map.of("userId", "qa2")).status()).isEqualTo(403);
    assertThat(assignee()).isEqualTo("qa");
  }

  @Test
  void theAssigneeHandsTheTaskToNobodyElse() {
    Rest qa = as("qa");
    assertThat(qa.post(task("/claim"), Map.of("userId", "qa")).status()).isEqualTo(204);

    Rest.Reply handedOver = qa.post(task("/assignee"), Map.of("userId", "qa2"));
    assertThat(handedOver.status()).isEqualTo(403);
    assertThat(handedOver.message()).contains("qa", "TASK_ASSIGN");
    assertThat(qa.post(task("/delegate"), Map.of("userId", "qa2")).status()).isEqualTo(403);
    assertThat(qa.post(task("/identity-links"), Map.of("userId", "product", "type", "candidate")).status())
        .isEqualTo(403);
    assertThat(assignee()).isEqualTo("qa");
    assertThat(tasks.getIdentityLinksForTask(testing.getId())).extracting(IdentityLink::getUserId)
        .doesNotContain("product");
  }

  @Test
  void theAdministratorAssignsAndUnassignsAnyTask() {
    Rest admin = as("admin");
    assertThat(admin.post(task("/assignee"), Map.of("userId", "qa2")).status()).isEqualTo(204);
    assertThat(assignee()).isEqualTo("qa2");
    assertThat(admin.post(task("/unclaim"), Map.of()).status()).isEqualTo(204);
    assertThat(assignee()).isNull();
  }

  private String task(String action) {
    return "/task/" + testing.getId() + action;
  }

  private String assignee() {
    return tasks.createTaskQuery().taskId(testing.getId()).singleResult().getAssignee();
  }
}

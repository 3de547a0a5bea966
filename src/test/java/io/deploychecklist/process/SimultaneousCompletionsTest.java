package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import io.deploychecklist.turns.HeldCompletions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The six people of a release's pre-deployment sections press Complete at the same moment: each
 * completion is accepted (the sections meet at an asynchronous join, not in the person's request).
 * Made certain: every completion is held, inside its transaction and after its listeners, until all
 * six have got there ({@link HeldCompletions}). Two people completing the same task at the same
 * moment: one is accepted, the other gets 409 with a clear message.
 */
class SimultaneousCompletionsTest extends SecuredApplicationTest {

  /** Strong enough for the prod profile's password policy too. */
  static final String PASSWORD = "Same-Moment-42!";

  private static final Map<String, String> PERSON_OF_GROUP = Map.of(
      ChecklistGroup.PLATFORM_ENGINEERS.id, "simplatform",
      ChecklistGroup.SECURITY.id, "simsecurity",
      ChecklistGroup.SRE.id, "simsre",
      ChecklistGroup.QA.id, "simqa");

  @BeforeEach
  void people() {
    userWithPassword("simmanager", PASSWORD, ChecklistGroup.DEPLOYMENT_MANAGERS.id);
    userWithPassword("simplatform2", PASSWORD, ChecklistGroup.PLATFORM_ENGINEERS.id);
    PERSON_OF_GROUP.forEach((group, user) -> userWithPassword(user, PASSWORD, group));
  }

  @AfterEach
  void letGo() {
    HeldCompletions.parties = 0;
  }

  @Test
  void sixSectionsCompletedAtTheSameMomentAreAllAccepted() throws Exception {
    String version = release();
    List<Task> sections = new ArrayList<>();
    for (String key : PreDeployment.Elements.SECTIONS) {
      sections.add(openTask(version, key));
    }
    assertThat(sections).hasSize(6).doesNotContainNull();

    HeldCompletions.parties = sections.size();
    List<CompletableFuture<Rest.Reply>> completions = new ArrayList<>();
    for (Task section : sections) {
      String person = PERSON_OF_GROUP.get(candidateGroup(section));
      Map<String, Object> answers = formAnswers(section, Map.of());
      completions.add(CompletableFuture.supplyAsync(() -> Rest.as(port, person, PASSWORD)
          .post("/task/" + section.getId() + "/complete", Map.of("variables", Rest.variables(answers)))));
    }

    for (CompletableFuture<Rest.Reply> completion : completions) {
      Rest.Reply reply = completion.get(60, TimeUnit.SECONDS);
      assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    }
    HeldCompletions.parties = 0;
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(version)
        .taskDefinitionKeyIn(PreDeployment.Elements.SECTIONS).count()).isZero();
    runDueJobs();
    assertThat(history.createHistoricActivityInstanceQuery().activityId("parallelGateway_sectionsJoin")
        .processInstanceId(phase(version)).finished().count()).as("each section arrived at the join")
        .isGreaterThanOrEqualTo(6);
  }

  @Test
  void twoPeopleCompletingOneTaskAtTheSameMomentGetOneAcceptedAndOneConflict() throws Exception {
    String version = release();
    Task infrastructure = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);
    Map<String, Object> body = Map.of("variables", Rest.variables(formAnswers(infrastructure, Map.of())));

    HeldCompletions.parties = 2;
    CompletableFuture<Rest.Reply> one = CompletableFuture.supplyAsync(() -> Rest.as(port, "simplatform", PASSWORD)
        .post("/task/" + infrastructure.getId() + "/complete", body));
    CompletableFuture<Rest.Reply> other = CompletableFuture.supplyAsync(() -> Rest.as(port, "simplatform2", PASSWORD)
        .post("/task/" + infrastructure.getId() + "/complete", body));
    List<Rest.Reply> replies = List.of(one.get(60, TimeUnit.SECONDS), other.get(60, TimeUnit.SECONDS));

    assertThat(replies).extracting(Rest.Reply::status).containsExactlyInAnyOrder(204, 409);
    assertThat(replies).filteredOn(reply -> reply.status() == 409).singleElement()
        .satisfies(conflict -> assertThat(conflict.message()).contains("same moment", "reload")
            .doesNotContain("\tat "));
    assertThat(history.createHistoricTaskInstanceQuery().taskId(infrastructure.getId()).finished().count()).isOne();
  }

  // ------------------------------------------------------------------ helpers

  private String release() {
    String version = uniqueVersion("same-moment");
    Rest.Reply started = Rest.as(port, "simmanager", PASSWORD).post(
        "/process-definition/key/" + ProductionDeployment.KEY + "/start",
        Map.of("variables", Rest.variables(Map.of(Vars.VERSION, version))));
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    return version;
  }

  private String phase(String version) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(PreDeployment.KEY)
        .processInstanceBusinessKey(version).singleResult().getId();
  }

  private String candidateGroup(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> link.getGroupId() != null).findFirst().orElseThrow().getGroupId();
  }
}

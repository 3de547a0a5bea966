package io.deploychecklist.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group's own task list is answered without checking each task's grant, and returns exactly what
 * the grant-by-grant check returns; every other task query is checked as before.
 */
class OwnCandidateGroupsRestTest extends SecuredApplicationTest {

  private static final TaskQuerySql SQL = new TaskQuerySql();
  private static boolean installed;

  private String version;

  @BeforeEach
  void releaseAtItsPreDeploymentTasks() {
    if (!installed) {
      ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSqlSessionFactory()
          .getConfiguration().addInterceptor(SQL);
      installed = true;
    }
    version = uniqueVersion("own-groups");
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);
    runDueJobs();
  }

  @Test
  void aGroupListsItsOwnTasksWithoutAJoinOverTheGrants() {
    List<String> platformTasks = idsOf(tasks.createTaskQuery().processInstanceBusinessKey(version)
        .taskCandidateGroup("platform-engineers").list());
    assertThat(platformTasks).isNotEmpty();

    SQL.record();
    JsonNode listed = as("platform").get("/task?candidateGroup=platform-engineers&processInstanceBusinessKey=" + version).json();
    long counted = as("platform").get("/task/count?candidateGroup=platform-engineers&processInstanceBusinessKey=" + version)
        .json().path("count").asLong();
    List<String> sql = SQL.stop();

    assertThat(listed.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(platformTasks);
    assertThat(counted).isEqualTo(platformTasks.size());
    assertThat(sql).hasSize(2).noneMatch(statement -> statement.contains("ACT_RU_AUTHORIZATION"));
  }

  @Test
  void anotherGroupsTasksAreCheckedGrantByGrantAndStayHidden() {
    SQL.record();
    Rest.Reply listed = as("qa").get("/task?candidateGroup=platform-engineers&processInstanceBusinessKey=" + version);
    List<String> sql = SQL.stop();

    assertThat(listed.json()).isEmpty();
    assertThat(sql).singleElement().satisfies(statement -> assertThat(statement).contains("ACT_RU_AUTHORIZATION"));
  }

  @Test
  void aWiderQueryIsCheckedGrantByGrant() {
    SQL.record();
    JsonNode orQuery = as("platform").post("/task", Map.of("processInstanceBusinessKey", version,
        "orQueries", List.of(Map.of("candidateGroup", "platform-engineers", "candidateGroupLike", "qa%")))).json();
    JsonNode everything = as("platform").get("/task?processInstanceBusinessKey=" + version).json();
    List<String> sql = SQL.stop();

    assertThat(sql).hasSize(2).allMatch(statement -> statement.contains("ACT_RU_AUTHORIZATION"));
    assertThat(orQuery.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(everything.findValuesAsText("id"));
  }

  @Test
  void anAdministratorsRevokeForAPersonStillHidesATaskFromThem() {
    Task hidden = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);
    Authorization revoke = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("platform");
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(hidden.getId());
    revoke.removePermission(Permissions.READ);
    engine.getAuthorizationService().saveAuthorization(revoke);
    try {
      JsonNode listed = as("platform").get("/task?candidateGroup=platform-engineers&processInstanceBusinessKey=" + version).json();

      assertThat(listed.findValuesAsText("id")).isNotEmpty().doesNotContain(hidden.getId());
    } finally {
      engine.getAuthorizationService().deleteAuthorization(revoke.getId());
    }
  }

  private static List<String> idsOf(List<Task> list) {
    return list.stream().map(Task::getId).toList();
  }
}

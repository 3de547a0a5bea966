package io.deploychecklist.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The two published vulnerabilities of Camunda 7.24.0 CE that the application closes itself:
 * CVE-2026-77226 (the Admin first-run setup can create an administrator) and EL expressions in
 * task queries.
 */
class CveMitigationTest extends SecuredApplicationTest {

  static final String SETUP = "/camunda/api/admin/setup/default/user/create";

  // ------------------------------------------------------------------ CVE-2026-77226

  @Test
  void theAdminSetupEndpointIsRefusedEvenWithoutAnyAdministrator() {
    assertThat(identity.createUserQuery().userId("admin").memberOfGroup(Groups.CAMUNDA_ADMIN).count())
        .as("the administrator is a direct member of camunda-admin").isOne();
    // Camunda's own check only refuses while camunda-admin has a member: take that away.
    identity.deleteMembership("admin", Groups.CAMUNDA_ADMIN);
    try {
      assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();
      String newAdmin = "{\"profile\":{\"id\":\"setupIntruder\",\"firstName\":\"I\",\"lastName\":\"I\","
          + "\"email\":\"i@example.invalid\"},\"credentials\":{\"password\":\"Intruder-Pass-1!\"}}";
      for (String path : List.of(SETUP, "/camunda/api/admin//setup/default/user/create",
          "/camunda/api/admin/./setup/default/user/create", "/camunda/api/admin/setup/default/user/create/",
          "/camunda/api/admin/%73etup/default/user/create", "/camunda/api/admin/setup/default/user/create;x=y")) {
        Webapp browser = new Webapp(port);
        browser.fetchToken(); // a valid CSRF token: the refusal is not Camunda's CSRF filter
        Rest.Reply reply = browser.post(path, newAdmin);
        assertThat(reply.status()).as(path).isEqualTo(403);
        assertThat(reply.message()).as(path).contains("CVE-2026-77226");
      }
      assertThat(new Webapp(port).get(SETUP).status()).isEqualTo(403);
      assertThat(identity.createUserQuery().userId("setupIntruder").count()).isZero();
      assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();
    } finally {
      identity.createMembership("admin", Groups.CAMUNDA_ADMIN);
    }
  }

  @Test
  void theAdministratorIsADirectMemberOfCamundaAdminWithAllRights() {
    assertThat(identity.createGroupQuery().groupMember("admin").list())
        .extracting(group -> group.getId()).contains(Groups.CAMUNDA_ADMIN);
    assertThat(as("admin").get("/user").status()).isEqualTo(200);
    assertThat(as("admin").get("/authorization").status()).isEqualTo(200);
    assertThat(new Webapp(port).logIn("admin", PASSWORD, "admin")).isEqualTo(200);
  }

  // ------------------------------------------------------------------ EL in task queries

  @Test
  void anExpressionInATaskQueryParameterIsRefused() {
    Rest manager = as("manager");
    for (String query : List.of(
        "assignee=%24%7B'manager'%7D",
        "candidateGroup=%23%7BprocessEngine.getName()%7D",
        "dueDate=%2524%257Bnow()%257D",
        "processInstanceBusinessKeyLike=%25x%25&taskVariables=a_eq_%24%7B1%7D")) {
      Rest.Reply reply = manager.get("/task?" + query);
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.message()).as(query).contains("Expressions", "not allowed in task queries");
      assertThat(manager.get("/task/count?" + query).status()).as(query).isEqualTo(400);
    }
    assertThat(manager.get("/engine/default/task?assignee=%24%7BcurrentUser()%7D").status()).isEqualTo(400);
    // Unencoded braces do not even get past Tomcat (400 before any filter).
    assertThat(manager.get("/task?assignee=${currentUser()}").status()).isEqualTo(400);
    assertThat(manager.get("/task?assignee=manager").status()).as("no expression, no refusal").isEqualTo(200);
  }

  @Test
  void anExpressionInATaskQueryBodyIsRefusedAlsoInsideOrQueries() {
    Rest manager = as("manager");
    List<Map<String, Object>> queries = List.of(
        Map.of("assignee", "${'manager'}"),
        Map.of("candidateGroupExpression", "#{currentUserGroups()}"),
        Map.of("orQueries", List.of(Map.of("assignee", "demo"), Map.of("candidateUser", "${currentUser()}"))),
        Map.of("processVariables", List.of(Map.of("name", "version", "operator", "eq", "value", "${x}"))));
    for (Map<String, Object> query : queries) {
      Rest.Reply reply = manager.post("/task", query);
      assertThat(reply.status()).as("%s", query).isEqualTo(400);
      assertThat(reply.message()).as("%s", query).contains("not allowed in task queries");
      assertThat(manager.post("/task/count", query).status()).as("%s", query).isEqualTo(400);
    }
    // A JSON escape is still an expression once parsed.
    assertThat(manager.post("/task", "{\"assignee\":\"\\u0024{'manager'}\"}").status()).isEqualTo(400);
    assertThat(manager.post("/task", Map.of("orQueries", List.of(Map.of("assignee", "manager")))).status())
        .as("no expression, no refusal").isEqualTo(200);
  }

  @Test
  void anExpressionInAFilterQueryIsRefused() {
    String filter = filterId("Deployment managers tasks");
    Rest manager = as("manager");

    Rest.Reply extended = manager.post("/filter/" + filter + "/list",
        Map.of("orQueries", List.of(Map.of("assignee", "${currentUser()}"))));
    assertThat(extended.status()).isEqualTo(400);
    assertThat(extended.message()).contains("orQueries[0].assignee");
    assertThat(manager.post("/filter/" + filter + "/count", Map.of("assignee", "#{1+1}")).status()).isEqualTo(400);
    assertThat(manager.get("/filter/" + filter + "/list?assignee=${1}").status()).isEqualTo(400);
    assertThat(manager.post("/filter/" + filter + "/list", Map.of()).status()).isEqualTo(200);

    // Storing a query with an expression is refused too (even for an administrator).
    Rest.Reply created = as("admin").post("/filter/create", Map.of("resourceType", "Task", "name", "sneaky",
        "query", Map.of("assignee", "${currentUser()}")));
    assertThat(created.status()).isEqualTo(400);
    assertThat(as("admin").put("/filter/" + filter, Map.of("resourceType", "Task", "name", "Deployment managers tasks",
        "query", Map.of("candidateGroup", "#{'deployment-managers'}"))).status()).isEqualTo(400);
  }

  @Test
  void anExpressionInATaskQueryOfTheWebappsIsRefused() {
    Webapp tasklist = webappLogin("manager", "tasklist");
    String engineApi = "/camunda/api/engine/engine/default";
    String filter = filterId("Deployment managers tasks");

    assertThat(tasklist.get(engineApi + "/task?assignee=manager").status()).isEqualTo(200);
    Rest.Reply plain = tasklist.get(engineApi + "/task?assignee=%24%7BcurrentUser()%7D");
    assertThat(plain.status()).isEqualTo(400);
    assertThat(plain.message()).contains("not allowed in task queries");
    assertThat(tasklist.post(engineApi + "/task", "{\"orQueries\":[{\"assignee\":\"${currentUser()}\"}]}").status())
        .isEqualTo(400);
    assertThat(tasklist.post(engineApi + "/filter/" + filter + "/list",
        "{\"orQueries\":[{\"candidateUser\":\"#{currentUser()}\"}]}").status()).isEqualTo(400);
    assertThat(tasklist.post(engineApi + "/filter/" + filter + "/list?firstResult=0&maxResults=15", "{}").status())
        .isEqualTo(200);
  }

  @Test
  void completingATaskWhoseAnswersContainDollarBracesIsNoQueryAndIsAccepted() {
    String version = uniqueVersion("not-a-query");
    startRelease("manager", Map.of(Vars.VERSION, version, Vars.NOTES, "Set ${DATABASE_URL} before deploying"));
    Task testing = openTask(version, PreDeployment.Elements.TESTING);
    Map<String, Object> answers = formAnswers(testing, Map.of());
    Rest.Reply completed = as("qa").post("/task/" + testing.getId() + "/complete",
        Map.of("variables", Rest.variables(answers)));
    assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
  }

  private String filterId(String name) {
    return StreamSupport.stream(as("admin").get("/filter").json().spliterator(), false)
        .filter(filter -> name.equals(filter.path("name").asText()))
        .findFirst().orElseThrow().path("id").asText();
  }
}

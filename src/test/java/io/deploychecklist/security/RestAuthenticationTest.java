package io.deploychecklist.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.ProductionDeployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every path of the REST API needs HTTP Basic credentials of a user of the engine. */
class RestAuthenticationTest extends SecuredApplicationTest {

  /** A sample of every kind of resource, reading and writing, with and without an engine name. */
  static final List<String[]> RESOURCES = List.of(
      new String[] {"GET", "/engine"},
      new String[] {"GET", "/engine/"},
      new String[] {"GET", "/version"},
      new String[] {"GET", "/engine/default/task"},
      new String[] {"GET", "/engine/no-such-engine/task"},
      new String[] {"GET", "/task"},
      new String[] {"POST", "/task"},
      new String[] {"GET", "/task/count"},
      new String[] {"GET", "/process-definition"},
      new String[] {"GET", "/process-definition/key/" + ProductionDeployment.KEY},
      new String[] {"POST", "/process-definition/key/" + ProductionDeployment.KEY + "/start"},
      new String[] {"POST", "/process-definition/key/" + ProductionDeployment.KEY + "/submit-form"},
      new String[] {"GET", "/process-instance"},
      new String[] {"GET", "/variable-instance"},
      new String[] {"GET", "/history/process-instance"},
      new String[] {"GET", "/history/variable-instance"},
      new String[] {"GET", "/history/user-operation"},
      new String[] {"POST", "/message"},
      new String[] {"GET", "/deployment"},
      new String[] {"POST", "/deployment/create"},
      new String[] {"GET", "/decision-definition"},
      new String[] {"GET", "/filter"},
      new String[] {"GET", "/job"},
      new String[] {"GET", "/incident"},
      new String[] {"GET", "/user"},
      new String[] {"POST", "/user/create"},
      new String[] {"GET", "/group"},
      new String[] {"GET", "/authorization"},
      new String[] {"POST", "/authorization/create"},
      new String[] {"GET", "/identity/verify"},
      new String[] {"GET", "/metrics/activity-instance-start/sum"},
      new String[] {"GET", "/no-such-resource"});

  @Test
  void anAnonymousRequestGets401OnEveryResource() {
    for (String[] resource : RESOURCES) {
      Rest.Reply reply = anonymous().send(resource[0], resource[1], resource[0].equals("GET") ? null : "{}");
      assertThat(reply.status()).as("%s %s", resource[0], resource[1]).isEqualTo(401);
      assertThat(reply.authenticate()).as("challenge of %s", resource[1]).startsWith("Basic");
    }
  }

  @Test
  void anAnonymousRequestChangesNothing() {
    long users = identity.createUserQuery().count();
    assertThat(anonymous().post("/user/create", Map.of(
        "profile", Map.of("id", "intruder"), "credentials", Map.of("password", "Intruder-123!"))).status())
        .isEqualTo(401);
    assertThat(identity.createUserQuery().count()).isEqualTo(users);
  }

  @Test
  void aWrongPasswordOrAnUnknownUserGets401() {
    // A user of its own: Camunda delays logins after a failed one, so no demo user is used here.
    user("wrongPasswordProbe", ChecklistGroup.QA.id);

    assertThat(Rest.as(port, "wrongPasswordProbe", "not-the-password").get("/task").status()).isEqualTo(401);
    assertThat(Rest.as(port, "noSuchUser", PASSWORD).get("/task").status()).isEqualTo(401);
    assertThat(Rest.as(port, "wrongPasswordProbe", "").get("/task").status()).isEqualTo(401);
  }

  @Test
  void aUserWithTheRightPasswordIsServed() {
    assertThat(as("qa").get("/task").status()).isEqualTo(200);
    assertThat(as("qa").get("/engine").status()).isEqualTo(200);
    assertThat(as("operator").get("/engine/default/process-definition").status()).isEqualTo(200);
  }
}

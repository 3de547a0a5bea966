package io.deploychecklist.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The webapps' list of engine names ({@code GET /camunda/api/engine/engine/}) stays open to
 * anonymous callers, unlike its REST twin {@code /engine-rest/engine}: the webapps' login page
 * GETs it before it posts the credentials (Camunda's AuthenticationService.login; the GET also
 * gives the new session its CSRF token) and its engine selection reads it, so a 401 there would
 * make every login fail. It tells nothing the webapps do not tell anyway ({@code /camunda/app/}
 * redirects to {@code .../welcome/default/}). Everything below an engine needs a logged-in session.
 */
class WebappEngineListTest extends SecuredApplicationTest {

  @Test
  void theLoginPageReadsTheEngineNamesBeforeTheLogin() {
    Webapp browser = new Webapp(port);
    Rest.Reply engines = browser.get("/camunda/api/engine/engine/");
    assertThat(engines.status()).as("before the login, as the login page asks").isEqualTo(200);
    for (JsonNode engine : engines.json()) {
      assertThat(engine.fieldNames()).toIterable().as("names only").containsExactly("name");
    }

    assertThat(browser.logIn("qa", PASSWORD, "tasklist")).isEqualTo(200);
    Rest.Reply after = browser.get("/camunda/api/engine/engine/");
    assertThat(after.status()).as(after.toString()).isEqualTo(200);
    Rest.Reply tasks = browser.get("/camunda/api/engine/engine/default/task");
    assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
  }

  @Test
  void belowTheListEverythingNeedsALoggedInSession() {
    Webapp anonymous = new Webapp(port);
    for (String path : new String[] {"/task", "/process-definition", "/process-instance", "/user", "/group",
        "/deployment", "/history/process-instance", "/filter"}) {
      assertThat(anonymous.get("/camunda/api/engine/engine/default" + path).status()).as(path).isEqualTo(401);
    }
  }
}

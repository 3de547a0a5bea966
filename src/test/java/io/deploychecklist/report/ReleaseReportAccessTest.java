package io.deploychecklist.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/releases/{version}/report}: who may read it, what a running release's report
 * says, and what a caller gets for an unknown release or a bad version: short errors, no stack trace.
 */
class ReleaseReportAccessTest extends SecuredApplicationTest {

  @Test
  void deploymentManagersOperatorsAndAdministratorsReadARunningRelease() {
    String version = uniqueVersion("report-running");
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);
    for (String user : new String[] {"manager", "operator", "admin"}) {
      Rest.Reply reply = get(version, user, "application/json");
      assertThat(reply.status()).as(user).isEqualTo(200);
      JsonNode report = reply.json();
      assertThat(report.path("state").asText()).isEqualTo("ACTIVE");
      assertThat(report.path("startedBy").asText()).isEqualTo("manager");
      assertThat(report.path("items")).hasSize(231);
      // Nothing is answered yet: the sections are open or not reached yet, nothing is ticked.
      report.path("items").forEach(item -> assertThat(item.path("state").asText()).as(item.toString())
          .isIn("OPEN", "PENDING", "AUTOMATED", "OUT_OF_SCOPE"));
    }
    Rest.Reply page = get(version, "operator", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).startsWith("<!DOCTYPE html>").contains(version, "<h3>17. Final Sign-Off</h3>")
        .doesNotContain("<script");
  }

  @Test
  void nobodyElseReadsIt() {
    String version = uniqueVersion("report-refused");
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);
    Rest.Reply anonymous = get(version, null, "application/json");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.authenticate()).startsWith("Basic");
    assertThat(anonymous.body()).doesNotContain("items", version);
    for (String user : new String[] {"qa", "platform", "techlead", "product", "security", "sre"}) {
      Rest.Reply refused = get(version, user, "application/json");
      assertThat(refused.status()).as(user).isEqualTo(403);
      assertThat(refused.json().path("type").asText()).isEqualTo("AuthorizationException");
      assertThat(refused.body()).doesNotContain("items");
    }
    assertThat(get(version, "manager", "application/json").status()).isEqualTo(200);
  }

  @Test
  void anUnknownReleaseIsNotFoundAndABadVersionIsRefusedNamingIt() {
    Rest.Reply json = get("no-such-release-9.9.9", "manager", "application/json");
    assertThat(json.status()).isEqualTo(404);
    assertThat(json.json().path("message").asText()).isEqualTo("There is no release with version 'no-such-release-9.9.9'");
    Rest.Reply text = get("no-such-release-9.9.9", "operator", "text/html");
    assertThat(text.status()).isEqualTo(404);
    assertThat(text.body()).isEqualTo("There is no release with version 'no-such-release-9.9.9'");

    Rest.Reply tooLong = get("9".repeat(300), "manager", "application/json");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().path("message").asText()).startsWith("version must be at most 255 characters");
    Rest.Reply blank = get("%20", "manager", "application/json");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().path("message").asText()).isEqualTo("version must not be blank");
    for (Rest.Reply reply : new Rest.Reply[] {json, text, tooLong, blank}) {
      assertThat(reply.body()).doesNotContain("Exception:", "\tat ");
    }
  }

  private Rest.Reply get(String version, String user, String accept) {
    return Rest.application(port, user, PASSWORD).get("/api/releases/" + version + "/report", accept);
  }
}

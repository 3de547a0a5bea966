package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.process.PreDeployment.Decision;
import io.deploychecklist.process.PreDeployment.Elements;
import io.deploychecklist.process.TargetServer.Behaviour;
import io.deploychecklist.security.Rest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code GET /api/releases/{version}/report} of releases driven through the real BPMN: all the
 * checklist's items in its words with their state, the evidence as the checks wrote it, who signed
 * and who waived, the phases, a rollback's trigger and reason, and a variable the administrator
 * changed afterwards under {@code edits}.
 */
class ReleaseReportTest extends ReleaseProcessTest {

  @LocalServerPort int port;

  @Test
  void aReleasedReleaseListsEveryItemItsEvidenceSignOffsWaiverAndTheChangesMadeAfterwards() throws Exception {
    target.become(Behaviour.UNHEALTHY);
    ProcessInstance release = start();
    runDueJobs();
    completeAs("manager", Elements.REVIEW_FAILED_CHECKS, Map.of(
        PreDeployment.Vars.FAILED_CHECKS_DECISION, Decision.WAIVE,
        PreDeployment.Vars.WAIVER_REASON, "Old version still <b>up</b> & healthy later"));
    completeAs("platform", Elements.INFRASTRUCTURE_PREPARATION);
    complete(Elements.SECRETS_MANAGEMENT, Elements.CONFIGURATION, Elements.EXTERNAL_SERVICE_VALIDATION,
        Elements.MONITORING_OBSERVABILITY, Elements.TESTING);
    completeAs("manager2", Elements.APPROVE_WAIVER, Map.of(PreDeployment.Vars.WAIVER_APPROVAL, "approve"));
    target.become(Behaviour.HEALTHY);
    passDeploymentDay();
    passObservationWindow();

    // While it runs, the administrator (the only one allowed to) changes a piece of evidence and an answer.
    Rest admin = Rest.as(port, "admin", "demo");
    assertThat(admin.put("/process-instance/" + release.getId() + "/variables/check_health",
        Map.of("value", "{\"check\":\"health\",\"status\":\"PASS\",\"observed\":\"typed in\"}", "type", "String"))
        .status()).isEqualTo(204);
    assertThat(admin.put("/process-instance/" + release.getId() + "/variables/networkConfigurationCompleted",
        Map.of("value", false, "type", "Boolean")).status()).isEqualTo(204);
    goLive(release);
    assertThat(variable(release, ProductionDeployment.Vars.OUTCOME)).isEqualTo("RELEASED");

    JsonNode report = json("manager");
    assertThat(report.path("version").asText()).isEqualTo(version);
    assertThat(report.path("outcome").asText()).isEqualTo("RELEASED");

    // All 231 items, in the checklist's order and words.
    JsonNode items = report.path("items");
    assertThat(items).hasSize(231);
    assertThat(texts(items, "item")).containsExactlyElementsOf(coverage("item"));
    assertThat(texts(items, "section")).containsExactlyElementsOf(coverage("section"));
    JsonNode network = item(items, "Network configuration completed");
    assertThat(network.path("state").asText()).isEqualTo("TICKED");
    assertThat(network.path("by").asText()).isEqualTo("platform");
    assertThat(network.path("at").asText()).isNotBlank();
    assertThat(network.path("edited").asBoolean()).as("changed by the administrator afterwards").isTrue();
    assertThat(item(items, "Redis instance created").path("edited").asBoolean()).isFalse();
    // Docker Compose here: section 1's Kubernetes item was hidden by its form, section 8's Kubernetes form never ran.
    assertThat(item(items, "Kubernetes cluster created (if using K8s)").path("state").asText()).isEqualTo("NOT_APPLICABLE");
    assertThat(item(items, "Virtual machines provisioned (if using Docker Compose)").path("state").asText())
        .isEqualTo("TICKED");
    assertThat(item(items, "Pods running (3/3 minimum)").path("state").asText()).isEqualTo("NOT_APPLICABLE");
    assertThat(item(items, "Pods running (3/3 minimum)").path("note").asText()).contains("deploymentMethod");
    assertThat(item(items, "Images built successfully").path("state").asText()).isEqualTo("TICKED");
    JsonNode health = item(items, "Health endpoint responding: `curl https://api.halcytone.com/health`");
    assertThat(health.path("state").asText()).isEqualTo("AUTOMATED");
    assertThat(health.path("checks").toString()).contains("check_health PASS");
    assertThat(texts(items, "state")).doesNotContain("OPEN", "PENDING");
    // No rollback: the rollback plan's items were never reached.
    StreamSupport.stream(items.spliterator(), false).filter(row -> row.path("section").asText().equals("Rollback Plan"))
        .forEach(row -> assertThat(row.path("state").asText()).as(row.toString()).isEqualTo("NOT_REACHED"));

    // The evidence as the checks wrote it; the administrator's version is under edits only.
    JsonNode checks = report.path("checks");
    JsonNode healthCheck = byField(checks, "name", "health");
    assertThat(healthCheck.path("status").asText()).isEqualTo("PASS");
    assertThat(healthCheck.path("observed").asText()).startsWith("HTTP 200");
    assertThat(healthCheck.path("threshold").asText()).isNotBlank();
    assertThat(healthCheck.path("checkedAt").asText()).isNotBlank();
    assertThat(healthCheck.path("edited").asBoolean()).isTrue();
    assertThat(byField(checks, "name", "baselineHealth").path("status").asText()).isEqualTo("FAIL");

    JsonNode edits = report.path("edits");
    JsonNode evidenceEdit = byField(edits, "variable", "check_health");
    assertThat(evidenceEdit.path("by").asText()).isEqualTo("admin");
    assertThat(evidenceEdit.path("operation").asText()).isEqualTo("SetVariable");
    assertThat(evidenceEdit.path("kind").asText()).isEqualTo("evidence");
    assertThat(evidenceEdit.path("value").asText()).contains("typed in");
    assertThat(evidenceEdit.path("at").asText()).isNotBlank();
    JsonNode answerEdit = byField(edits, "variable", "networkConfigurationCompleted");
    assertThat(answerEdit.path("kind").asText()).isEqualTo("answer");
    assertThat(answerEdit.path("value").asText()).isEqualTo("false");
    assertThat(edits).hasSize(2);

    assertThat(texts(report.path("signOffs"), "by")).containsExactly("manager", "techlead", "product");
    JsonNode waiver = report.path("waivers").get(0);
    assertThat(report.path("waivers")).hasSize(1);
    assertThat(waiver.path("phase").asText()).isEqualTo(PreDeployment.KEY);
    assertThat(waiver.path("requestedBy").asText()).isEqualTo("manager");
    assertThat(waiver.path("decision").asText()).isEqualTo("approve");
    assertThat(waiver.path("decidedBy").asText()).isEqualTo("manager2");
    assertThat(texts(report.path("phases"), "process"))
        .containsExactly(PreDeployment.KEY, DeploymentDay.KEY, PostDeployment.KEY);
    report.path("phases").forEach(phase -> assertThat(phase.path("endedAt").asText()).isNotBlank());
    assertThat(report.path("rollback").isNull()).isTrue();

    // The same report as a page: escaped, no script.
    Rest.Reply page = Rest.application(port, "operator", "demo").get("/api/releases/" + version + "/report", "text/html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>Release " + version, "<h3>1. Infrastructure Preparation</h3>",
        "<h3>5. Monitoring &amp; Observability</h3>", "Response time &lt; 500ms for 95th percentile",
        "Old version still &lt;b&gt;up&lt;/b&gt; &amp; healthy later", "check_health", "admin")
        .doesNotContain("<b>up</b>", "<script");
  }

  @Test
  void aRolledBackReleaseShowsItsTriggerReasonAndRollbackPlan() throws Exception {
    start();
    passPreDeployment();
    target.become(Behaviour.UNHEALTHY);
    executeDeployment();
    complete(Rollback.Elements.ROLLBACK_DOCKER_COMPOSE);
    target.become(Behaviour.HEALTHY);
    complete(Rollback.Elements.RESTORE_SERVICE);
    completePostRollbackActions();

    JsonNode report = json("operator");
    assertThat(report.path("outcome").asText()).isEqualTo("ROLLED_BACK");
    JsonNode rollback = report.path("rollback");
    assertThat(rollback.path("trigger").asText()).isEqualTo(ProductionDeployment.Errors.DEPLOYMENT_FAILED);
    assertThat(rollback.path("reason").asText()).isNotBlank();
    assertThat(rollback.path("startedAt").asText()).isNotBlank();
    assertThat(rollback.path("endedAt").asText()).isNotBlank();
    assertThat(texts(report.path("phases"), "process")).containsExactly(PreDeployment.KEY, DeploymentDay.KEY,
        Rollback.KEY);
    JsonNode items = report.path("items");
    assertThat(items).hasSize(231);
    assertThat(item(items, "Document issue in incident report").path("state").asText()).isEqualTo("TICKED");
    // The deployment failed its probes: what came after them on that day and after it never happened.
    assertThat(item(items, "Version/tag recorded").path("state").asText())
        .isEqualTo("NOT_REACHED");
    assertThat(byField(report.path("checks"), "name", "health").path("status").asText()).isEqualTo("FAIL");
    assertThat(texts(report.path("signOffs"), "state")).containsOnly("not reached");

    Rest.Reply page = Rest.application(port, "manager", "demo").get("/api/releases/" + version + "/report", "text/html");
    assertThat(page.body()).contains("Trigger", ProductionDeployment.Errors.DEPLOYMENT_FAILED, "<h3>Rollback Plan</h3>");
  }

  private JsonNode json(String user) {
    Rest.Reply reply = Rest.application(port, user, "demo").get("/api/releases/" + version + "/report");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private static List<String> coverage(String field) throws Exception {
    try (InputStream yaml = ReleaseReportTest.class.getResourceAsStream("/checklist/coverage.yaml")) {
      List<Map<String, String>> entries = new Yaml().load(yaml);
      return entries.stream().map(entry -> entry.get(field)).toList();
    }
  }

  private static List<String> texts(JsonNode rows, String field) {
    List<String> texts = new ArrayList<>();
    rows.forEach(row -> texts.add(row.path(field).isNull() ? null : row.path(field).asText()));
    return texts;
  }

  private static JsonNode item(JsonNode items, String text) {
    return byField(items, "item", text);
  }

  private static JsonNode byField(JsonNode rows, String field, String value) {
    return StreamSupport.stream(rows.spliterator(), false).filter(row -> value.equals(row.path(field).asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no " + field + " '" + value + "' in " + rows));
  }
}

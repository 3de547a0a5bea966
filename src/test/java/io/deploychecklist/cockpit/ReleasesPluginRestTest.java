package io.deploychecklist.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.process.ResolveBlocker;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.SecuredApplicationTest;
import io.deploychecklist.security.Webapp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The Releases plugin's resource under Cockpit's API, as Cockpit calls it: the webapp session and
 * its CSRF header. Deployment managers, operators and administrators read every release; anybody
 * else logged in to the webapps gets 403, a caller without a session 401. What it says is what the
 * engine and the release report (REST API) say.
 */
class ReleasesPluginRestTest extends SecuredApplicationTest {

  private static final String PLUGIN = "/camunda/api/cockpit/plugin/releases/default";

  @Test
  void deploymentManagersAndOperatorsSeeEveryReleaseNewestFirstWithWhereItStands() {
    String older = release("cockpit-older");
    String newer = release("cockpit-newer");
    for (String user : List.of("manager", "operator", "admin")) {
      Rest.Reply reply = cockpit(user).get(PLUGIN + "/releases?state=running&maxResults=200");
      assertThat(reply.status()).as(user + ": " + reply).isEqualTo(200);
      List<String> versions = versions(reply.json());
      assertThat(versions).as(user).contains(older, newer);
      assertThat(versions.indexOf(newer)).as("newest first").isLessThan(versions.indexOf(older));
    }

    JsonNode row = row(cockpit("operator").get(PLUGIN + "/releases?state=running&maxResults=200").json(), newer);
    assertThat(row.path("environment").asText()).isEqualTo(runtimeVariable(newer, Vars.ENVIRONMENT));
    assertThat(row.path("deploymentMethod").asText()).isEqualTo(runtimeVariable(newer, Vars.DEPLOYMENT_METHOD));
    assertThat(row.path("startedBy").asText()).isEqualTo("manager");
    assertThat(row.path("running").asBoolean()).isTrue();
    assertThat(row.path("outcome").isNull()).isTrue();
    assertThat(row.path("phase").asText()).isEqualTo("Pre-Deployment Phase (1-2 weeks before)");
    assertThat(row.path("openIncidents").asInt()).isZero();
    List<String> waiting = new ArrayList<>();
    row.path("waiting").forEach(step -> waiting.add(step.path("name").asText() + " / " + step.path("group").asText()));
    assertThat(waiting).contains("1. Infrastructure Preparation / " + ChecklistGroup.PLATFORM_ENGINEERS.id,
        "2. Secrets Management / " + ChecklistGroup.SECURITY.id)
        .hasSize((int) tasks.createTaskQuery().processInstanceBusinessKey(newer).count());

    // The check counts are those of the release report's evidence, over the REST API.
    JsonNode report = Rest.application(port, "manager", PASSWORD)
        .get("/api/releases/" + newer + "/report", "application/json").json();
    Map<String, Integer> byStatus = new HashMap<>(Map.of("PASS", 0, "FAIL", 0, "SKIPPED", 0));
    report.path("checks").forEach(check -> byStatus.merge(check.path("status").asText(), 1, Integer::sum));
    assertThat(byStatus.values().stream().mapToInt(Integer::intValue).sum()).as("checks ran").isPositive();
    byStatus.forEach((status, count) -> assertThat(row.path("checks").path(status).asInt()).as(status).isEqualTo(count));

    JsonNode delivery = cockpit("manager").get(PLUGIN + "/releases?days=7").json().path("delivery");
    JsonNode metrics = Rest.application(port, "manager", PASSWORD)
        .get("/api/releases/metrics?from=" + delivery.path("from").asText() + "&to=" + delivery.path("to").asText()).json();
    assertThat(delivery.path("released").asInt()).isEqualTo(metrics.path("released").asInt());
    assertThat(delivery.path("rolledBack").asInt()).isEqualTo(metrics.path("rolledBack").asInt());
  }

  @Test
  void runningAndEndedReleasesAreFilteredApart() {
    String running = release("cockpit-running");
    String aborted = release("cockpit-aborted");
    abort(aborted);

    List<String> runningOnes = versions(cockpit("manager").get(PLUGIN + "/releases?state=running&maxResults=200").json());
    JsonNode ended = cockpit("manager").get(PLUGIN + "/releases?state=ended&maxResults=200").json();
    assertThat(runningOnes).contains(running).doesNotContain(aborted);
    assertThat(versions(ended)).contains(aborted).doesNotContain(running);
    JsonNode row = row(ended, aborted);
    assertThat(row.path("outcome").asText()).isEqualTo(ProductionDeployment.Outcome.ABORTED);
    assertThat(row.path("running").asBoolean()).isFalse();
    assertThat(row.path("waiting")).isEmpty();
    assertThat(row.path("endedAt").isTextual()).isTrue();
    assertThat(ended.path("total").asLong()).isEqualTo(history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProductionDeployment.KEY).finished().count());

    // The aborted release's Checklist: section 1's blocker stopped it there, who decided it is named.
    JsonNode one = cockpit("manager").get(PLUGIN + "/releases/" + aborted + "/checklist").json()
        .path("sections").get(0);
    assertThat(one.path("name").asText()).isEqualTo("1. Infrastructure Preparation");
    assertThat(one.path("state").asText()).isEqualTo("STOPPED");
    assertThat(one.path("by").asText()).isEqualTo("manager");
    assertThat(one.path("stopped").asInt()).isPositive();
    assertThat(one.path("notTicked").asInt()).isZero();
    JsonNode stoppedItem = StreamSupport.stream(one.path("items").spliterator(), false)
        .filter(item -> item.path("state").asText().equals("STOPPED") && item.path("group").isTextual())
        .findFirst().orElseThrow();
    assertThat(stoppedItem.path("note").asText()).contains("No load balancer", "decision abort", "Not this week");
    assertThat(stoppedItem.path("by").asText()).isEqualTo("manager");

    JsonNode page = cockpit("manager").get(PLUGIN + "/releases?state=all&firstResult=1&maxResults=1").json();
    assertThat(page.path("releases")).hasSize(1);
    assertThat(page.path("total").asLong()).isEqualTo(history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProductionDeployment.KEY).count());
  }

  @Test
  void theChecklistOfAReleaseHasItsSectionsStatesChecksAndSignOffs() {
    String version = release("cockpit-checklist");
    Task infrastructure = openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION);
    tasks.claim(infrastructure.getId(), "platform");
    completeWithAnswers(infrastructure, Map.of());
    Task secrets = openTask(version, PreDeployment.Elements.SECRETS_MANAGEMENT);
    // Section 3 reports a blocker, which two deployment managers waive.
    reportBlocker(openTask(version, PreDeployment.Elements.CONFIGURATION), "The feature flag service is not there yet");
    waive(version);
    // Section 4 reports a blocker: it waits for the deployment managers.
    reportBlocker(openTask(version, PreDeployment.Elements.EXTERNAL_SERVICE_VALIDATION), "The payment sandbox is down");

    String releaseId = releaseId(version);
    Rest.Reply reply = cockpit("operator").get(PLUGIN + "/process-instance/" + releaseId + "/checklist");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonNode checklist = reply.json();
    assertThat(checklist.path("version").asText()).isEqualTo(version);
    JsonNode sections = checklist.path("sections");
    assertThat(sections).hasSize(18);
    assertThat(sections.get(0).path("name").asText()).isEqualTo("1. Infrastructure Preparation");
    assertThat(sections.get(16).path("name").asText()).isEqualTo("17. Final Sign-Off");
    assertThat(sections.get(17).path("name").asText()).isEqualTo("Rollback Plan");

    JsonNode one = sections.get(0);
    assertThat(one.path("state").asText()).isEqualTo("DONE");
    assertThat(one.path("by").asText()).isEqualTo("platform");
    assertThat(one.path("at").isTextual()).isTrue();
    assertThat(one.path("ticked").asInt()).isPositive();
    assertThat(one.path("ticked").asInt() + one.path("notTicked").asInt()).isEqualTo(one.path("applicable").asInt());
    assertThat(sections.get(1).path("state").asText()).as("open for the security group").isEqualTo("OPEN");
    assertThat(secrets).isNotNull();
    JsonNode three = sections.get(2);
    assertThat(three.path("state").asText()).as("blocker waived").isEqualTo("WAIVED");
    assertThat(three.path("by").asText()).as("who approved the waiver").isEqualTo("manager2");
    assertThat(three.path("waived").asInt()).isPositive();
    assertThat(three.path("notTicked").asInt()).isZero();
    JsonNode waivedItem = StreamSupport.stream(three.path("items").spliterator(), false)
        .filter(item -> item.path("state").asText().equals("WAIVED") && item.path("group").isTextual())
        .findFirst().orElseThrow();
    assertThat(waivedItem.path("note").asText()).contains("The feature flag service is not there yet");
    assertThat(waivedItem.path("by").asText()).isEqualTo("manager2");
    JsonNode four = sections.get(3);
    assertThat(four.path("state").asText()).as("blocker reported").isEqualTo("BLOCKED");
    assertThat(four.path("blocked").asInt()).as("its items wait on the blocker").isPositive();
    assertThat(four.path("notTicked").asInt()).isZero();
    assertThat(four.path("by").isNull()).as("not done").isTrue();
    JsonNode blockedItem = StreamSupport.stream(four.path("items").spliterator(), false)
        .filter(item -> item.path("state").asText().equals("BLOCKED") && item.path("group").isTextual())
        .findFirst().orElseThrow();
    assertThat(blockedItem.path("note").asText()).contains("The payment sandbox is down");
    assertThat(blockedItem.path("by").asText()).as("who reported it").isEqualTo("platform");
    assertThat(sections.get(7).path("state").asText()).as("8. Deployment Execution").isEqualTo("NOT_STARTED");
    assertThat(sections.get(17).path("state").asText()).isEqualTo("NOT_STARTED");

    // The same as the report over the REST API: items, checks, sign-offs.
    JsonNode report = Rest.application(port, "operator", PASSWORD)
        .get("/api/releases/" + version + "/report", "application/json").json();
    long items = StreamSupport.stream(sections.spliterator(), false).mapToLong(section -> section.path("items").size()).sum();
    assertThat(items).isEqualTo(report.path("items").size()).isEqualTo(231);
    assertThat(checklist.path("checks")).isEqualTo(report.path("checks"));
    assertThat(checklist.path("signOffs")).isEqualTo(report.path("signOffs"));
    assertThat(checklist.path("blockers")).isEqualTo(report.path("blockers")).hasSize(2);
    assertThat(checklist.path("blockers").get(0).path("section").asText()).isEqualTo("3. Configuration");
    assertThat(checklist.path("blockers").get(1).path("section").asText()).isEqualTo("4. External Service Validation");
    assertThat(checklist.path("rollback").isNull()).isTrue();

    // From a phase's instance, the same release.
    String phase = history.createHistoricProcessInstanceQuery().superProcessInstanceId(releaseId)
        .processDefinitionKey(PreDeployment.KEY).singleResult().getId();
    JsonNode fromPhase = cockpit("manager").get(PLUGIN + "/process-instance/" + phase + "/checklist").json();
    assertThat(fromPhase.path("processInstanceId").asText()).isEqualTo(releaseId);
    assertThat(cockpit("manager").get(PLUGIN + "/releases/" + version + "/checklist").json().path("sections"))
        .hasSize(18);

    // The printable report, with the webapp session.
    Rest.Reply page = cockpit("manager").get(PLUGIN + "/releases/" + version + "/report");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).startsWith("<!DOCTYPE html>").contains(version, "<h3>17. Final Sign-Off</h3>")
        .doesNotContain("<script");
  }

  @Test
  void nobodyElseSeesAnyRelease() {
    String version = release("cockpit-refused");
    String releaseId = releaseId(version);
    List<String> paths = List.of("/releases", "/releases?state=running", "/releases/" + version + "/checklist",
        "/process-instance/" + releaseId + "/checklist", "/releases/" + version + "/report");
    for (String path : paths) {
      Rest.Reply anonymous = new Webapp(port).get(PLUGIN + path);
      assertThat(anonymous.status()).as("anonymous " + path).isEqualTo(401);
      // Camunda's filter answers before the plugin: the error names the path asked for, nothing more.
      assertThat(anonymous.body()).doesNotContain("sections", "startedBy", "<!DOCTYPE");
    }
    // Other groups may use Tasklist, not Cockpit: their webapp session still reaches Cockpit's API.
    for (String user : List.of("platform", "qa", "security", "sre", "techlead", "product")) {
      Webapp tasklist = webappLogin(user, "tasklist");
      for (String path : paths) {
        Rest.Reply refused = tasklist.get(PLUGIN + path);
        assertThat(refused.status()).as(user + " " + path).isEqualTo(403);
        assertThat(refused.json().path("type").asText()).isEqualTo("AuthorizationException");
        assertThat(refused.body()).doesNotContain(version, "sections");
      }
    }
    assertThat(cockpit("manager").get(PLUGIN + "/releases/" + version + "/checklist").status()).isEqualTo(200);
  }

  @Test
  void badInputIsRefusedNamingItAndAnUnknownReleaseIsNotFound() {
    Webapp manager = cockpit("manager");
    Map<String, String> refusals = Map.of(
        "/releases?state=finished", "state must be running, ended or all, was 'finished'",
        "/releases?maxResults=0", "maxResults must be a whole number from 1 to 200, was '0'",
        "/releases?maxResults=5000", "maxResults must be a whole number from 1 to 200, was '5000'",
        "/releases?firstResult=-1", "firstResult must be a whole number from 0 to any, was '-1'",
        "/releases?days=ten", "days must be a whole number from 1 to 366, was 'ten'",
        "/releases/" + "9".repeat(300) + "/checklist", "version must be at most 255 characters, was 300",
        "/releases/%20/checklist", "version must not be blank");
    refusals.forEach((path, message) -> {
      Rest.Reply reply = manager.get(PLUGIN + path);
      assertThat(reply.status()).as(path).isEqualTo(400);
      assertThat(reply.json().path("message").asText()).as(path).isEqualTo(message);
      assertThat(reply.body()).doesNotContain("\tat ", "Exception:");
    });
    Rest.Reply unknown = manager.get(PLUGIN + "/releases/no-such-release-9.9.9/checklist");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("message").asText()).isEqualTo("There is no release with version 'no-such-release-9.9.9'");
    assertThat(manager.get(PLUGIN + "/releases/no-such-release-9.9.9/report").status()).isEqualTo(404);
    Rest.Reply noInstance = manager.get(PLUGIN + "/process-instance/no-such-instance/checklist");
    assertThat(noInstance.status()).isEqualTo(404);
    assertThat(noInstance.json().path("message").asText())
        .isEqualTo("Process instance 'no-such-instance' is no release and no phase of one");
  }

  @Test
  void cockpitLoadsThePluginScript() {
    Rest.Reply script = new Webapp(port).get("/camunda/api/cockpit/plugin/releases/static/app/plugin.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body()).contains("export default", "pluginPoint: 'cockpit.dashboard'",
        "pluginPoint: 'cockpit.processInstance.runtime.tab'", "/plugin/${PLUGIN}/");
  }

  // ----

  private String release(String prefix) {
    String version = uniqueVersion(prefix);
    assertThat(startRelease("manager", Map.of(Vars.VERSION, version)).status()).isEqualTo(200);
    runDueJobs();
    return version;
  }

  /** A blocker in section 1, and the deployment managers abort the release. */
  private void abort(String version) {
    reportBlocker(openTask(version, PreDeployment.Elements.INFRASTRUCTURE_PREPARATION), "No load balancer");
    Rest.Reply abort = as("manager").post("/task/" + openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER).getId()
        + "/complete", Map.of("variables", Rest.variables(Map.of(ResolveBlocker.Vars.BLOCKER_DECISION,
        ResolveBlocker.Decision.ABORT, "abortReason", "Not this week"))));
    assertThat(abort.status()).as(abort.toString()).isEqualTo(204);
    runDueJobs();
    assertThat(runningReleases(version)).isZero();
  }

  /** The open blocker waived by one deployment manager and approved by another. */
  private void waive(String version) {
    Rest.Reply waive = as("manager").post("/task/" + openTask(version, ResolveBlocker.Elements.RESOLVE_BLOCKER).getId()
        + "/complete", Map.of("variables", Rest.variables(Map.of(ResolveBlocker.Vars.BLOCKER_DECISION,
        ResolveBlocker.Decision.WAIVE, PreDeployment.Vars.WAIVER_REASON, "Flags default to off"))));
    assertThat(waive.status()).as(waive.toString()).isEqualTo(204);
    runDueJobs();
    Rest.Reply approve = as("manager2").post("/task/" + openTask(version, ResolveBlocker.Elements.APPROVE_WAIVER).getId()
        + "/complete", Map.of("variables", Rest.variables(Map.of(PreDeployment.Vars.WAIVER_APPROVAL,
        PreDeployment.WaiverApproval.APPROVE))));
    assertThat(approve.status()).as(approve.toString()).isEqualTo(204);
    runDueJobs();
  }

  /** "Something is not right" on the section's form, sent by a platform engineer (sections 1, 3 and 4 are theirs). */
  private void reportBlocker(Task section, String what) {
    Rest.Reply reply = as("platform").post("/task/" + section.getId() + "/complete", Map.of("variables",
        Rest.variables(Map.of(ResolveBlocker.Vars.BLOCKER_REPORTED, true, ResolveBlocker.Vars.BLOCKER_DESCRIPTION, what))));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    runDueJobs();
  }

  private Webapp cockpit(String user) {
    return webappLogin(user, "cockpit");
  }

  private String releaseId(String version) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY)
        .processInstanceBusinessKey(version).singleResult().getId();
  }

  private String runtimeVariable(String version, String name) {
    return String.valueOf(runtime.getVariable(releaseId(version), name));
  }

  private static List<String> versions(JsonNode page) {
    List<String> versions = new ArrayList<>();
    page.path("releases").forEach(release -> versions.add(release.path("version").asText()));
    return versions;
  }

  private static JsonNode row(JsonNode page, String version) {
    return StreamSupport.stream(page.path("releases").spliterator(), false)
        .filter(release -> version.equals(release.path("version").asText())).findFirst()
        .orElseThrow(() -> new AssertionError(version + " not on the page: " + page));
  }
}

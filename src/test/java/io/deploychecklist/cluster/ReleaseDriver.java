package io.deploychecklist.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.FormAnswers;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.Rollback;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Walks releases through a running application the way its users would, over the REST API: starts
 * them, completes each task as it opens with a complete form, and, as the only stand-in for
 * waiting, brings the observation window's timers forward with the engine's job due-date API
 * ({@code PUT /job/{id}/duedate}, i.e. {@code managementService.setJobDuedate}). Everything else
 * (probes, the deployment-date timer, asynchronous continuations) is left to the nodes' job
 * executors. Each REST call goes to the node the supplier names.
 */
public final class ReleaseDriver {

  public enum Outcome { RELEASED, ROLLED_BACK }

  static final String VERIFICATION_FAILURE = "Checkout answers 500 after the deployment";
  private static final DateTimeFormatter REST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final Set<String> UNEXPECTED_TASKS = Set.of(PreDeployment.Elements.REVIEW_FAILED_CHECKS,
      PostDeployment.Elements.GO_LIVE_NOT_MET, PostDeployment.Elements.FOLLOW_UP_OVERDUE_SIGN_OFFS,
      Rollback.Elements.RESTORE_SERVICE);

  private final Supplier<EngineRest> node;
  private final String prefix;
  private final String targetBaseUrl;
  private final Map<String, Outcome> expected = new LinkedHashMap<>();
  private final Map<String, String> mainInstance = new LinkedHashMap<>();
  private final Map<String, String> versionOfInstance = new HashMap<>();
  private final Set<String> recheckBroughtForward = new HashSet<>();
  private final Set<String> windowBroughtForward = new HashSet<>();
  private final Map<String, Integer> refusals = new HashMap<>();
  private final Set<String> heldBack = new HashSet<>();
  private boolean bringTimersForward = true;
  private int completedTasks;
  private int conflicts;

  /** Releases get versions {@code <prefix>-<n>}; {@code prefix} keeps them apart from any other. */
  public ReleaseDriver(Supplier<EngineRest> node, String prefix, String targetBaseUrl) {
    this.node = node;
    this.prefix = prefix;
    this.targetBaseUrl = targetBaseUrl;
  }

  /**
   * The people of these releases: the three sign-offs need three different users, none of them the
   * one who starts the releases (the administrator), and the product owner not the deployment manager.
   */
  static final String MANAGER = "releasemanager";
  static final String TECH_LEAD = "releasetechlead";
  static final String PRODUCT_OWNER = "releaseproduct";
  static final String PEOPLE_PASSWORD = "Release-People-2026!";
  private static final Map<String, String> SIGNER = Map.of(
      PostDeployment.Elements.SIGN_OFF_DEPLOYMENT_MANAGER, MANAGER,
      PostDeployment.Elements.SIGN_OFF_TECHNICAL_LEAD, TECH_LEAD,
      PostDeployment.Elements.SIGN_OFF_PRODUCT_OWNER, PRODUCT_OWNER);
  private boolean peopleCreated;

  private void createPeople() {
    if (peopleCreated) {
      return;
    }
    Map.of(MANAGER, "deployment-managers", TECH_LEAD, "tech-leads", PRODUCT_OWNER, "product-owners").forEach((user, group) -> {
      if (node.get().get("/user/count?id=" + user).path("count").asLong() == 0) {
        node.get().post("/user/create", Map.of(
            "profile", Map.of("id", user, "firstName", user, "lastName", "Test", "email", user + "@example.invalid"),
            "credentials", Map.of("password", PEOPLE_PASSWORD)));
        node.get().put("/group/" + group + "/members/" + user, Map.of());
      }
    });
    peopleCreated = true;
  }

  public String start(Outcome outcome) {
    createPeople();
    String version = prefix + "-" + (expected.size() + 1);
    Map<String, Object> variables = Map.of(
        ProductionDeployment.Vars.VERSION, version,
        ProductionDeployment.Vars.ENVIRONMENT, ProductionDeployment.Values.STAGING,
        ProductionDeployment.Vars.TARGET_BASE_URL, targetBaseUrl,
        ProductionDeployment.Vars.DEPLOYMENT_METHOD, ProductionDeployment.Values.DOCKER_COMPOSE,
        ProductionDeployment.Vars.OBSERVATION_HOURS, 24,
        ProductionDeployment.Vars.DEPLOYMENT_MANAGER, MANAGER);
    JsonNode instance = node.get().post("/process-definition/key/" + ProductionDeployment.KEY + "/start",
        Map.of("variables", restVariables(variables)));
    expected.put(version, outcome);
    mainInstance.put(version, instance.path("id").asText());
    versionOfInstance.put(instance.path("id").asText(), version);
    return version;
  }

  /** Whether the window's timers are brought forward (off: the releases wait in the window). */
  void bringTimersForward(boolean on) {
    this.bringTimersForward = on;
  }

  /** Leaves tasks with this BPMN id open until {@link #complete(String, String)} is called. */
  void holdBack(String taskKey) {
    heldBack.add(taskKey);
  }

  /** Completes the open task {@code taskKey} of the release now; returns when it has committed. */
  void complete(String version, String taskKey) {
    heldBack.remove(taskKey);
    JsonNode task = node.get().get("/task?processInstanceBusinessKey=" + version + "&taskDefinitionKey=" + taskKey).get(0);
    String formKey = task.path("camundaFormRef").path("key").asText(null);
    as(taskKey).post("/task/" + task.path("id").asText() + "/complete",
        Map.of("variables", restVariables(answers(version, taskKey, formKey))));
    completedTasks++;
  }

  /** One round over all open work; returns how many tasks it completed and timers it moved. */
  int step() {
    int done = completeOpenTasks();
    if (bringTimersForward) {
      done += bringWindowTimersForward();
    }
    return done;
  }

  /** Steps until {@code condition} holds; polls (never sleeps for a timer) and gives up at the timeout. */
  public void stepUntil(String what, Supplier<Boolean> condition, Duration timeout) {
    try {
      Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(150)).until(() -> {
        // Keep going while there is work; wait for the nodes only when a round found none.
        while (!condition.get()) {
          if (step() == 0) {
            return false;
          }
        }
        return true;
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not within " + timeout + ": " + what + "; " + progress(), e);
    }
  }

  public boolean allEnded() {
    return endedCount() == expected.size();
  }

  long endedCount() {
    return node.get().get("/history/process-instance/count?finished=true&processDefinitionKey=" + ProductionDeployment.KEY
        + "&processInstanceBusinessKeyLike=" + like()).path("count").asLong();
  }

  String progress() {
    return endedCount() + " of " + expected.size() + " releases ended, " + completedTasks + " tasks completed, "
        + openTasks().size() + " open";
  }

  Map<String, Outcome> expected() {
    return expected;
  }

  Map<String, String> mainInstances() {
    return mainInstance;
  }

  int completedTasks() {
    return completedTasks;
  }

  /** Task completions refused with a conflict (another transaction changed the release first), retried. */
  int conflicts() {
    return conflicts;
  }

  /** The release (version) a process instance of any phase belongs to. */
  String versionOf(String processInstanceId) {
    String version = versionOfInstance.get(processInstanceId);
    if (version == null) {
      for (JsonNode instance : node.get().get("/history/process-instance?processInstanceBusinessKeyLike=" + like())) {
        versionOfInstance.put(instance.path("id").asText(), instance.path("businessKey").asText());
      }
      version = versionOfInstance.get(processInstanceId);
    }
    return version;
  }

  JsonNode openTasks() {
    return node.get().get("/task?processInstanceBusinessKeyLike=" + like());
  }

  /** Sign-offs by their own person; everything else by the administrator. */
  private EngineRest as(String taskKey) {
    return SIGNER.containsKey(taskKey) ? node.get().as(SIGNER.get(taskKey), PEOPLE_PASSWORD) : node.get();
  }

  private int completeOpenTasks() {
    int done = 0;
    for (JsonNode task : openTasks()) {
      String taskKey = task.path("taskDefinitionKey").asText();
      if (heldBack.contains(taskKey)) {
        continue;
      }
      String version = versionOf(task.path("processInstanceId").asText());
      if (UNEXPECTED_TASKS.contains(taskKey)) {
        throw new AssertionError("release " + version + " asks for " + taskKey + ": a check failed or a deadline passed");
      }
      String formKey = task.path("camundaFormRef").path("key").asText(null);
      try {
        as(taskKey).post("/task/" + task.path("id").asText() + "/complete",
            Map.of("variables", restVariables(answers(version, taskKey, formKey))));
        completedTasks++;
        done++;
      } catch (EngineRest.Failure refused) {
        // A job of the same release committed first (optimistic locking): the task is still open
        // and the next round completes it. Anything else, or the same task refused again and
        // again, is a real error.
        int times = refusals.merge(task.path("id").asText(), 1, Integer::sum);
        if (refused.status == 400 || times > 5) {
          throw refused;
        }
        conflicts++;
      }
    }
    return done;
  }

  private Map<String, Object> answers(String version, String taskKey, String formKey) {
    Map<String, Object> answers = new HashMap<>(formKey == null ? Map.of() : FormAnswers.complete(formKey));
    switch (taskKey) {
      case DeploymentDay.Elements.POST_DEPLOYMENT_VERIFICATION -> {
        boolean passes = expected.get(version) == Outcome.RELEASED;
        answers.put(DeploymentDay.Vars.VERIFICATION_RESULT, passes ? DeploymentDay.Values.PASSED : DeploymentDay.Values.FAILED);
        if (!passes) {
          answers.put(DeploymentDay.Vars.VERIFICATION_FAILURE_REASON, VERIFICATION_FAILURE);
        }
      }
      case PostDeployment.Elements.TECHNICAL_CRITERIA -> PostDeployment.Criteria.TECHNICAL.forEach(c -> answers.put(c, true));
      case PostDeployment.Elements.BUSINESS_CRITERIA -> PostDeployment.Criteria.BUSINESS.forEach(c -> answers.put(c, true));
      default -> { }
    }
    return answers;
  }

  /**
   * First the health re-check (once per release), then, once that re-check has run to its
   * evidence, the end of the window.
   */
  private int bringWindowTimersForward() {
    int moved = 0;
    for (JsonNode job : node.get().get("/job?timers=true&activityId=" + PostDeployment.Elements.HEALTH_RECHECK_DUE)) {
      String instance = job.path("processInstanceId").asText();
      if (versionOf(instance) != null && recheckBroughtForward.add(instance)) {
        dueNow(job);
        moved++;
      }
    }
    for (JsonNode job : node.get().get("/job?timers=true&activityId=" + PostDeployment.Elements.WINDOW_ELAPSED)) {
      String instance = job.path("processInstanceId").asText();
      if (versionOf(instance) != null && recheckBroughtForward.contains(instance)
          && !windowBroughtForward.contains(instance) && recheckDone(instance)) {
        dueNow(job);
        windowBroughtForward.add(instance);
        moved++;
      }
    }
    return moved;
  }

  private boolean recheckDone(String instance) {
    return node.get().get("/history/activity-instance/count?finished=true&processInstanceId=" + instance
        + "&activityId=" + PostDeployment.Elements.SUMMARISE_RECHECK).path("count").asLong() > 0;
  }

  /** {@code managementService.setJobDuedate(id, now)} through the REST API. */
  private void dueNow(JsonNode job) {
    String now = ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(1).format(REST_DATE);
    node.get().put("/job/" + job.path("id").asText() + "/duedate", Map.of("duedate", now, "cascade", false));
  }

  private String like() {
    return URLEncoder.encode(prefix + "-%", StandardCharsets.UTF_8);
  }

  static Map<String, Object> restVariables(Map<String, Object> variables) {
    Map<String, Object> rest = new LinkedHashMap<>();
    variables.forEach((name, value) -> rest.put(name, Map.of("value", value)));
    return rest;
  }
}

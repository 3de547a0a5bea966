package io.deploychecklist.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.FormAnswers;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.PreDeployment;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.process.Rollback;
import io.deploychecklist.security.Rest;
import io.deploychecklist.security.Webapp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Not a test: a measurement ({@code mvn -Pbenchmark test -Dtest=ReleaseHistoryBenchmark}, see
 * docs/performance.md). The application in its default profile on an H2 file database, without its
 * job executor: {@code benchmark.history.releases} (default 1000) releases driven through every
 * task of the real BPMN by their groups' people (one in ten rolled back after a failed deployment),
 * in days of {@code benchmark.history.perDay} (100) releases each, the clock moved over each day's
 * observation window. Then the Cockpit plugin's data (the Releases dashboard's pages, a release's
 * Checklist) and the release report are timed over HTTP as Cockpit and an auditor ask for them.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false",
    "server.address=127.0.0.1",
    "checklist.http.max-latency=3s",
    // As measured before the demo profile had a load baseline: 10 s per release is not what this measures.
    "checklist.load.path="})
@ContextConfiguration(initializers = H2FileBenchmark.TempFileDatabase.class)
class ReleaseHistoryBenchmark {

  static final String PASSWORD = "demo";
  static final String PLUGIN = "/camunda/api/cockpit/plugin/releases/default";
  static final Map<String, String> PERSON_OF_GROUP = Map.of(
      ChecklistGroup.DEPLOYMENT_MANAGERS.id, "manager",
      ChecklistGroup.PLATFORM_ENGINEERS.id, "platform",
      ChecklistGroup.SECURITY.id, "security",
      ChecklistGroup.SRE.id, "sre",
      ChecklistGroup.QA.id, "qa",
      ChecklistGroup.TECH_LEADS.id, "techlead",
      ChecklistGroup.PRODUCT_OWNERS.id, "product");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;

  /** Path prefixes of the target that answer 503: the releases whose deployment fails. */
  private final Set<String> broken = ConcurrentHashMap.newKeySet();
  private final Map<String, List<String>> groupsOf = new HashMap<>();

  @AfterAll
  static void resetClock() throws IOException {
    ClockUtil.reset();
    H2FileBenchmark.removeDatabase();
  }

  @Test
  void benchmark() throws Exception {
    int releases = Integer.getInteger("benchmark.history.releases", 1000);
    int perDay = Math.max(1, Integer.getInteger("benchmark.history.perDay", 100));
    HistoryResult result = new HistoryResult(releases);
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() - Duration.ofDays(releases / perDay + 2).toMillis()));
    try (MockWebServer target = target()) {
      long started = System.nanoTime();
      for (int first = 1; first <= releases; first += perDay) {
        day(target, first, Math.min(releases, first + perDay - 1));
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(2).toMillis()));
      }
      result.driveSeconds = (System.nanoTime() - started) / 1e9;
    }
    result.released = ended(ProductionDeployment.Outcome.RELEASED);
    result.rolledBack = ended(ProductionDeployment.Outcome.ROLLED_BACK);
    assertThat(result.released + result.rolledBack).isEqualTo(releases);
    result.historyRows = history.createHistoricActivityInstanceQuery().count();
    result.databaseBytes = databaseBytes(H2FileBenchmark.directory);

    Webapp operator = Webapp.login(port, "operator", PASSWORD, "cockpit");
    Rest auditor = Rest.application(port, "manager", PASSWORD);
    String newest = "history-" + releases;
    String oldest = "history-1";
    Map<String, Supplier<Rest.Reply>> queries = new LinkedHashMap<>();
    queries.put("operator: Releases dashboard, all (first 50, DORA of 30 days)", () -> operator.get(PLUGIN + "/releases"));
    queries.put("operator: Releases dashboard, ended (first 50)", () -> operator.get(PLUGIN + "/releases?state=ended"));
    queries.put("operator: Releases dashboard, running (none)", () -> operator.get(PLUGIN + "/releases?state=running"));
    int oldest50 = Math.max(0, releases - 50);
    queries.put("operator: Releases dashboard, the oldest 50 (firstResult=" + oldest50 + ")",
        () -> operator.get(PLUGIN + "/releases?firstResult=" + oldest50 + "&maxResults=50"));
    queries.put("operator: Checklist tab of the newest release", () -> operator.get(PLUGIN + "/releases/" + newest + "/checklist"));
    queries.put("operator: Checklist tab of the oldest release", () -> operator.get(PLUGIN + "/releases/" + oldest + "/checklist"));
    queries.put("manager: report JSON (GET /api/releases/{version}/report)",
        () -> auditor.get("/api/releases/" + newest + "/report", "application/json"));
    queries.put("manager: report page (HTML)", () -> auditor.get("/api/releases/" + newest + "/report", "text/html"));
    queries.put("manager: DORA figures (GET /api/releases/metrics, 30 days)", () -> auditor.get("/api/releases/metrics"));
    // The first page and the oldest one once each before anything is kept (an ended release's check
    // counts are read once, then kept): what the first operator to open Cockpit waits for.
    Map<String, String> firstCalls = new LinkedHashMap<>();
    firstCalls.put("operator: Releases dashboard, all, first call (nothing kept yet)", "/releases");
    firstCalls.put("operator: Releases dashboard, the oldest 50, first call", "/releases?firstResult=" + oldest50);
    for (Map.Entry<String, String> first : firstCalls.entrySet()) {
      long start = System.nanoTime();
      Rest.Reply reply = operator.get(PLUGIN + first.getValue());
      String name = first.getKey();
      result.timings.put(name, Percentiles.of(new double[] {(System.nanoTime() - start) / 1e6}));
      result.bytes.put(name, reply.body().length());
      assertThat(reply.status()).as(name + ": " + reply).isEqualTo(200);
    }
    result.timings.putAll(TimedQueries.measure(queries, (name, reply) -> result.bytes.put(name, reply.body().length())));
    PerformanceReport.write(result);
  }

  /** One day's releases: started together, worked through, one in ten rolled back, observed 24 hours. */
  private void day(MockWebServer target, int first, int last) {
    List<String> versions = new ArrayList<>();
    for (int i = first; i <= last; i++) {
      String version = "history-" + i;
      versions.add(version);
      Map<String, Object> variables = new HashMap<>();
      variables.put(Vars.VERSION, version);
      variables.put(Vars.ENVIRONMENT, i % 3 == 0 ? "staging" : "production");
      variables.put(Vars.TARGET_BASE_URL, target.url("/r" + i + "/").toString());
      variables.put(Vars.DEPLOYMENT_METHOD, ProductionDeployment.Values.DOCKER_COMPOSE);
      as("manager", () -> runtime.startProcessInstanceByKey(ProductionDeployment.KEY, variables));
    }
    runDueJobs();
    workAll(versions, DeploymentDay.Elements.DEPLOY_DOCKER_COMPOSE);
    for (int i = first; i <= last; i++) {
      if (i % 10 == 0) {
        broken.add("/r" + i + "/");
      }
    }
    // The failed ones wait at their rollback; the service is back before the rollback plan checks it.
    workAll(versions, Rollback.Elements.ROLLBACK_DOCKER_COMPOSE);
    broken.clear();
    advance(Duration.ofMinutes(45));
    workAll(versions);
    advance(Duration.ofHours(24));
    workAll(versions);
  }

  /** Works every open task of these releases as its group's person, until only those with the given keys are left. */
  private void workAll(List<String> versions, String... keep) {
    for (int round = 0; round < 40; round++) {
      List<Task> open = tasks.createTaskQuery().processInstanceBusinessKeyIn(versions.toArray(String[]::new)).list()
          .stream().filter(task -> !List.of(keep).contains(task.getTaskDefinitionKey())).toList();
      if (open.isEmpty()) {
        return;
      }
      open.forEach(this::work);
    }
    throw new AssertionError("tasks keep coming: " + tasks.createTaskQuery()
        .processInstanceBusinessKeyIn(versions.toArray(String[]::new)).list().stream()
        .map(Task::getTaskDefinitionKey).distinct().toList());
  }

  private void work(Task task) {
    String key = task.getTaskDefinitionKey();
    // A waiver is approved by a second deployment manager (four eyes).
    String group = tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).findFirst().orElseThrow();
    String person = key.equals(PreDeployment.Elements.APPROVE_WAIVER) ? "manager2" : PERSON_OF_GROUP.get(group);
    UserTask element = repository.getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey());
    Map<String, Object> answers = new HashMap<>(FormAnswers.complete(element.getCamundaFormRef()));
    if (key.equals(PreDeployment.Elements.REVIEW_FAILED_CHECKS)) {
      answers.put(PreDeployment.Vars.FAILED_CHECKS_DECISION, PreDeployment.Decision.WAIVE);
      answers.put(PreDeployment.Vars.WAIVER_REASON, "Known and accepted for this benchmark");
    } else if (key.equals(PreDeployment.Elements.APPROVE_WAIVER)) {
      answers.put(PreDeployment.Vars.WAIVER_APPROVAL, PreDeployment.WaiverApproval.APPROVE);
    } else if (task.getTaskDefinitionKey().equals(DeploymentDay.Elements.POST_DEPLOYMENT_VERIFICATION)) {
      answers.put(DeploymentDay.Vars.VERIFICATION_RESULT, DeploymentDay.Values.PASSED);
    } else if (task.getTaskDefinitionKey().equals(PostDeployment.Elements.TECHNICAL_CRITERIA)) {
      PostDeployment.Criteria.TECHNICAL.forEach(criterion -> answers.put(criterion, true));
    } else if (task.getTaskDefinitionKey().equals(PostDeployment.Elements.BUSINESS_CRITERIA)) {
      PostDeployment.Criteria.BUSINESS.forEach(criterion -> answers.put(criterion, true));
    }
    tasks.claim(task.getId(), person);
    as(person, () -> tasks.complete(task.getId(), answers));
    runDueJobs();
  }

  private void as(String person, Runnable action) {
    identity.setAuthentication(person, groupsOf.computeIfAbsent(person, user ->
        identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList()));
    try {
      action.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private void advance(Duration duration) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    runDueJobs();
  }

  private void runDueJobs() {
    while (true) {
      List<Job> due = management.createJobQuery().executable().listPage(0, 100);
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException gone) {
          // Removed by an earlier job of the same batch: the next round sees what is left.
        }
      }
    }
  }

  private long ended(String outcome) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY).finished()
        .variableValueEquals(Vars.OUTCOME, outcome).count();
  }

  /** Answers every probe healthy, except under the prefixes of releases whose deployment breaks the service. */
  private MockWebServer target() throws IOException {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        MockResponse response = broken.stream().anyMatch(path::startsWith)
            ? new MockResponse().setResponseCode(503).setBody("{\"status\":\"DOWN\"}")
            : new MockResponse().setBody("{\"status\":\"UP\"}");
        // The headers the HTTP security check looks for, as the demo target sends them.
        return response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
            .setHeader("X-Content-Type-Options", "nosniff").setHeader("X-Frame-Options", "DENY");
      }
    });
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    return server;
  }

  /** The figures of one run. */
  static final class HistoryResult {

    final int releases;
    final Map<String, Percentiles> timings = new LinkedHashMap<>();
    final Map<String, Integer> bytes = new LinkedHashMap<>();
    double driveSeconds;
    long released;
    long rolledBack;
    long historyRows;
    long databaseBytes;

    HistoryResult(int releases) {
      this.releases = releases;
    }
  }

  /** The size of the H2 database's files. */
  static long databaseBytes(Path directory) throws IOException {
    try (var files = java.nio.file.Files.list(directory)) {
      long bytes = 0;
      for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        bytes += java.nio.file.Files.size(file);
      }
      return bytes;
    }
  }
}

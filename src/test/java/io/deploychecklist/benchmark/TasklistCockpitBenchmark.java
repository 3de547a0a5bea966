package io.deploychecklist.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.ProductionDeployment;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.security.Rest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Not a test: a measurement ({@code mvn -Pbenchmark test}, see docs/performance.md). The application
 * as it runs, without its job executor: Tasklist's and Cockpit's queries over HTTP as the people who
 * make them, first with no release, then with {@code benchmark.releases} (default 1000) releases
 * in flight, each waiting at its pre-deployment tasks. Only ratios within one run mean something;
 * nothing here fails on a timing.
 *
 * <p>System properties: {@code benchmark.releases} (1000), {@code benchmark.calls} (50 per query),
 * {@code benchmark.maxSecondsPerQuery} (60: a query stops being measured after that long, with the
 * calls it got), {@code benchmark.revokeModes} (empty: the configured authorizationCheckRevokes; or
 * e.g. {@code auto,never} to measure the loaded queries under each).
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false",
    "server.address=127.0.0.1",
    "checklist.http.max-latency=3s",
    // As measured before the demo profile had a load baseline: 10 s per release is not what this measures.
    "checklist.load.path="})
abstract class TasklistCockpitBenchmark {

  static final String PASSWORD = "Bench-Mark-2026!x";
  static final String MANAGER = "benchmanager";
  static final String PLATFORM = "benchplatform";
  static final String OPERATOR = "benchoperator";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired FilterService filters;

  abstract String database();

  abstract String databaseDetail();

  abstract long databaseBytes();

  /** Whether to keep the plan of the platform engineers' Tasklist query (EXPLAIN ANALYZE of PostgreSQL). */
  boolean explains() {
    return false;
  }

  @Test
  void benchmark() throws Exception {
    ProcessEngines.registerProcessEngine(engine);
    int releases = Integer.getInteger("benchmark.releases", 1000);
    person(MANAGER, ChecklistGroup.DEPLOYMENT_MANAGERS);
    person(PLATFORM, ChecklistGroup.PLATFORM_ENGINEERS);
    person(OPERATOR, ChecklistGroup.OPERATORS);
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    String configuredRevokes = configuration.getAuthorizationCheckRevokes();

    BenchmarkResult result = new BenchmarkResult(database(), databaseDetail(), releases, configuredRevokes);
    result.bytesEmpty = databaseBytes();
    result.empty.putAll(measureQueries());

    try (MockWebServer target = healthyTarget()) {
      long started = System.nanoTime();
      for (int i = 1; i <= releases; i++) {
        startRelease("bench-" + i, target.url("/").toString());
      }
      result.startSeconds = seconds(started);
      long draining = System.nanoTime();
      result.jobs = drainJobs();
      result.jobSeconds = seconds(draining);
    }
    result.platformTasks = tasks.createTaskQuery().taskCandidateGroup(ChecklistGroup.PLATFORM_ENGINEERS.id).count();
    result.taskAuthorizations = engine.getAuthorizationService().createAuthorizationQuery()
        .resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).count();
    result.bytesLoaded = databaseBytes();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProductionDeployment.KEY).count())
        .isEqualTo(releases);

    ExplainTaskQueries explainer = new ExplainTaskQueries();
    if (explains()) {
      configuration.getSqlSessionFactory().getConfiguration().addInterceptor(explainer);
    }
    StatementTimes statementTimes = new StatementTimes();
    configuration.getSqlSessionFactory().getConfiguration().addInterceptor(statementTimes);
    List<String> modes = new ArrayList<>();
    for (String mode : System.getProperty("benchmark.revokeModes", "").split(",")) {
      if (!mode.isBlank()) {
        modes.add(mode.trim());
      }
    }
    if (modes.isEmpty()) {
      modes.add(configuredRevokes);
    }
    for (String mode : modes) {
      configuration.setAuthorizationCheckRevokes(mode);
      if (explains()) {
        explainer.arm();
        platformTasklist();
        result.plans.put(mode, explainer.plan());
        result.sql = explainer.sql();
      }
      platformTasklist();
      statementTimes.start();
      platformTasklist();
      result.statements.put(mode, statementTimes.stop());
      result.loaded.put(mode, measureQueries());
    }
    configuration.setAuthorizationCheckRevokes(configuredRevokes);
    PerformanceReport.write(result);
  }

  private Rest.Reply platformTasklist() {
    return Rest.as(port, PLATFORM, PASSWORD).postHal("/filter/" + filterId(ChecklistGroup.PLATFORM_ENGINEERS)
        + "/list?firstResult=0&maxResults=15", TASKLIST_BODY);
  }

  static final Map<String, Object> TASKLIST_BODY =
      Map.of("sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")));

  /** The queries Tasklist and Cockpit make for their users, each timed over HTTP. */
  private Map<String, Percentiles> measureQueries() {
    Rest platform = Rest.as(port, PLATFORM, PASSWORD);
    Rest manager = Rest.as(port, MANAGER, PASSWORD);
    Rest operator = Rest.as(port, OPERATOR, PASSWORD);
    String platformFilter = filterId(ChecklistGroup.PLATFORM_ENGINEERS);
    String managerFilter = filterId(ChecklistGroup.DEPLOYMENT_MANAGERS);
    Map<String, Object> tasklistBody = TASKLIST_BODY;
    Map<String, Supplier<Rest.Reply>> queries = new LinkedHashMap<>();
    queries.put("platform: Tasklist filter list (POST /filter/{id}/list, 15 cards)",
        () -> platform.postHal("/filter/" + platformFilter + "/list?firstResult=0&maxResults=15", tasklistBody));
    queries.put("platform: Tasklist filter count (GET /filter/{id}/count)",
        () -> platform.get("/filter/" + platformFilter + "/count"));
    queries.put("platform: GET /task?candidateGroup=platform-engineers (15)",
        () -> platform.get("/task?candidateGroup=platform-engineers&firstResult=0&maxResults=15"));
    queries.put("platform: GET /task/count?candidateGroup=platform-engineers",
        () -> platform.get("/task/count?candidateGroup=platform-engineers"));
    queries.put("manager: Tasklist filter list (POST /filter/{id}/list, 15 cards)",
        () -> manager.postHal("/filter/" + managerFilter + "/list?firstResult=0&maxResults=15", tasklistBody));
    queries.put("manager: GET /process-instance (50)",
        () -> manager.get("/process-instance?firstResult=0&maxResults=50"));
    queries.put("operator: GET /process-instance (50)",
        () -> operator.get("/process-instance?firstResult=0&maxResults=50"));
    queries.put("operator: GET /history/process-instance/count",
        () -> operator.get("/history/process-instance/count"));
    queries.put("manager: GET /history/process-instance/count",
        () -> manager.get("/history/process-instance/count"));
    return TimedQueries.measure(queries, (name, reply) -> { });
  }

  private void startRelease(String version, String targetBaseUrl) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Vars.VERSION, version);
    variables.put(Vars.ENVIRONMENT, "staging");
    variables.put(Vars.TARGET_BASE_URL, targetBaseUrl);
    variables.put(Vars.DEPLOYMENT_METHOD, "kubernetes");
    variables.put(Vars.OBSERVATION_HOURS, 24);
    variables.put(Vars.DEPLOYMENT_MANAGER, MANAGER);
    runtime.startProcessInstanceByKey(ProductionDeployment.KEY, version, variables);
  }

  /** Runs the due jobs as the job executor would, until none is left; returns how many ran. */
  private long drainJobs() {
    long ran = 0;
    while (true) {
      List<Job> due = management.createJobQuery().executable().listPage(0, 100);
      if (due.isEmpty()) {
        return ran;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
          ran++;
        } catch (RuntimeException gone) {
          // Removed by an earlier job of the same batch (or a conflict): the next round sees what is left.
        }
      }
    }
  }

  private static MockWebServer healthyTarget() throws Exception {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setBody("{\"status\":\"UP\"}");
      }
    });
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    return server;
  }

  private String filterId(ChecklistGroup group) {
    return filters.createFilterQuery().filterName(group.displayName + " tasks").singleResult().getId();
  }

  private void person(String userId, ChecklistGroup group) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      User user = identity.newUser(userId);
      user.setFirstName("Benchmark");
      user.setLastName(group.displayName);
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(userId, group.id);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}

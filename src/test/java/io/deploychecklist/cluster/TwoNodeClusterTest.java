package io.deploychecklist.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.cluster.ReleaseDriver.Outcome;
import io.deploychecklist.identity.ChecklistGroup;
import io.deploychecklist.process.DeploymentDay;
import io.deploychecklist.process.ProductionDeployment;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two identical nodes (separate JVMs, the prod profile) on one PostgreSQL database, started
 * together on an empty database. 50 releases are driven through every task and timer over both
 * nodes' REST APIs while the nodes' job executors run the probes, continuations and timers; in the
 * middle, node-a is killed with SIGKILL while it holds job locks, and node-b carries on alone. In
 * the end every release has its outcome and all its evidence, no timer fired twice, no job ran to
 * commit twice, and nothing is left locked or failed.
 */
class TwoNodeClusterTest {

  static final int RELEASES = 50;
  /** Every tenth release fails its manual verification and goes through the rollback plan. */
  static final int ROLLBACK_EVERY = 10;
  /** Short, so the takeover happens within the test; production uses 2 minutes. */
  static final int LOCK_TIME_MILLIS = 10_000;
  static final Duration START_UP = Duration.ofMinutes(3);

  private final SharedPostgres.Database database = SharedPostgres.freshDatabase("cluster");
  private final List<AppNode> nodes = new ArrayList<>();
  private TargetService target;

  @AfterEach
  void killNodes() throws Exception {
    nodes.forEach(AppNode::close);
    if (target != null) {
      target.close();
    }
  }

  @Test
  void fiftyReleasesOnTwoNodesLoseNothingWhenOneIsKilled() throws Exception {
    long begin = System.nanoTime();
    // Each probe takes a moment, as over a network, so jobs are in flight when a node dies.
    target = new TargetService(Duration.ofMillis(200));
    AppNode a = node("node-a");
    AppNode b = node("node-b");
    a.awaitUp(START_UP);
    b.awaitUp(START_UP);
    long started = System.nanoTime();

    List<AppNode> live = new CopyOnWriteArrayList<>(List.of(a, b));
    AtomicInteger turn = new AtomicInteger();
    ReleaseDriver driver = new ReleaseDriver(
        () -> live.get(Math.floorMod(turn.getAndIncrement(), live.size())).rest(), "cluster", target.baseUrl());
    for (int n = 1; n <= RELEASES; n++) {
      driver.start(n % ROLLBACK_EVERY == 0 ? Outcome.ROLLED_BACK : Outcome.RELEASED);
    }

    // The middle: half the releases on deployment day, and node-a busy with jobs.
    driver.stepUntil("half of the releases on deployment day",
        () -> count("select count(*) from ACT_HI_PROCINST where PROC_DEF_KEY_ = ?", DeploymentDay.KEY) >= RELEASES / 2,
        Duration.ofMinutes(3));
    driver.stepUntil("node-a holding job locks", () -> !lockedBy("node-a").isEmpty(), Duration.ofMinutes(2));
    long killedAt = System.nanoTime();
    int exit = a.kill();
    live.remove(a);
    Set<String> orphaned = lockedBy("node-a");
    long runBeforeKill = jobRunsOn("node-a");

    AtomicLong takenOverAt = new AtomicLong();
    driver.stepUntil("every release ended", () -> {
      if (takenOverAt.get() == 0 && noneLeft(orphaned)) {
        takenOverAt.set(System.nanoTime());
      }
      return driver.allEnded();
    }, Duration.ofMinutes(4));
    driver.stepUntil("node-b ran node-a's jobs", () -> {
      if (takenOverAt.get() == 0 && noneLeft(orphaned)) {
        takenOverAt.set(System.nanoTime());
      }
      return takenOverAt.get() != 0;
    }, Duration.ofMinutes(1));
    long done = System.nanoTime();

    ReleaseHistory history = new ReleaseHistory(b.rest(), driver);
    Map<String, Long> perNode = history.jobsRunPerNode();
    List<JsonNode> failures = history.failedJobRuns();
    System.out.printf("""
        [cluster] %d releases on 2 nodes, node-a killed with SIGKILL (exit %d) in the middle
        [cluster] nodes up after %.1f s; all releases ended %.1f s later; %d tasks completed over REST (%d retried after a conflict)
        [cluster] jobs run per node (job log, host name): %s
        [cluster] node-a held %d job locks when it died; node-b had run them all %.1f s after the kill (lock time %.0f s)
        [cluster] failed job runs retried: %d %s
        """, RELEASES, exit, seconds(started - begin), seconds(done - started), driver.completedTasks(), driver.conflicts(),
        perNode, orphaned.size(), seconds(takenOverAt.get() - killedAt), LOCK_TIME_MILLIS / 1000.0, failures.size(),
        failures.stream().map(f -> f.path("jobExceptionMessage").asText()).distinct().limit(3).toList());

    assertThat(exit).as("SIGKILL").isEqualTo(CrashRecoveryTest.KILLED_BY_SIGKILL);
    assertThat(perNode).as("both nodes ran jobs").containsKeys("node-a", "node-b");
    assertThat(perNode.get("node-a")).isEqualTo(runBeforeKill);

    Map<String, String> expectedOutcomes = new TreeMap<>();
    driver.expected().forEach((version, outcome) -> expectedOutcomes.put(version, outcome == Outcome.RELEASED
        ? ProductionDeployment.Outcome.RELEASED : ProductionDeployment.Outcome.ROLLED_BACK));
    assertThat(history.outcomes()).isEqualTo(expectedOutcomes);

    Map<String, Map<String, String>> evidence = history.evidence();
    driver.expected().forEach((version, outcome) -> {
      assertThat(evidence.get(version)).as("evidence of %s", version).isNotNull();
      ReleaseHistory.assertEvidence(version, evidence.get(version), outcome);
    });

    Map<String, Map<String, Integer>> firings = history.timerFirings();
    driver.expected().forEach((version, outcome) ->
        assertThat(firings.get(version)).as("timer firings of %s", version).isEqualTo(ReleaseHistory.expectedFirings(outcome)));
    assertThat(history.jobsRunMoreThanOnce()).as("jobs run to commit more than once").isEmpty();

    // (The history cleanup job may be running right now if this runs in the nightly window.)
    assertThat(count("select count(*) from ACT_RU_JOB where (LOCK_OWNER_ is not null or LOCK_EXP_TIME_ is not null)"
        + " and HANDLER_TYPE_ <> 'history-cleanup'")).as("jobs left locked").isZero();
    assertThat(count("select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ is not null")).as("jobs of releases left").isZero();
    assertThat(count("select count(*) from ACT_RU_JOB where EXCEPTION_MSG_ is not null or RETRIES_ <= 0"))
        .as("failed jobs").isZero();
    assertThat(history.count("/incident/count")).as("incidents").isZero();
    assertThat(failures).as("failed job runs other than optimistic-locking conflicts (retried without using up retries)")
        .allSatisfy(failure -> assertThat(failure.path("jobExceptionMessage").asText()).contains("concurrently"));

    // Started together on an empty database: one schema, one deployment, no duplicates.
    assertThat(history.count("/deployment/count")).isEqualTo(1);
    assertThat(history.count("/process-definition/count?key=" + ProductionDeployment.KEY)).isEqualTo(1);
    assertThat(history.count("/group/count?type=WORKFLOW")).as("the checklist groups, once each").isEqualTo(ChecklistGroup.values().length);
    List<String> filters = new ArrayList<>();
    b.rest().get("/filter").forEach(filter -> filters.add(filter.path("name").asText()));
    assertThat(filters).doesNotHaveDuplicates().hasSize(ChecklistGroup.values().length - 1);
  }

  private AppNode node(String name) {
    AppNode node = AppNode.named(name)
        .environment(database.environment())
        .arguments("--spring.profiles.active=prod", "--checklist.node.name=" + name,
            "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
            "--camunda.bpm.job-execution.wait-time-in-millis=250",
            "--camunda.bpm.job-execution.max-wait=1000",
            "--checklist.http.max-latency=4s",
            // The target is on this machine (prod allows public addresses only unless told).
            "--checklist.targets.allowed-hosts=localhost,127.0.0.1",
            "--logging.level.root=WARN", "--logging.level.io.deploychecklist.cluster=INFO")
        .start();
    nodes.add(node);
    return node;
  }

  /** Jobs whose lock a node holds (its lock owner is {@code <node name>/<uuid>}). */
  private Set<String> lockedBy(String nodeName) {
    Set<String> ids = new HashSet<>();
    query("select ID_ from ACT_RU_JOB where LOCK_OWNER_ like ?", rs -> ids.add(rs.getString(1)), nodeName + "/%");
    return ids;
  }

  /** None of these jobs is left: each has run (and its row is gone). */
  private boolean noneLeft(Set<String> jobIds) {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement("select count(*) from ACT_RU_JOB where ID_ = any(?)")) {
      Array ids = connection.createArrayOf("varchar", jobIds.toArray());
      statement.setArray(1, ids);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long jobRunsOn(String hostname) {
    return count("select count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and HOSTNAME_ = ?", hostname);
  }

  private long count(String sql, Object... parameters) {
    AtomicLong result = new AtomicLong();
    query(sql, rs -> result.set(rs.getLong(1)), parameters);
    return result.get();
  }

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String sql, Row row, Object... parameters) {
    try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}

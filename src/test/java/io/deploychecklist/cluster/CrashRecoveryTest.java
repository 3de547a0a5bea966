package io.deploychecklist.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploychecklist.cluster.ReleaseDriver.Outcome;
import io.deploychecklist.process.PostDeployment;
import io.deploychecklist.process.ProductionDeployment;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A release waits in its 24-hour observation window when the application is killed with SIGKILL
 * (no shutdown of any kind), the moment after it confirmed a task completion; the application is
 * started again on the same database, and the release carries on: the confirmed completion is
 * there, the window's timers are still there with their due dates, they fire once brought
 * forward, and the release ends RELEASED with all its evidence. Subclasses say which database.
 */
abstract class CrashRecoveryTest {

  static final Duration START_UP = Duration.ofMinutes(3);
  static final Duration WALK = Duration.ofMinutes(2);
  /** Java reports a child killed by signal 9 as exit value 128 + 9. */
  static final int KILLED_BY_SIGKILL = 137;
  /** The task answered just before the crash: section 15, done inside the window. */
  static final String LAST_ANSWER = PostDeployment.Elements.BACKUP_VERIFICATION;

  static TargetService target;
  private final AtomicReference<AppNode> node = new AtomicReference<>();
  private AppNode before;
  private AppNode after;

  /** The application configured for this test's database, named {@code name}. */
  abstract AppNode.Builder application(String name);

  /** Settings every start gets: fast job acquisition, and an SLA a busy test machine always meets. */
  static String[] commonArguments() {
    return new String[] {
        "--camunda.bpm.job-execution.wait-time-in-millis=250",
        "--camunda.bpm.job-execution.max-wait=1000",
        "--camunda.bpm.job-execution.lock-time-in-millis=10000",
        "--checklist.http.max-latency=4s",
        // The target is on this machine (prod allows public addresses only unless told).
        "--checklist.targets.allowed-hosts=localhost,127.0.0.1",
        // Not the demo profile's load baseline nor its protected path (the demo target's /metrics):
        // the releases here go to a target of the test's.
        "--checklist.load.path=", "--checklist.http-security.protected-paths=",
        "--logging.level.root=WARN"};
  }

  @BeforeAll
  static void openTarget() {
    target = new TargetService(Duration.ZERO);
  }

  @AfterAll
  static void closeTarget() throws IOException {
    target.close();
  }

  @AfterEach
  void killApplications() {
    if (before != null) {
      before.close();
    }
    if (after != null) {
      after.close();
    }
  }

  @Test
  void aReleaseInItsObservationWindowSurvivesSigkillAndARestart() {
    String name = getClass().getSimpleName();
    before = application(name + "-before-crash").start().awaitUp(START_UP);
    node.set(before);
    ReleaseDriver driver = new ReleaseDriver(() -> node.get().rest(), "crash", target.baseUrl());
    ReleaseHistory history = new ReleaseHistory(before.rest(), driver);

    driver.bringTimersForward(false);
    driver.holdBack(LAST_ANSWER);
    String version = driver.start(Outcome.RELEASED);
    driver.stepUntil("release waiting in its observation window", () -> waitingInTheWindow(driver), WALK);
    Map<String, String> timersBefore = windowTimers();
    assertThat(timersBefore).as("window end and next health re-check").hasSize(2);

    // Killed right after the last answer was confirmed: a confirmed answer must survive.
    driver.complete(version, LAST_ANSWER);
    int exit = before.kill();
    assertThat(exit).as("exit value of a JVM killed by SIGKILL").isEqualTo(KILLED_BY_SIGKILL);

    after = application(name + "-after-restart").start().awaitUp(START_UP);
    node.set(after);
    history = new ReleaseHistory(after.rest(), driver);
    assertThat(windowTimers()).as("the same timers, due when they were").isEqualTo(timersBefore);
    assertThat(driver.openTasks()).as("the answer confirmed before the crash").isEmpty();
    assertThat(history.count("/history/task/count?finished=true&taskDefinitionKey=" + LAST_ANSWER)).isEqualTo(1);

    driver.bringTimersForward(true);
    driver.stepUntil("release ended", driver::allEnded, WALK);

    assertThat(history.outcomes()).containsExactly(Map.entry(version, ProductionDeployment.Outcome.RELEASED));
    Map<String, String> evidence = history.evidence().get(version);
    ReleaseHistory.assertEvidence(version, evidence, Outcome.RELEASED);
    assertThat(history.timerFirings().get(version)).isEqualTo(ReleaseHistory.expectedFirings(Outcome.RELEASED));
    assertThat(history.jobsRunMoreThanOnce()).isEmpty();
    assertThat(history.count("/incident/count")).isZero();
    assertThat(history.count("/job/count?processInstanceId=" + driver.mainInstances().get(version))).isZero();
    assertThat(history.count("/deployment/count")).as("the restart deployed nothing again").isEqualTo(1);
  }

  /** Nothing to do but wait (and the last answer): no other task, no due job, the window's timers set. */
  private boolean waitingInTheWindow(ReleaseDriver driver) {
    EngineRest rest = node.get().rest();
    // The jobs before the tasks: a job that commits between the two reads (the window's checks
    // open section 14 in a job) would otherwise leave its task unseen.
    if (rest.get("/job/count?executable=true").path("count").asLong() != 0) {
      return false;
    }
    JsonNode open = driver.openTasks();
    return rest.get("/job/count?timers=true&activityId=" + PostDeployment.Elements.WINDOW_ELAPSED).path("count").asLong() == 1
        && open.size() == 1 && open.get(0).path("taskDefinitionKey").asText().equals(LAST_ANSWER);
  }

  /** The timers of the observation window: {@code activity -> due date}. */
  private Map<String, String> windowTimers() {
    Map<String, String> timers = new TreeMap<>();
    for (String activity : List.of(PostDeployment.Elements.WINDOW_ELAPSED, PostDeployment.Elements.HEALTH_RECHECK_DUE)) {
      for (JsonNode job : node.get().rest().get("/job?timers=true&activityId=" + activity)) {
        timers.put(activity, job.path("dueDate").asText());
      }
    }
    return timers;
  }
}

package io.deploychecklist.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deploychecklist.delivery.DeliveryFigures;
import io.deploychecklist.delivery.DeliveryReport;
import io.deploychecklist.process.ProductionDeployment.Vars;
import io.deploychecklist.process.TargetServer.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The DORA keys from releases driven through the real BPMN with a moved clock, against values
 * computed by hand from the moments the test sets.
 */
class DeliveryFiguresProcessTest extends ReleaseProcessTest {

  /** A Monday far from the other tests' releases, which end around now. */
  static final Instant WEEK = Instant.parse("2030-03-04T08:00:00Z");

  @Autowired DeliveryFigures figures;

  @Test
  void theFourKeysOfAWeekWithTwoReleasesAndARollback() throws Exception {
    // Production: released 30 hours after its start.
    releaseAt(WEEK, "production", Duration.ofHours(30));
    // Production, two days later: the deployment fails an hour after the start; the service is
    // restored 90 minutes later; the post-rollback actions take five more hours (not counted).
    rollBackAt(WEEK.plus(Duration.ofDays(2)), "production", Duration.ofHours(1), Duration.ofMinutes(90));
    // Staging, four days later: released 40 hours after its start (ends on day 5).
    releaseAt(WEEK.plus(Duration.ofDays(4)), "staging", Duration.ofHours(40));

    Instant weekEnd = WEEK.plus(Duration.ofDays(7));
    DeliveryReport production = figures.measure(WEEK, weekEnd, "production");
    assertThat(production.released()).isEqualTo(1);
    assertThat(production.releasesPerWeek()).isCloseTo(1.0, within(1e-9));
    assertThat(production.medianLeadTimeHours()).isCloseTo(30.0, within(1e-6));
    assertThat(production.rolledBack()).isEqualTo(1);
    assertThat(production.changeFailureRate()).isCloseTo(0.5, within(1e-9));
    assertThat(production.medianTimeToRestoreMinutes()).isCloseTo(90.0, within(1e-6));

    DeliveryReport all = figures.measure(WEEK, weekEnd, null);
    assertThat(all.released()).isEqualTo(2);
    assertThat(all.releasesPerWeek()).isCloseTo(2.0, within(1e-9));
    assertThat(all.medianLeadTimeHours()).isCloseTo(35.0, within(1e-6));
    assertThat(all.changeFailureRate()).isCloseTo(1 / 3.0, within(1e-9));

    // A release counts in the period it ended in: the first two days hold only the first one.
    DeliveryReport firstTwoDays = figures.measure(WEEK, WEEK.plus(Duration.ofDays(2)), null);
    assertThat(firstTwoDays.released()).isEqualTo(1);
    assertThat(firstTwoDays.releasesPerWeek()).isCloseTo(3.5, within(1e-9));
    assertThat(firstTwoDays.rolledBack()).isZero();
    assertThat(firstTwoDays.changeFailureRate()).isEqualTo(0.0);
    assertThat(firstTwoDays.medianTimeToRestoreMinutes()).isNull();

    DeliveryReport empty = figures.measure(WEEK.minus(Duration.ofDays(7)), WEEK, "production");
    assertThat(empty.released()).isZero();
    assertThat(empty.medianLeadTimeHours()).isNull();
    assertThat(empty.changeFailureRate()).isNull();
  }

  private void releaseAt(Instant start, String environment, Duration leadTime) {
    version = "delivery-" + environment + "-" + start.toEpochMilli();
    ClockUtil.setCurrentTime(Date.from(start));
    var release = start(Map.of(Vars.ENVIRONMENT, environment));
    passPreDeployment();
    passDeploymentDay();
    passObservationWindow();
    meetAllCriteria();
    assertThat(ClockUtil.getCurrentTime().toInstant()).isBefore(start.plus(leadTime));
    ClockUtil.setCurrentTime(Date.from(start.plus(leadTime)));
    goLiveSignOffs();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(release.getId()).count()).isZero();
  }

  private void rollBackAt(Instant start, String environment, Duration untilFailure, Duration toRestore) {
    version = "delivery-" + environment + "-" + start.toEpochMilli();
    ClockUtil.setCurrentTime(Date.from(start));
    var release = start(Map.of(Vars.ENVIRONMENT, environment));
    passPreDeployment();
    Instant failure = start.plus(untilFailure);
    assertThat(ClockUtil.getCurrentTime().toInstant()).isBefore(failure);
    ClockUtil.setCurrentTime(Date.from(failure));
    target.become(Behaviour.UNHEALTHY);
    executeDeployment();
    complete(Rollback.Elements.ROLLBACK_DOCKER_COMPOSE);
    target.become(Behaviour.HEALTHY);
    ClockUtil.setCurrentTime(Date.from(failure.plus(toRestore)));
    complete(Rollback.Elements.RESTORE_SERVICE);
    ClockUtil.setCurrentTime(Date.from(failure.plus(toRestore).plus(Duration.ofHours(5))));
    completePostRollbackActions();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(release.getId()).count()).isZero();
  }
}

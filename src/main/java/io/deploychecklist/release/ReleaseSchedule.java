package io.deploychecklist.release;

import static io.deploychecklist.process.ProductionDeployment.Vars.DEPLOYMENT_DATE;
import static io.deploychecklist.process.ProductionDeployment.Vars.OBSERVATION_HOURS;

import io.deploychecklist.process.ProductionDeployment.Values;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** The timer expressions of the processes ({@code ${releaseSchedule...}}), in one place. */
@Component("releaseSchedule")
public class ReleaseSchedule {

  private final ReleaseProperties properties;

  ReleaseSchedule(ReleaseProperties properties) {
    this.properties = properties;
  }

  /** When deployment day may begin: the planned date, or now when none was given or it has passed. */
  public Date deploymentStart(VariableScope release) {
    Date planned = DeploymentDates.parse(DEPLOYMENT_DATE, release.getVariable(DEPLOYMENT_DATE));
    Date now = ClockUtil.getCurrentTime();
    return planned == null || planned.before(now) ? now : planned;
  }

  /** The post-deployment observation window as an ISO-8601 duration. */
  public String observationWindow(VariableScope release) {
    return Duration.ofHours(observationHours(release.getVariable(OBSERVATION_HOURS))).toString();
  }

  /** Re-run the health checks every interval for as long as the window is open. */
  public String healthCheckCycle() {
    return "R/" + properties.observation().healthCheckInterval();
  }

  public String signOffDeadline() {
    return properties.signOff().deadline().toString();
  }

  /** Due date shown in Tasklist on the sign-off tasks. */
  public Date signOffDueDate() {
    return Date.from(ClockUtil.getCurrentTime().toInstant().plus(properties.signOff().deadline()));
  }

  static int observationHours(Object value) {
    if (value == null) {
      return Values.DEFAULT_OBSERVATION_HOURS;
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      int hours = number.intValue();
      if (hours >= Values.MIN_OBSERVATION_HOURS && hours <= Values.MAX_OBSERVATION_HOURS) {
        return hours;
      }
    }
    throw new IllegalArgumentException(OBSERVATION_HOURS + " must be a whole number of hours from "
        + Values.MIN_OBSERVATION_HOURS + " to " + Values.MAX_OBSERVATION_HOURS + ", was " + value);
  }
}

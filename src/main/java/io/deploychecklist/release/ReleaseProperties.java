package io.deploychecklist.release;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Release-wide settings under {@code checklist.}: the default target and the timers.
 *
 * @param target the service being deployed
 * @param observation the observation window after go-live
 * @param signOff the final sign-offs
 */
@ConfigurationProperties("checklist")
public record ReleaseProperties(
    @DefaultValue Target target,
    @DefaultValue Observation observation,
    @DefaultValue SignOff signOff) {

  /**
   * The service being deployed.
   *
   * @param baseUrl the target's base URL when the start form leaves {@code targetBaseUrl} empty
   */
  public record Target(String baseUrl) {}

  /**
   * The observation window after go-live.
   *
   * @param healthCheckInterval how often the observation window re-runs the health checks
   */
  public record Observation(@DefaultValue("PT15M") Duration healthCheckInterval) {}

  /**
   * The final sign-offs.
   *
   * @param deadline how long the final sign-offs may take before they are escalated
   */
  public record SignOff(@DefaultValue("PT8H") Duration deadline) {}
}

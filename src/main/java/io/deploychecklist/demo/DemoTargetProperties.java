package io.deploychecklist.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the built-in demo target, under {@code checklist.demo-target}.
 *
 * @param mode how the demo target behaves at start-up
 * @param slowDelay how long it delays each answer in slow mode (beyond the 500 ms SLA); at most
 *     30 s
 */
@ConfigurationProperties("checklist.demo-target")
record DemoTargetProperties(
    @DefaultValue("healthy") DemoTargetMode.Mode mode, @DefaultValue("1500ms") Duration slowDelay) {

  static final Duration DEFAULT_SLOW_DELAY = Duration.ofMillis(1500);
  // A typo such as "1500s" must not tie up request threads for half an hour.
  static final Duration MAX_SLOW_DELAY = Duration.ofSeconds(30);

  DemoTargetProperties {
    mode = mode == null ? DemoTargetMode.Mode.HEALTHY : mode;
    slowDelay = slowDelay == null ? DEFAULT_SLOW_DELAY : slowDelay;
    if (slowDelay.isNegative() || slowDelay.compareTo(MAX_SLOW_DELAY) > 0) {
      throw new IllegalArgumentException(
          "checklist.demo-target.slow-delay must be between 0 and " + MAX_SLOW_DELAY.toSeconds()
              + "s, was " + slowDelay);
    }
  }
}

package io.deploychecklist.load;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The load baseline, under {@code checklist.load}. PASS/FAIL thresholds are the SLA
 * ({@code checklist.sla.p95}, {@code checklist.sla.error-rate}).
 *
 * @param path path below the release's target that the load is sent to; blank switches the load
 *     baseline off (SKIPPED)
 * @param rate requests per second, sent at fixed intervals whatever the target does (open loop)
 * @param duration how long requests are sent; {@code rate × duration} must reach 100 requests
 * @param timeout the longest one request may take; a request that takes longer is an error
 * @param maxRate a BPMN input mapping or configuration asking for a higher rate is refused
 * @param maxDuration a longer run is refused
 * @param allowedHosts hosts the load may be sent to; empty means the release's target host only
 * @param maxDegradation how much worse the post-deployment p95 may be than the baseline's (0.5 =
 *     50 %) before it is a failure
 * @param minDegradation a p95 at most this much worse than the baseline's is never a failure,
 *     whatever the percentage: for a target answering in a few milliseconds, 50 % is jitter
 */
@ConfigurationProperties("checklist.load")
public record LoadProperties(
    String path,
    @DefaultValue("10") double rate,
    @DefaultValue("30s") Duration duration,
    @DefaultValue("5s") Duration timeout,
    @DefaultValue("50") double maxRate,
    @DefaultValue("2m") Duration maxDuration,
    @DefaultValue List<String> allowedHosts,
    @DefaultValue("0.5") double maxDegradation,
    @DefaultValue("1ms") Duration minDegradation) {

  public LoadProperties {
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    requirePositive(duration, "checklist.load.duration");
    requirePositive(timeout, "checklist.load.timeout");
    requirePositive(maxDuration, "checklist.load.max-duration");
    if (!(maxRate > 0)) {
      throw new IllegalArgumentException("checklist.load.max-rate must be positive, was " + maxRate);
    }
    if (!(maxDegradation > 0)) {
      throw new IllegalArgumentException("checklist.load.max-degradation must be positive (0.5 = 50 %), was " + maxDegradation);
    }
    if (minDegradation == null || minDegradation.isNegative()) {
      throw new IllegalArgumentException("checklist.load.min-degradation must not be negative, was " + minDegradation);
    }
  }

  /** Defaults with the given path: 10/s for 30 s, 5 s timeout, at most 50/s for 2 minutes. */
  public static LoadProperties withPath(String path) {
    return new LoadProperties(path, 10, Duration.ofSeconds(30), Duration.ofSeconds(5), 50,
        Duration.ofMinutes(2), List.of(), 0.5, Duration.ofMillis(1));
  }

  private static void requirePositive(Duration value, String key) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be positive, was " + value);
    }
  }
}

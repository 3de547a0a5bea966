package io.deploychecklist.load;

import io.deploychecklist.evidence.Evidence;
import java.util.Locale;

/**
 * The rollback trigger "performance degradation > 50 %": the post-deployment p95 compared with the
 * pre-deployment baseline of the same release. Plain Java.
 */
public final class PerformanceComparison {

  private PerformanceComparison() {}

  /**
   * @param baselineName the check that measured the baseline (for people)
   * @param currentName the check that measured after deployment
   * @param baselineMs the baseline p95, or {@code null} when it was not measured
   * @param currentMs the post-deployment p95, or {@code null} when it was not measured
   * @param maxDegradation how much worse is still acceptable (0.5 = 50 %)
   * @param minDegradationMs a p95 at most this many milliseconds worse never fails (at least 1: the
   *     values are whole milliseconds, so a difference of 1 is rounding)
   */
  public static Evidence compare(String check, String baselineName, String currentName, Long baselineMs,
      Long currentMs, double maxDegradation, long minDegradationMs) {
    String target = "p95 of " + currentName + " against " + baselineName;
    String allowed = String.format(Locale.ROOT, "%.0f %%", maxDegradation * 100);
    if (baselineMs == null || currentMs == null) {
      String missing = baselineMs == null ? baselineName : currentName;
      return Evidence.skipped(check, target, "no p95 of " + missing + " (" + missing + "P95Ms): compare the "
          + "response times before and after the deployment by hand; more than " + allowed + " worse is a rollback trigger");
    }
    long noise = Math.max(1, minDegradationMs);
    double limit = Math.max(baselineMs * (1 + maxDegradation), baselineMs + noise);
    String threshold = "p95 at most " + allowed + " (or " + noise + " ms) above the baseline (≤ "
        + String.format(Locale.ROOT, "%.0f", Math.floor(limit)) + " ms)";
    String change = baselineMs == 0 ? (currentMs == 0 ? "+0 %" : "from 0 ms")
        : String.format(Locale.ROOT, "%+.0f %%", (currentMs - baselineMs) * 100.0 / baselineMs);
    String observed = "p95 " + currentMs + " ms after, " + baselineMs + " ms before (" + change + ")";
    if (currentMs > limit) {
      return Evidence.failed(check, target, observed, threshold,
          "performance degraded by more than " + allowed + ": a rollback trigger", 0);
    }
    return Evidence.passed(check, target, observed, threshold,
        "no degradation beyond " + allowed, 0);
  }
}

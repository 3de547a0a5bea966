package io.deploychecklist.benchmark;

import java.util.Arrays;

/** p50/p95/p99 (nearest rank) of a sample of durations in milliseconds. */
record Percentiles(int calls, double p50, double p95, double p99, double max) {

  static Percentiles of(double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
  }

  private static double rank(double[] sorted, int percentile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}

package io.deploychecklist.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * What an open-loop load run measured. Every latency is counted from the request's scheduled send
 * time, so a stall of the target shows in the percentiles of every request that was due during it.
 *
 * @param requests how many requests were scheduled (and sent)
 * @param errors how many failed: not 2xx, timed out, or no answer
 * @param p50Nanos nearest-rank 50th percentile latency
 * @param p95Nanos nearest-rank 95th percentile latency
 * @param p99Nanos nearest-rank 99th percentile latency
 * @param maxNanos the slowest request
 * @param rate requests per second, as scheduled
 * @param duration how long requests were scheduled
 * @param maxSendLagNanos the most any request was sent after its scheduled time (the load
 *     generator's own delay; large values mean the machine running it was overloaded)
 * @param errorKinds failures by kind ("HTTP 503", "timeout", ...), in the order first seen
 */
public record LoadResult(
    int requests,
    int errors,
    long p50Nanos,
    long p95Nanos,
    long p99Nanos,
    long maxNanos,
    double rate,
    Duration duration,
    long maxSendLagNanos,
    Map<String, Integer> errorKinds) {

  /** Builds the result from the per-request latencies (nanoseconds), in any order. */
  static LoadResult of(long[] latencies, int errors, double rate, Duration duration, long maxSendLagNanos,
      Map<String, Integer> errorKinds) {
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new LoadResult(sorted.length, errors,
        nearestRank(sorted, 50), nearestRank(sorted, 95), nearestRank(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1],
        rate, duration, maxSendLagNanos, Map.copyOf(errorKinds));
  }

  /**
   * The nearest-rank percentile: the smallest value such that at least {@code percentile} % of the
   * values are at most it, i.e. the value at rank ceil(p/100 × n).
   */
  static long nearestRank(long[] sorted, double percentile) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
  }

  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  public long p50Millis() {
    return millis(p50Nanos);
  }

  public long p95Millis() {
    return millis(p95Nanos);
  }

  public long p99Millis() {
    return millis(p99Nanos);
  }

  static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }

}

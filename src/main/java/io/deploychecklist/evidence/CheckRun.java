package io.deploychecklist.evidence;

import java.util.concurrent.TimeUnit;

/**
 * One run of one check: the clock starts with it, and it ends in the check's evidence, which
 * carries the time taken. The checks build their evidence through it, so each is timed the same
 * way and words a failed connection the same way ({@link ConnectionFailures}).
 */
public final class CheckRun {

  private final String check;
  private final String target;
  private final String threshold;
  private final Stopwatch clock = Stopwatch.start();
  private long stoppedNanos = -1;

  private CheckRun(String check, String target, String threshold) {
    this.check = check;
    this.target = target;
    this.threshold = threshold;
  }

  /**
   * @param check the check's name, which names its evidence variable
   * @param target what is checked, as evidence may show it (no credentials)
   * @param threshold what the check expects
   */
  public static CheckRun start(String check, String target, String threshold) {
    return new CheckRun(check, target, threshold);
  }

  /**
   * Stops the clock, the first time only: the milliseconds the evidence reports, so that an
   * observed text quoting them matches the evidence's {@code durationMs}.
   */
  public long stop() {
    if (stoppedNanos < 0) {
      stoppedNanos = clock.nanos();
    }
    return TimeUnit.NANOSECONDS.toMillis(stoppedNanos);
  }

  /** The nanoseconds until {@link #stop}, for thresholds finer than a millisecond. */
  public long stoppedNanos() {
    stop();
    return stoppedNanos;
  }

  public Evidence passed(String observed, String detail) {
    return Evidence.passed(check, target, observed, threshold, detail, stop());
  }

  public Evidence failed(String observed, String detail) {
    return Evidence.failed(check, target, observed, threshold, detail, stop());
  }

  /** Checked in part: {@code detail} says what a person still verifies by hand. */
  public Evidence skipped(String observed, String detail) {
    return Evidence.skipped(check, target, observed, threshold, detail, stop());
  }
}

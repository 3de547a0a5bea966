package io.deploychecklist.evidence;

import java.util.concurrent.TimeUnit;

/** The time since it started, on the monotonic clock: what evidence reports as its duration. */
public final class Stopwatch {

  private final long startNanos = System.nanoTime();

  private Stopwatch() {}

  public static Stopwatch start() {
    return new Stopwatch();
  }

  public long nanos() {
    return System.nanoTime() - startNanos;
  }

  public long millis() {
    return TimeUnit.NANOSECONDS.toMillis(nanos());
  }
}

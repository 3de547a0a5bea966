package io.deploychecklist.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * One load run as asked for, checked against its bounds before anything is sent.
 *
 * @param url where every request goes (GET)
 * @param rate requests per second
 * @param duration how long requests are scheduled
 * @param timeout bound on each request
 */
public record LoadPlan(HttpUrl url, double rate, Duration duration, Duration timeout) {

  /** Percentiles over fewer samples say little: a run must schedule at least this many requests. */
  public static final int MIN_SAMPLES = 100;

  /** The number of requests: one every {@code 1/rate} seconds during {@code duration}. */
  public int requests() {
    return (int) Math.floor(rate * duration.toNanos() / 1e9 + 1e-9);
  }

  /** Nanoseconds between two scheduled sends. */
  public long intervalNanos() {
    return Math.round(1e9 / rate);
  }

  /**
   * Refuses a plan outside its bounds; nothing has been sent when this throws.
   *
   * @param allowedHosts hosts the load may go to (case-insensitive)
   * @throws LoadRefusedException naming the bound and its configuration key
   */
  public void requireWithin(double maxRate, Duration maxDuration, List<String> allowedHosts) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new LoadRefusedException("the rate must be a positive number of requests per second, was " + rate);
    }
    if (rate > maxRate) {
      throw new LoadRefusedException("the rate " + rate(rate) + "/s is above checklist.load.max-rate ("
          + rate(maxRate) + "/s)");
    }
    if (duration.compareTo(maxDuration) > 0) {
      throw new LoadRefusedException("the duration " + duration + " is above checklist.load.max-duration ("
          + maxDuration + ")");
    }
    boolean allowed = allowedHosts.stream().anyMatch(host -> host.trim().equalsIgnoreCase(url.host()));
    if (!allowed) {
      throw new LoadRefusedException("the host " + url.host() + " is not allowed (checklist.load.allowed-hosts; "
          + "empty means the release's target host only): allowed are " + allowedHosts);
    }
    if (requests() < MIN_SAMPLES) {
      throw new LoadRefusedException(rate(rate) + "/s for " + duration + " gives " + requests()
          + " requests; percentiles need at least " + MIN_SAMPLES + " (raise checklist.load.rate or .duration)");
    }
  }

  static String rate(double rate) {
    return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.format(Locale.ROOT, "%.2f", rate);
  }
}

package io.deploychecklist.evidence;

import java.time.Duration;

/** Shared validation of the checks' settings: a wrong value stops the application at start-up. */
public final class ChecksSettings {

  private ChecksSettings() {}

  /** {@code value}, or {@code defaultValue} when unset; zero or negative is refused. */
  public static Duration positive(Duration value, Duration defaultValue, String key) {
    Duration result = value == null ? defaultValue : value;
    if (result.isZero() || result.isNegative()) {
      throw new IllegalArgumentException(key + " must be positive, was " + result);
    }
    return result;
  }

  public static int port(Integer value, int defaultValue, String key) {
    int result = value == null ? defaultValue : value;
    if (result < 1 || result > 65535) {
      throw new IllegalArgumentException(key + " must be a port (1-65535), was " + result);
    }
    return result;
  }

  public static String trimToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** A whole number of seconds, at least one: what JDBC drivers take as timeouts. */
  public static int seconds(Duration value) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (value.toMillis() + 999) / 1000));
  }

  public static int millis(Duration value) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, value.toMillis()));
  }
}

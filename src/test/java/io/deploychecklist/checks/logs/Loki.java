package io.deploychecklist.checks.logs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Loki the log checks' tests run against: a real Grafana Loki ({@link LokiProcess}), or the
 * stand-in that answers as Loki's documented HTTP API does ({@link LokiApi}). Each test scenario is
 * written once against this and run on both; the real one only where it is installed.
 */
public interface Loki extends AutoCloseable {

  /** The base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  String url();

  /** Pushes {@code lines} into the stream with {@code labels} through {@code /loki/api/v1/push}. */
  void push(Map<String, String> labels, List<Line> lines);

  /**
   * What this Loki recorded of the queries it received, for a test to assert what was (and was not)
   * sent: a real Loki's own log, where it logs every query it executes; the stand-in's record of
   * every request line (method, path and query string).
   */
  String queryLog();

  /** One line of a stream, at a time. */
  record Line(Instant at, String text) {}

  /** Nanoseconds since the epoch, as Loki's API counts time. */
  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}

package io.deploychecklist.checks.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A Loki the log checks' tests run against: a real Grafana Loki ({@link LokiProcess}), or the
 * stand-in that answers as Loki's documented HTTP API does ({@link LokiApi}). Each test scenario is
 * written once against this and run on both; the real one only where it is installed.
 */
public interface Loki extends AutoCloseable {

  /** The base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  String url();

  /** Pushes {@code lines} into the stream with {@code labels} through {@code /loki/api/v1/push}. */
  default void push(Map<String, String> labels, List<Line> lines) {
    List<List<String>> values = new ArrayList<>();
    for (Line line : lines) {
      values.add(List.of(Long.toString(nanos(line.at())), line.text()));
    }
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("stream", labels);
    stream.put("values", values);
    OkHttpClient client = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();
    try {
      String body = new ObjectMapper().writeValueAsString(Map.of("streams", List.of(stream)));
      try (Response response = client.newCall(new Request.Builder().url(url() + "/loki/api/v1/push")
          .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
        // Loki answers 204 No Content.
        if (response.code() != 204 && response.code() != 200) {
          throw new IllegalStateException(url() + " refused the push: HTTP " + response.code() + " "
              + (response.body() == null ? "" : response.body().string()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot push to " + url(), e);
    }
  }

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
